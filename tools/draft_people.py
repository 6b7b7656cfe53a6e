"""Machine draft of the person registry ``data/people.toml`` (throwaway, regenerable).

The committed ``data/people.toml`` is the HAND-CORRECTED version of this
draft: names, delegations, offices and merges were checked against the text
and fixed by hand. This script exists so that the draft can be regenerated and
diffed against the corrected file, which shows every correction::

    python tools/draft_people.py > /tmp/people_draft.toml
    diff /tmp/people_draft.toml data/people.toml

or, label by label (draft name and delegation against the registry's)::

    python tools/draft_people.py --compare data/people.toml

Stdlib only (``tomllib`` included), deterministic (every list is sorted).

What it does, naively on purpose:

1. Reads the State Department corpus (``data/raw/state-gov-remarks-2021-2023``,
   de-duplicated by url, first file in the package's order wins) and the White
   House files of classes ``joint_press_conference``, ``press_conference``,
   ``joint_statements_no_q`` and ``spray`` (``MANIFEST.csv`` of the folder given
   with ``--whitehouse``, default ``data/raw/whitehouse-2021-2025``).
2. Collects speaker labels: on State pages, every line that opens with an
   upper-case label and a colon (the package's pattern); in White House files,
   every paragraph that opens so (a hard-wrapped line inside a paragraph is not
   a turn). Labels are normalised as the package does: straight quotes, single
   spaces, NFC, upper case; periods are kept ("MS. JEAN-PIERRE").
   Generic labels (QUESTION, Q, MODERATOR, INTERPRETER, PARTICIPANT,
   AUDIENCE..., ...AIDE, STAFF, ANNOUNCER, SENIOR ADMINISTRATION OFFICIAL)
   are dropped.
3. Resolves each label on each page from the page title: the label's surname
   words are looked for in the title; the name is the run of capitalised words
   around them, the office the words before it back to a comma or "and", the
   delegation the nationality or country named in that office phrase
   ("Japanese"; a copy of ``analysis.delegations.COUNTRY_NAMES``) or right after
   the name ("... Suga of Japan"), else "US" for an office without one. A label not found
   in the title keeps the label as its name and an empty delegation.
4. Groups labels whose resolved names are equal into one ``[[person]]``.

Every known weakness of this procedure is a hand correction in
``data/people.toml`` (see its header and ``data/README.md``).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = ROOT / "data" / "raw" / "state-gov-remarks-2021-2023"
STATE_FILES = ("remarks-page1.json", "remarks-page19.json", "remarks-page8.json")
WH_DIR = ROOT / "data" / "raw" / "whitehouse-2021-2025"
WH_CLASSES = {"joint_press_conference", "press_conference", "joint_statements_no_q", "spray"}

_WORD = r"[^\W\d_][^\W\d_.'\u2019-]*(?:[.'\u2019-]+[^\W\d_]*)*"
LABEL = re.compile(rf"^[ \t\u00a0]*`?(?P<label>{_WORD}(?:[ \u00a0]+{_WORD})*)[ \u00a0]*:(?:[ \t\u00a0]+|$)")
ADDRESS_SLIP = {
    "AMBASSADOR", "MINISTER", "SECRETARY", "PRESIDENT", "MR", "MS", "MRS", "DR", "SENATOR", "GOVERNOR",
}  # fmt: skip
GENERIC = re.compile(
    r"^(?:QUESTION|Q|MODERATOR|INTERPRETER|PARTICIPANTS?|AUDIENCE(?: MEMBERS?)?|REPORTER|STAFF|"
    r"ANNOUNCER|SENIOR ADMINISTRATION OFFICIAL|(?:[A-Z ]+ )?AIDE)$"
)
OFFICE_WORDS = {
    "ACTING", "ADMINISTRATOR", "AFFAIRS", "ALTERNATE", "AMBASSADOR", "AND", "ARCHBISHOP", "ASSISTANT",
    "ATTORNEY", "BGEN", "CABINET", "CARETAKER", "CHAIRMAN", "CHAIRPERSON", "CHANCELLOR", "CHARGE",
    "COLONEL", "COMMISSIONER", "COUNCILOR", "CROWN", "DEFENCE", "DEFENSE", "DEPUTY", "DIRECTOR", "DR",
    "ECONOMY", "ENERGY", "EXTERNAL", "FINANCE", "FIRST", "FOR", "FOREIGN", "GENERAL", "GOVERNOR", "HIGH",
    "IN", "MAYOR", "MEMBER", "MINISTER", "MR", "MRS", "MS", "OF", "OFFICER", "PRESIDENT", "PRIME",
    "PRINCE", "RANKING", "REPRESENTATIVE", "SECRETARY", "SECRETARY-GENERAL", "SECURITY", "SENATOR",
    "SPEAKER", "STATE", "THE", "TRADE", "UNDER", "VICE", "JR",
}  # fmt: skip
# Nationalities, countries and organisations as printed in titles -> delegation
# (a copy of analysis.delegations.COUNTRY_NAMES, so that this script needs no import).
COUNTRIES = {
    "ASEAN": "ASEAN", "AU": "African Union", "Afghan": "Afghanistan", "Afghanistan": "Afghanistan",
    "African Union": "African Union", "African Union Commission": "African Union", "Albania": "Albania",
    "Albanian": "Albania", "Algeria": "Algeria", "Algerian": "Algeria", "American": "US",
    "Angola": "Angola", "Angolan": "Angola", "Argentina": "Argentina", "Argentine": "Argentina",
    "Argentinian": "Argentina", "Armenia": "Armenia", "Armenian": "Armenia", "Australia": "Australia",
    "Australian": "Australia", "Austria": "Austria", "Austrian": "Austria", "Azerbaijan": "Azerbaijan",
    "Azerbaijani": "Azerbaijan", "Bahamas": "Bahamas", "Bahamian": "Bahamas", "Bahrain": "Bahrain",
    "Bahraini": "Bahrain", "Bangladesh": "Bangladesh", "Bangladeshi": "Bangladesh", "Belgian": "Belgium",
    "Belgium": "Belgium", "Belize": "Belize", "Belizean": "Belize", "Benin": "Benin", "Beninese": "Benin",
    "Brazil": "Brazil", "Brazilian": "Brazil", "British": "United Kingdom", "Bulgaria": "Bulgaria",
    "Bulgarian": "Bulgaria", "Cambodia": "Cambodia", "Cambodian": "Cambodia", "Canada": "Canada",
    "Canadian": "Canada", "Chile": "Chile", "Chilean": "Chile", "China": "China", "Chinese": "China",
    "Colombia": "Colombia", "Colombian": "Colombia", "Congolese": "DR Congo", "Costa Rica": "Costa Rica",
    "Costa Rican": "Costa Rica", "Croatia": "Croatia", "Croatian": "Croatia", "Cypriot": "Cyprus",
    "Cyprus": "Cyprus", "Czech": "Czech Republic", "Czech Republic": "Czech Republic", "D.C.": "US",
    "DR Congo": "DR Congo", "DRC": "DR Congo", "Danish": "Denmark",
    "Democratic Republic of Congo": "DR Congo", "Democratic Republic of the Congo": "DR Congo",
    "Denmark": "Denmark", "Djibouti": "Djibouti", "Djiboutian": "Djibouti",
    "Dominican Republic": "Dominican Republic", "Dutch": "Netherlands", "EU": "EU", "Ecuador": "Ecuador",
    "Ecuadorian": "Ecuador", "Egypt": "Egypt", "Egyptian": "Egypt", "Emirati": "UAE", "Estonia": "Estonia",
    "Estonian": "Estonia", "Ethiopia": "Ethiopia", "Ethiopian": "Ethiopia", "European Commission": "EU",
    "European Union": "EU", "Federated States of Micronesia": "Micronesia", "Fiji": "Fiji",
    "Fijian": "Fiji", "Filipino": "Philippines", "Finland": "Finland", "Finnish": "Finland",
    "France": "France", "French": "France", "Georgia": "Georgia", "Georgian": "Georgia",
    "German": "Germany", "Germany": "Germany", "Ghana": "Ghana", "Ghanaian": "Ghana", "Greece": "Greece",
    "Greek": "Greece", "Guatemala": "Guatemala", "Guatemalan": "Guatemala", "Guyana": "Guyana",
    "Guyanese": "Guyana", "Haiti": "Haiti", "Haitian": "Haiti", "Honduran": "Honduras",
    "Honduras": "Honduras", "Hungarian": "Hungary", "Hungary": "Hungary", "Iceland": "Iceland",
    "Icelandic": "Iceland", "India": "India", "Indian": "India", "Indonesia": "Indonesia",
    "Indonesian": "Indonesia", "Iraq": "Iraq", "Iraqi": "Iraq", "Ireland": "Ireland", "Irish": "Ireland",
    "Israel": "Israel", "Israeli": "Israel", "Italian": "Italy", "Italy": "Italy", "Jamaica": "Jamaica",
    "Jamaican": "Jamaica", "Japan": "Japan", "Japanese": "Japan", "Jordan": "Jordan",
    "Jordanian": "Jordan", "Kazakh": "Kazakhstan", "Kazakhstan": "Kazakhstan", "Kazakhstani": "Kazakhstan",
    "Kenya": "Kenya", "Kenyan": "Kenya", "Korea": "South Korea", "Korean": "South Korea",
    "Kosovar": "Kosovo", "Kosovo": "Kosovo", "Kuwait": "Kuwait", "Kuwaiti": "Kuwait",
    "Kyrgyz": "Kyrgyzstan", "Kyrgyz Republic": "Kyrgyzstan", "Kyrgyzstan": "Kyrgyzstan",
    "Latvia": "Latvia", "Latvian": "Latvia", "Lebanese": "Lebanon", "Lebanon": "Lebanon",
    "Liberia": "Liberia", "Liberian": "Liberia", "Libya": "Libya", "Libyan": "Libya",
    "Lithuania": "Lithuania", "Lithuanian": "Lithuania", "Luxembourg": "Luxembourg",
    "Luxembourgish": "Luxembourg", "Malawi": "Malawi", "Malawian": "Malawi", "Malaysia": "Malaysia",
    "Malaysian": "Malaysia", "Maldives": "Maldives", "Maldivian": "Maldives", "Malta": "Malta",
    "Maltese": "Malta", "Marshall Islands": "Marshall Islands", "Marshallese": "Marshall Islands",
    "Mauritania": "Mauritania", "Mauritanian": "Mauritania", "Mexican": "Mexico", "Mexico": "Mexico",
    "Micronesia": "Micronesia", "Micronesian": "Micronesia", "Moldova": "Moldova", "Moldovan": "Moldova",
    "Mongolia": "Mongolia", "Mongolian": "Mongolia", "Montenegrin": "Montenegro",
    "Montenegro": "Montenegro", "Moroccan": "Morocco", "Morocco": "Morocco", "Mozambican": "Mozambique",
    "Mozambique": "Mozambique", "NATO": "NATO", "Netherlands": "Netherlands", "New Zealand": "New Zealand",
    "Niger": "Niger", "Nigeria": "Nigeria", "Nigerian": "Nigeria", "Nigerien": "Niger",
    "North Macedonia": "North Macedonia", "North Macedonian": "North Macedonia", "Norway": "Norway",
    "Norwegian": "Norway", "OAS": "OAS", "Oman": "Oman", "Omani": "Oman",
    "Organization of American States": "OAS", "PRC": "China", "Pakistan": "Pakistan",
    "Pakistani": "Pakistan", "Palau": "Palau", "Palauan": "Palau", "Palestinian": "Palestinian Authority",
    "Palestinian Authority": "Palestinian Authority", "Panama": "Panama", "Panamanian": "Panama",
    "Papua New Guinea": "Papua New Guinea", "Papua New Guinean": "Papua New Guinea",
    "Paraguay": "Paraguay", "Paraguayan": "Paraguay", "People's Republic of China": "China",
    "Peru": "Peru", "Peruvian": "Peru", "Philippine": "Philippines", "Philippines": "Philippines",
    "Poland": "Poland", "Polish": "Poland", "Portugal": "Portugal", "Portuguese": "Portugal",
    "Qatar": "Qatar", "Qatari": "Qatar", "ROK": "South Korea", "Republic of Korea": "South Korea",
    "Romania": "Romania", "Romanian": "Romania", "Russia": "Russia", "Russian": "Russia",
    "Rwanda": "Rwanda", "Rwandan": "Rwanda", "Saudi": "Saudi Arabia", "Saudi Arabia": "Saudi Arabia",
    "Senegal": "Senegal", "Senegalese": "Senegal", "Serbia": "Serbia", "Serbian": "Serbia",
    "Singapore": "Singapore", "Singaporean": "Singapore", "Slovak": "Slovakia", "Slovakia": "Slovakia",
    "Slovenia": "Slovenia", "Slovenian": "Slovenia", "Somali": "Somalia", "Somalia": "Somalia",
    "South Africa": "South Africa", "South African": "South Africa", "South Korea": "South Korea",
    "South Korean": "South Korea", "Spain": "Spain", "Spanish": "Spain", "Sri Lanka": "Sri Lanka",
    "Sri Lankan": "Sri Lanka", "Suriname": "Suriname", "Surinamese": "Suriname", "Sweden": "Sweden",
    "Swedish": "Sweden", "Swiss": "Switzerland", "Switzerland": "Switzerland", "Tajik": "Tajikistan",
    "Tajikistan": "Tajikistan", "Thai": "Thailand", "Thailand": "Thailand",
    "Tobagonian": "Trinidad and Tobago", "Trinidad and Tobago": "Trinidad and Tobago",
    "Tunisia": "Tunisia", "Tunisian": "Tunisia", "Turkey": "Türkiye", "Turkish": "Türkiye",
    "Turkmen": "Turkmenistan", "Turkmenistan": "Turkmenistan", "Türkiye": "Türkiye",
    "U.K.": "United Kingdom", "U.S.": "US", "UAE": "UAE", "UK": "United Kingdom", "UN": "UN", "US": "US",
    "Uganda": "Uganda", "Ugandan": "Uganda", "Ukraine": "Ukraine", "Ukrainian": "Ukraine",
    "United Arab Emirates": "UAE", "United Kingdom": "United Kingdom", "United Nations": "UN",
    "United States": "US", "Uruguay": "Uruguay", "Uruguayan": "Uruguay", "Uzbek": "Uzbekistan",
    "Uzbekistan": "Uzbekistan", "Uzbekistani": "Uzbekistan", "Vatican": "Holy See", "Vietnam": "Vietnam",
    "Vietnamese": "Vietnam", "Washington": "US", "Washington, D.C.": "US", "Yemen": "Yemen",
    "Yemeni": "Yemen", "Zambia": "Zambia", "Zambian": "Zambia",

}  # fmt: skip
CONNECTORS = {"and", "at", "on", "in", "with", "before", "after", "of", "the", "for", "to", "a", "their"}
# Offices as printed in titles: they end a name.
TITLE_OFFICES = {
    "ADMINISTRATOR", "CEO", "CHIEF", "CONGRESSMAN", "DEPUTY", "EXECUTIVE", "FOUNDING", "MINISTER",
    "PRESIDENT", "SECRETARY", "SPOKESPERSON",
}  # fmt: skip
# Title-case event words that end a name ("... Hayashi Before Their Meeting").
EVENT_WORDS = {
    "meeting", "joint", "press", "availability", "remarks", "statements", "statement", "signing",
    "ceremony", "conference", "bilateral", "trilateral", "summit", "during", "virtual", "dinner",
    "luncheon", "arrival", "announcing", "participating",
}  # fmt: skip


def normalise(label: str) -> str:
    text = unicodedata.normalize("NFC", label.replace("\u00a0", " ").replace("\u2019", "'"))
    return re.sub(r"\s+", " ", text).strip()


def label_of(line: str) -> str | None:
    match = LABEL.match(line)
    if match is None:
        return None
    label = match.group("label")
    if any(ch.islower() for ch in label):
        words = label.replace("\u00a0", " ").split()
        head, last = words[:-1], words[-1]
        if not (
            head
            and all(not any(ch.islower() for ch in w) for w in head)
            and head[-1].rstrip(".") in ADDRESS_SLIP
            and last[0].isupper()
        ):
            return None
        label = label.upper()
    return normalise(label)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


def state_pages() -> list[dict]:
    records: dict[str, dict] = {}
    for name in STATE_FILES:
        for record in json.loads((STATE_DIR / name).read_text(encoding="utf-8")):
            records.setdefault(record["url"], record)
    pages = []
    for url in sorted(records):
        content = records[url].get("content")
        if not isinstance(content, str):
            continue
        labels = {label_of(line) for line in content.splitlines()} - {None}
        title = re.sub(r"\s+", " ", records[url].get("title") or "").strip()
        pages.append({"source": url, "title": title, "labels": labels})
    return pages


def whitehouse_pages(folder: Path) -> list[dict]:
    pages = []
    with (folder / "MANIFEST.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["class"] in WH_CLASSES]
    for row in sorted(rows, key=lambda r: r["path"]):
        text = (folder / row["path"]).read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1]
        labels, previous_blank = set(), True
        for line in body.split("\n"):
            if not line.strip(" \u00a0"):
                previous_blank = True
                continue
            if previous_blank:
                found = label_of(line)
                if found:
                    labels.add(found)
            previous_blank = False
        pages.append({"source": row["path"], "title": row["title"], "labels": labels})
    return pages


def resolve(label: str, title: str) -> tuple[str, str, str]:
    """``(name, office, delegation)`` from the title; the label itself when not found."""
    surnames = [w for w in fold(label).replace(".", "").split() if w not in OFFICE_WORDS and len(w) > 1]
    words = title.replace(",", " , ").split()
    folded = [fold(w).strip(".").replace("\u2019S", "").replace("'S", "") for w in words]
    hits = [i for i, w in enumerate(folded) if surnames and w == surnames[-1]]
    if not hits:
        return label, "", ""
    i = hits[0]
    capital = re.compile(r"^[A-Z\u00c0-\u024f][\w.'\u2019-]*$")
    single = {name for name in COUNTRIES if " " not in name}

    def inside(k: int) -> bool:
        word = words[k]
        return (
            bool(capital.match(word))
            and word not in single
            and word.lower() not in CONNECTORS | EVENT_WORDS
            and fold(word).strip(".") not in OFFICE_WORDS | TITLE_OFFICES
        )

    start = end = i
    while start > 0 and inside(start - 1):
        start -= 1
    while end + 1 < len(words) and inside(end + 1):
        end += 1
    name = " ".join(words[start : end + 1])
    k = start
    while k > 0 and words[k - 1] not in {",", "and", "And", "with", "With"}:
        k -= 1
    phrase = " ".join(words[k:start])
    tail = " ".join(words[end + 1 : end + 8])
    delegation = country_in(phrase)
    if not delegation and tail.startswith("of "):
        delegation = country_in(tail[3:].split(" in ")[0].split(" at ")[0].split(" Before ")[0])
    office = phrase
    for country in sorted(COUNTRIES, key=len, reverse=True):
        office = re.sub(rf"(?<!\w){re.escape(country)}(?!\w)", "", office)
    office = re.sub(r"\s+", " ", office).strip()
    if not delegation and office:
        delegation = "US"
    return name, office, delegation


def country_in(phrase: str) -> str:
    for country in sorted(COUNTRIES, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(country)}(?!\w)", phrase):
            return COUNTRIES[country]
    return ""


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def draft(pages: list[dict]) -> str:
    # A label resolved on some page takes those resolutions everywhere; a label
    # resolved nowhere is a person named by the label.
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for page in pages:
        for label in sorted(page["labels"]):
            if not GENERIC.match(label):
                found[label].append(resolve(label, page["title"]))
    people: dict[str, dict] = defaultdict(lambda: {"labels": set(), "offices": set(), "delegations": set()})
    for label in sorted(found):
        resolved = [r for r in found[label] if r[0] != label] or [(label, "", "")]
        for name, office, delegation in resolved:
            person = people[name]
            person["labels"].add(label)
            if office:
                person["offices"].add(office)
            person["delegations"].add(delegation)
    out = ["# DRAFT made by tools/draft_people.py; the hand-corrected registry is data/people.toml.", ""]
    for name in sorted(people, key=lambda n: (slug(n), n)):
        person = people[name]
        delegations = sorted(d for d in person["delegations"] if d)
        out += [
            "[[person]]",
            f"id = {quote(slug(name))}",
            f"name = {quote(name)}",
            f"delegation = {quote(delegations[0] if len(delegations) == 1 else '')}"
            + (f"  # several: {', '.join(delegations)}" if len(delegations) > 1 else ""),
            f"variants = [{', '.join(quote(v) for v in [name])}]",
            f"labels = [{', '.join(quote(v) for v in sorted(person['labels']))}]",
        ]
        for office in sorted(person["offices"]):
            out += ["[[person.offices]]", f"office = {quote(office)}"]
        out.append("")
    return "\n".join(out)


def compare(pages: list[dict], registry: Path) -> str:
    """One line per label whose draft name or delegation differs from the registry's."""
    import tomllib

    people = tomllib.loads(registry.read_text(encoding="utf-8"))["person"]
    corrected = {label: (p["name"], p["delegation"]) for p in people for label in p["labels"]}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for page in pages:
        for label in page["labels"]:
            if not GENERIC.match(label):
                name, _, delegation = resolve(label, page["title"])
                found[label].add((name, delegation))
    lines = []
    for label in sorted(found):
        drafted = sorted(found[label])
        if label not in corrected:
            lines.append(f"{label}: not in the registry (draft {drafted})")
        elif drafted != [corrected[label]]:
            shown = "; ".join(f"{n} [{d or '?'}]" for n, d in drafted)
            lines.append(f"{label}: draft {shown} -> {corrected[label][0]} [{corrected[label][1]}]")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whitehouse", type=Path, default=WH_DIR, help="White House corpus folder")
    parser.add_argument("--compare", type=Path, help="print, label by label, how a registry differs")
    args = parser.parse_args()
    pages = state_pages() + whitehouse_pages(args.whitehouse)
    print(compare(pages, args.compare) if args.compare else draft(pages), end="")


if __name__ == "__main__":
    main()
