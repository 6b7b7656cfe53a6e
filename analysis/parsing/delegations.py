"""Speaker roles and delegations inferred from the page, without a hand-written roster.

A State Department transcript prints labels such as ``FOREIGN MINISTER
HAYASHI`` or ``MR PRICE``; the page title names the principals with their
nationality ("Secretary Antony J. Blinken and Japanese Foreign Minister Hayashi
Yoshimasa at a Joint Press Availability"). :func:`infer_roster` turns the
labels of one event into a roster table, resolving each label by the first rule
that applies:

1. ``generic``: labels whose meaning does not depend on the event
   (``QUESTION``, ``AUDIENCE``, ``PARTICIPANT`` → press;
   ``MODERATOR``, ``INTERPRETER``, ``STAFF`` get their role here and their
   side in step 4).
2. ``title``: the label's surname appears in the title after a nationality
   or an organisation ("Japanese", "Republic of Korea", "NATO") with no other
   person's name between them.
3. ``us_office``: a known U.S. office holder (:data:`US_OFFICIALS`: the
   Secretary, Deputy Secretary, the spokespersons ``MR PRICE``, ``MR PATEL``,
   ``MR MILLER`` as moderators, other cabinet members and senior officials);
   ``us_office_fuzzy`` accepts a one-letter printing slip
   (``SECRETARY BLINKNEN``).
4. ``moderator_side`` / ``interpreter_side`` / ``host``: an ``INTERPRETER``
   serves the counterpart delegation when there is exactly one. A
   ``MODERATOR`` (or an unresolved ``MR``/``MS`` label that gives the floor
   to the press) serves the one counterpart when it alternates with the U.S.
   spokesperson or when its turns are interpreted; otherwise it, or a
   ``STAFF`` member, serves the host (the country of ``location`` when it is
   a delegation of the event, or the U.S. at home). A ``MODERATOR`` heard
   only before the spokesperson's first turn is often the spokesperson under
   another label, so the host rule decides it.
5. ``unresolved``: anything else is a principal of unknown delegation
   (``<NA>``), flagged in the ``unresolved`` column, never guessed.

White House pages (``format="whitehouse"``) name their principals the other
way round ("President Biden and Prime Minister Kishida Fumio *of Japan*"), and
their U.S. speakers are White House officials. For them, in this order:
generic labels as above, plus ``Q`` (press), ``SENIOR ADMINISTRATION
OFFICIAL(S)`` (U.S.), ``OPERATOR``, ``ANNOUNCER``, ``AIDE`` (staff, by the side
they serve; ``WHITE HOUSE AIDE``/``MILITARY AIDE`` U.S., ``POLISH AIDE``
Poland); ``known_leader``: a foreign leader of :data:`FOREIGN_LEADERS`
(after the title rules); ``THE PRESIDENT`` and ``THE VICE PRESIDENT`` are the U.S. office
holders of the page's date (:data:`PRESIDENTS`, :data:`VICE_PRESIDENTS`);
``title``: the surname followed in the title by at most three more name words
and "of <country>" (a one-letter slip in the surname, "ZELENSKKY", is
accepted), then the State rule above; ``us_office``: the White House
officials of :data:`WHITE_HOUSE_OFFICIALS` (the press secretaries, the
National Security Advisor, NSC and economic officials), then
:data:`US_OFFICIALS`; step 4 with the host taken from the location, or the
U.S. when the location names no country.

A roster file always wins: :func:`analysis.parsing.corpus.read_corpus` uses a
hand-written roster where one exists and inference only where none does.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

import pandas as pd

from .._validation import check_table
from .roster import ROSTER_COLUMNS, load_roster
from .text import normalize_text

__all__ = [
    "COUNTRY_NAMES",
    "FOREIGN_LEADERS",
    "INFERRED_ROSTER_COLUMNS",
    "PRESIDENTS",
    "US_OFFICIALS",
    "VICE_PRESIDENTS",
    "WHITE_HOUSE_OFFICIALS",
    "compare_rosters",
    "country_of",
    "infer_roster",
    "infer_speakers",
]

INFERRED_ROSTER_COLUMNS = [*ROSTER_COLUMNS, "resolved_by", "unresolved"]

#: Nationality adjectives, country and organisation names as printed in titles
#: and locations → delegation code (the short English name; ``US`` for the
#: United States, as in the event files).
COUNTRY_NAMES: dict[str, str] = {
    "U.S.": "US",
    "US": "US",
    "United States": "US",
    "American": "US",
    "Washington": "US",
    "Washington, D.C.": "US",
    "D.C.": "US",
    "Afghan": "Afghanistan",
    "Albanian": "Albania",
    "Algerian": "Algeria",
    "Angolan": "Angola",
    "Argentine": "Argentina",
    "Argentinian": "Argentina",
    "Armenian": "Armenia",
    "Australian": "Australia",
    "Austrian": "Austria",
    "Azerbaijani": "Azerbaijan",
    "Bahamian": "Bahamas",
    "Bahraini": "Bahrain",
    "Bangladeshi": "Bangladesh",
    "Belgian": "Belgium",
    "Belizean": "Belize",
    "Beninese": "Benin",
    "Brazilian": "Brazil",
    "Bulgarian": "Bulgaria",
    "Cambodian": "Cambodia",
    "Canadian": "Canada",
    "Chilean": "Chile",
    "Chinese": "China",
    "People's Republic of China": "China",
    "PRC": "China",
    "Colombian": "Colombia",
    "Costa Rican": "Costa Rica",
    "Croatian": "Croatia",
    "Cypriot": "Cyprus",
    "Cyprus": "Cyprus",
    "Czech": "Czech Republic",
    "Czech Republic": "Czech Republic",
    "Danish": "Denmark",
    "Djiboutian": "Djibouti",
    "Dominican Republic": "Dominican Republic",
    "Dutch": "Netherlands",
    "Ecuadorian": "Ecuador",
    "Egyptian": "Egypt",
    "Emirati": "UAE",
    "UAE": "UAE",
    "United Arab Emirates": "UAE",
    "Estonian": "Estonia",
    "Ethiopian": "Ethiopia",
    "Fijian": "Fiji",
    "Finnish": "Finland",
    "French": "France",
    "Georgian": "Georgia",
    "German": "Germany",
    "Ghanaian": "Ghana",
    "Greek": "Greece",
    "Guatemalan": "Guatemala",
    "Guyanese": "Guyana",
    "Haitian": "Haiti",
    "Honduran": "Honduras",
    "Hungarian": "Hungary",
    "Icelandic": "Iceland",
    "Indian": "India",
    "Indonesian": "Indonesia",
    "Iraqi": "Iraq",
    "Irish": "Ireland",
    "Israeli": "Israel",
    "Italian": "Italy",
    "Jamaican": "Jamaica",
    "Japanese": "Japan",
    "Jordanian": "Jordan",
    "Kazakh": "Kazakhstan",
    "Kazakhstani": "Kazakhstan",
    "Kazakhstan": "Kazakhstan",
    "Kenyan": "Kenya",
    "Kosovo": "Kosovo",
    "Kosovar": "Kosovo",
    "Kuwaiti": "Kuwait",
    "Kyrgyz": "Kyrgyzstan",
    "Kyrgyz Republic": "Kyrgyzstan",
    "Latvian": "Latvia",
    "Lebanese": "Lebanon",
    "Liberian": "Liberia",
    "Libyan": "Libya",
    "Lithuanian": "Lithuania",
    "Luxembourgish": "Luxembourg",
    "Malawian": "Malawi",
    "Malaysian": "Malaysia",
    "Maldivian": "Maldives",
    "Maltese": "Malta",
    "Marshallese": "Marshall Islands",
    "Mauritanian": "Mauritania",
    "Mexican": "Mexico",
    "Micronesian": "Micronesia",
    "Federated States of Micronesia": "Micronesia",
    "Moldovan": "Moldova",
    "Mongolian": "Mongolia",
    "Montenegrin": "Montenegro",
    "Moroccan": "Morocco",
    "Mozambican": "Mozambique",
    "New Zealand": "New Zealand",
    "Nigerian": "Nigeria",
    "Nigerien": "Niger",
    "North Macedonia": "North Macedonia",
    "North Macedonian": "North Macedonia",
    "Norwegian": "Norway",
    "Omani": "Oman",
    "Pakistani": "Pakistan",
    "Palauan": "Palau",
    "Palestinian": "Palestinian Authority",
    "Panamanian": "Panama",
    "Papua New Guinean": "Papua New Guinea",
    "Papua New Guinea": "Papua New Guinea",
    "Paraguayan": "Paraguay",
    "Peruvian": "Peru",
    "Philippine": "Philippines",
    "Filipino": "Philippines",
    "Polish": "Poland",
    "Portuguese": "Portugal",
    "Qatari": "Qatar",
    "Korean": "South Korea",
    "Republic of Korea": "South Korea",
    "ROK": "South Korea",
    "South Korean": "South Korea",
    "Romanian": "Romania",
    "Russian": "Russia",
    "Rwandan": "Rwanda",
    "Saudi": "Saudi Arabia",
    "Senegalese": "Senegal",
    "Serbian": "Serbia",
    "Singaporean": "Singapore",
    "Slovak": "Slovakia",
    "Slovenian": "Slovenia",
    "Somali": "Somalia",
    "South African": "South Africa",
    "Spanish": "Spain",
    "Sri Lankan": "Sri Lanka",
    "Surinamese": "Suriname",
    "Swedish": "Sweden",
    "Swiss": "Switzerland",
    "Tajik": "Tajikistan",
    "Tajikistan": "Tajikistan",
    "Thai": "Thailand",
    "Trinidad and Tobago": "Trinidad and Tobago",
    "Tobagonian": "Trinidad and Tobago",
    "Tunisian": "Tunisia",
    "Turkish": "Türkiye",
    "Turkmen": "Turkmenistan",
    "Turkmenistan": "Turkmenistan",
    "Ugandan": "Uganda",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "British": "United Kingdom",
    "United Kingdom": "United Kingdom",
    "Ukrainian": "Ukraine",
    "Uruguayan": "Uruguay",
    "Uzbek": "Uzbekistan",
    "Uzbekistani": "Uzbekistan",
    "Uzbekistan": "Uzbekistan",
    "Vietnamese": "Vietnam",
    "Yemeni": "Yemen",
    "Zambian": "Zambia",
    "Congolese": "DR Congo",
    "Democratic Republic of the Congo": "DR Congo",
    "Democratic Republic of Congo": "DR Congo",
    "DRC": "DR Congo",
    "NATO": "NATO",
    "EU": "EU",
    "European Union": "EU",
    "European Commission": "EU",
    "UN": "UN",
    "United Nations": "UN",
    "AU": "African Union",
    "African Union": "African Union",
    "African Union Commission": "African Union",
    "OAS": "OAS",
    "Organization of American States": "OAS",
    "ASEAN": "ASEAN",
}
# Countries named as such (locations: "Riyadh, Saudi Arabia"; titles: "... of Japan").
COUNTRY_NAMES.update({code: code for code in set(COUNTRY_NAMES.values()) if code != "US"})
COUNTRY_NAMES.update(
    {"Turkey": "Türkiye", "Korea": "South Korea", "Vatican": "Holy See", "Netherlands": "Netherlands"}
)

#: Known U.S. office holders of the corpus period: label (periods dropped) →
#: (name, office, role). The spokespersons moderate.
US_OFFICIALS: dict[str, tuple[str, str, str]] = {
    "SECRETARY BLINKEN": ("Antony J. Blinken", "Secretary of State", "principal"),
    "DEPUTY SECRETARY SHERMAN": ("Wendy R. Sherman", "Deputy Secretary of State", "principal"),
    "DEPUTY SECRETARY NULAND": ("Victoria Nuland", "Acting Deputy Secretary of State", "principal"),
    "MR PRICE": ("Ned Price", "Department of State Spokesperson", "moderator"),
    "MR PATEL": ("Vedant Patel", "Principal Deputy Spokesperson", "moderator"),
    "MR MILLER": ("Matthew Miller", "Department of State Spokesperson", "moderator"),
    "SECRETARY AUSTIN": ("Lloyd J. Austin III", "Secretary of Defense", "principal"),
    "DEPUTY SECRETARY HICKS": ("Kathleen Hicks", "Deputy Secretary of Defense", "principal"),
    "SECRETARY RAIMONDO": ("Gina Raimondo", "Secretary of Commerce", "principal"),
    "SECRETARY MAYORKAS": ("Alejandro Mayorkas", "Secretary of Homeland Security", "principal"),
    "SECRETARY VILSACK": ("Tom Vilsack", "Secretary of Agriculture", "principal"),
    "SECRETARY GRANHOLM": ("Jennifer Granholm", "Secretary of Energy", "principal"),
    "SECRETARY YELLEN": ("Janet Yellen", "Secretary of the Treasury", "principal"),
    "ATTORNEY GENERAL GARLAND": ("Merrick Garland", "Attorney General", "principal"),
    "AMBASSADOR TAI": ("Katherine Tai", "U.S. Trade Representative", "principal"),
    "AMBASSADOR THOMAS-GREENFIELD": ("Linda Thomas-Greenfield", "U.S. Ambassador to the UN", "principal"),
    "DIRECTOR HAINES": ("Avril Haines", "Director of National Intelligence", "principal"),
    "UNDER SECRETARY FERNANDEZ": ("Jose W. Fernandez", "Under Secretary of State", "principal"),
    "UNDER SECRETARY ZEYA": ("Uzra Zeya", "Under Secretary of State", "principal"),
    "UNDER SECRETARY NULAND": ("Victoria Nuland", "Under Secretary of State", "principal"),
    "ASSISTANT SECRETARY SATTERFIELD": ("David Satterfield", "Special Envoy", "principal"),
    "ASSISTANT SECRETARY TOLOUI": ("Ramin Toloui", "Assistant Secretary of State", "principal"),
    "ASSISTANT SECRETARY LEAF": ("Barbara A. Leaf", "Assistant Secretary of State", "principal"),
    "ASSISTANT SECRETARY NOYES": ("Julieta Valls Noyes", "Assistant Secretary of State", "principal"),
    "ASSISTANT SECRETARY NICHOLS": ("Brian A. Nichols", "Assistant Secretary of State", "principal"),
    "ASSISTANT SECRETARY ROBINSON": ("Todd D. Robinson", "Assistant Secretary of State", "principal"),
    "ASSISTANT SECRETARY WITKOWSKY": ("Anne A. Witkowsky", "Assistant Secretary of State", "principal"),
    "AMBASSADOR EMANUEL": ("Rahm Emanuel", "U.S. Ambassador to Japan", "principal"),
    "AMBASSADOR NIDES": ("Thomas R. Nides", "U.S. Ambassador to Israel", "principal"),
    "AMBASSADOR KIM": ("Sung Kim", "U.S. Special Representative", "principal"),
    "DEPUTY TRADE REPRESENTATIVE WHITE": (
        "Sarah Bianchi White",
        "Deputy U.S. Trade Representative",
        "principal",
    ),
    "MS JEAN-PIERRE": ("Karine Jean-Pierre", "White House Press Secretary", "moderator"),
    "MRS BIDEN": ("Jill Biden", "First Lady of the United States", "principal"),
    "MR EMHOFF": ("Douglas Emhoff", "Second Gentleman of the United States", "principal"),
    "SPEAKER PELOSI": ("Nancy Pelosi", "Speaker of the House", "principal"),
}

#: White House officials of 2021–2025 (label, periods dropped → name, office, role), for White
#: House pages. Source typos of a label are listed as printed ("MR JEAN-PIERRE"). The press
#: secretaries give the floor, in briefings as in the leaders' press conferences: moderators, as
#: the State Department spokespersons are.
_PRESS_SECRETARY = "White House Press Secretary"
WHITE_HOUSE_OFFICIALS: dict[str, tuple[str, str, str]] = {
    "PRESIDENT BIDEN": ("Joseph R. Biden Jr.", "President of the United States", "principal"),
    "PRESIDENT TRUMP": ("Donald J. Trump", "President of the United States", "principal"),
    "VICE PRESIDENT HARRIS": ("Kamala D. Harris", "Vice President of the United States", "principal"),
    "VICE PRESIDENT VANCE": ("JD Vance", "Vice President of the United States", "principal"),
    "MS PSAKI": ("Jen Psaki", _PRESS_SECRETARY, "moderator"),
    "MS JEAN-PIERRE": ("Karine Jean-Pierre", _PRESS_SECRETARY, "moderator"),
    "MR JEAN-PIERRE": ("Karine Jean-Pierre", _PRESS_SECRETARY, "moderator"),
    "MS LEAVITT": ("Karoline Leavitt", _PRESS_SECRETARY, "moderator"),
    "MS DALTON": ("Olivia Dalton", "Principal Deputy Press Secretary", "moderator"),
    "MR BATES": ("Andrew Bates", "Senior Deputy Press Secretary", "moderator"),
    "MS SANDERS": ("Symone Sanders", "Chief Spokesperson for the Vice President", "moderator"),
    "MS BOTTOMS": ("Keisha Lance Bottoms", "Senior Advisor for Public Engagement", "principal"),
    "MR SULLIVAN": ("Jake Sullivan", "National Security Advisor", "principal"),
    "MR FINER": ("Jon Finer", "Principal Deputy National Security Advisor", "principal"),
    "MR KIRBY": ("John Kirby", "NSC Coordinator for Strategic Communications", "principal"),
    "MR CAMPBELL": ("Kurt M. Campbell", "NSC Coordinator for the Indo-Pacific", "principal"),
    "DR SHERWOOD-RANDALL": ("Elizabeth Sherwood-Randall", "Homeland Security Advisor", "principal"),
    "MR DEESE": ("Brian Deese", "Director of the National Economic Council", "principal"),
    "MS BRAINARD": ("Lael Brainard", "Director of the National Economic Council", "principal"),
    "MR RAMAMURTI": ("Bharat Ramamurti", "Deputy Director of the National Economic Council", "principal"),
    "MR HOCHSTEIN": ("Amos Hochstein", "Senior Advisor for Energy and Investment", "principal"),
    "CHAIR BERNSTEIN": ("Jared Bernstein", "Chair of the Council of Economic Advisers", "principal"),
    "MR ZIENTS": ("Jeff Zients", "White House Chief of Staff", "principal"),
    "SENIOR ADMINISTRATION OFFICIAL": ("Senior administration official", "", "principal"),
    "SENIOR ADMINISTRATION OFFICIALS": ("Senior administration officials", "", "principal"),
    "WHITE HOUSE AIDE": ("White House aide", "", "moderator"),
    "MILITARY AIDE": ("Military aide", "", "moderator"),
}

#: Foreign leaders met at the White House pages of 2021–2025 (label, periods dropped → name, office,
#: delegation), for White House pages whose title does not give the country ("Remarks by President
#: Biden, Prime Minister Morrison, Prime Minister Modi, and Prime Minister Suga at Quad Leaders Summit").
FOREIGN_LEADERS: dict[str, tuple[str, str, str]] = {
    "PRIME MINISTER SUGA": ("Suga Yoshihide", "Prime Minister", "Japan"),
    "PRIME MINISTER KISHIDA": ("Kishida Fumio", "Prime Minister", "Japan"),
    "PRIME MINISTER ISHIBA": ("Ishiba Shigeru", "Prime Minister", "Japan"),
    "PRIME MINISTER MODI": ("Narendra Modi", "Prime Minister", "India"),
    "PRIME MINISTER MORRISON": ("Scott Morrison", "Prime Minister", "Australia"),
    "PRIME MINISTER ALBANESE": ("Anthony Albanese", "Prime Minister", "Australia"),
    "PRESIDENT MOON": ("Moon Jae-in", "President", "South Korea"),
    "PRESIDENT YOON": ("Yoon Suk Yeol", "President", "South Korea"),
    "PRIME MINISTER HAN": ("Han Duck-soo", "Prime Minister", "South Korea"),
    "PRESIDENT MARCOS": ("Ferdinand R. Marcos Jr.", "President", "Philippines"),
    "PRESIDENT ZELENSKYY": ("Volodymyr Zelenskyy", "President", "Ukraine"),
    "PRIME MINISTER JOHNSON": ("Boris Johnson", "Prime Minister", "United Kingdom"),
    "PRIME MINISTER SUNAK": ("Rishi Sunak", "Prime Minister", "United Kingdom"),
    "PRESIDENT MACRON": ("Emmanuel Macron", "President", "France"),
    "CHANCELLOR SCHOLZ": ("Olaf Scholz", "Chancellor", "Germany"),
    "PRIME MINISTER TRUDEAU": ("Justin Trudeau", "Prime Minister", "Canada"),
    "PRIME MINISTER LEE": ("Lee Hsien Loong", "Prime Minister", "Singapore"),
    "PRIME MINISTER ARDERN": ("Jacinda Ardern", "Prime Minister", "New Zealand"),
    "PRIME MINISTER BROWN": ("Mark Brown", "Prime Minister", "Cook Islands"),
    "PRESIDENT NIINISTO": ("Sauli Niinistö", "President", "Finland"),
    "PRIME MINISTER ANDERSSON": ("Magdalena Andersson", "Prime Minister", "Sweden"),
    "PRESIDENT DUDA": ("Andrzej Duda", "President", "Poland"),
    "PRESIDENT IOHANNIS": ("Klaus Iohannis", "President", "Romania"),
    "SECRETARY GENERAL STOLTENBERG": ("Jens Stoltenberg", "Secretary General", "NATO"),
    "PRESIDENT LOURENCO": ("João Lourenço", "President", "Angola"),
    "PRESIDENT TSHISEKEDI": ("Félix Tshisekedi", "President", "DR Congo"),
    "PRESIDENT HICHILEMA": ("Hakainde Hichilema", "President", "Zambia"),
    "VICE PRESIDENT MPANGO": ("Philip Mpango", "Vice President", "Tanzania"),
}

#: Who held the office on a date: ``(first day, name)``, in order.
PRESIDENTS = (
    (dt.date(2017, 1, 20), "Donald J. Trump"),
    (dt.date(2021, 1, 20), "Joseph R. Biden Jr."),
    (dt.date(2025, 1, 20), "Donald J. Trump"),
)
VICE_PRESIDENTS = (
    (dt.date(2017, 1, 20), "Mike Pence"),
    (dt.date(2021, 1, 20), "Kamala D. Harris"),
    (dt.date(2025, 1, 20), "JD Vance"),
)
_BY_OFFICE = {
    "THE PRESIDENT": (PRESIDENTS, "President of the United States"),
    "THE VICE PRESIDENT": (VICE_PRESIDENTS, "Vice President of the United States"),
}
# Staff of a White House event, by the side they serve (step 4).
_WHITE_HOUSE_STAFF = {"OPERATOR", "ANNOUNCER", "AIDE", "STAFF", "MODERATOR"}


def _holder(holders, date) -> str | None:
    if date is None:
        return None
    date = dt.date.fromisoformat(str(date)[:10]) if not isinstance(date, dt.date) else date
    name = None
    for start, holder in holders:
        if date >= start:
            name = holder
    return name


_ADDRESS = {"MR", "MS", "MRS", "DR", "MISS"}
_PRESS_LABELS = {
    "QUESTION",
    "AUDIENCE",
    "AUDIENCE MEMBER",
    "AUDIENCE MEMBERS",
    "PARTICIPANT",
    "PARTICIPANTS",
    "REPORTER",
    "Q",
}
# Words of offices and forms of address: not part of a name.
_OFFICE_WORDS = {
    "FOREIGN",
    "MINISTER",
    "MINISTERS",
    "SECRETARY",
    "PRIME",
    "DEPUTY",
    "PRESIDENT",
    "VICE",
    "GENERAL",
    "AMBASSADOR",
    "MR",
    "MS",
    "MRS",
    "DR",
    "ACTING",
    "STATE",
    "COUNCILOR",
    "AND",
    "OF",
    "THE",
    "FOR",
    "EXTERNAL",
    "AFFAIRS",
    "DEFENSE",
    "DEFENCE",
    "HIGH",
    "REPRESENTATIVE",
    "CHAIRPERSON",
    "CHAIRMAN",
    "CROWN",
    "PRINCE",
    "KING",
    "UNDER",
    "ASSISTANT",
    "SENATOR",
    "GOVERNOR",
    "MAYOR",
    "CHANCELLOR",
    "COMMISSIONER",
    "SPEAKER",
    "DIRECTOR",
    "ECONOMY",
    "FINANCE",
    "SECURITY",
    "ENERGY",
    "CABINET",
    "OFFICER",
    "IN",
    "CHARGE",
    "CARETAKER",
    "ALTERNATE",
    "FIRST",
    "SECRETARY-GENERAL",
    "AL",
    "BIN",
    "JR",
}
_WORD = re.compile(r"[^\W\d_][\w'.-]*")


def _fold(text: str) -> str:
    """Upper-case ASCII-folded text: "Çavuşoğlu" → "CAVUSOGLU"."""
    decomposed = unicodedata.normalize("NFKD", normalize_text(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


def _label_key(label: str) -> str:
    return re.sub(r"\s+", " ", _fold(label).replace(".", "").replace("`", "")).strip()


_COUNTRY_PATTERN = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(_fold(name)) for name in sorted(COUNTRY_NAMES, key=len, reverse=True))
    + r")(?![\w])"
)
_COUNTRY_BY_FOLDED = {_fold(name): code for name, code in COUNTRY_NAMES.items()}


def country_of(text: str) -> str | None:
    """Delegation code of the last country or organisation named in ``text``.

    Parameters
    ----------
    text : str
        A location ("London, United Kingdom") or any phrase.

    Returns
    -------
    str or None
        A code from :data:`COUNTRY_NAMES` (``"US"`` for the United States),
        or ``None`` when no country is named.

    Examples
    --------
    >>> country_of("Riyadh, Saudi Arabia"), country_of("Washington, D.C."), country_of("Treaty Room")
    ('Saudi Arabia', 'US', None)
    """
    if not isinstance(text, str) or not text:
        return None
    found = list(_COUNTRY_PATTERN.finditer(_fold(text).replace("\u2019", "'")))
    return _COUNTRY_BY_FOLDED[found[-1].group()] if found else None


def _name_words(label_key: str) -> list[str]:
    words = [word for word in label_key.split() if word not in _OFFICE_WORDS]
    return [word for word in words if len(word) >= 2]


def _title_person(title: str, label_key: str, all_names: set[str]) -> tuple[str, str, str] | None:
    """``(delegation, name, office)`` from the title, or ``None``."""
    names = _name_words(label_key)
    if not names or not title:
        return None
    folded = _fold(title).replace("\u2019", "'")
    surname = names[-1]
    positions = [m.start() for m in re.finditer(rf"(?<![\w]){re.escape(surname)}(?![\w])", folded)]
    if not positions:
        return None
    at = positions[0]
    countries = [m for m in _COUNTRY_PATTERN.finditer(folded) if m.end() <= at]
    if not countries:
        return None
    country = countries[-1]
    between = folded[country.end() : at]
    other_names = all_names - set(names)
    if any(re.search(rf"(?<![\w]){re.escape(other)}(?![\w])", between) for other in other_names):
        return None
    if " BLINKEN" in between or len(between.split()) > 16:
        return None
    name, office = _printed_name(title, surname)
    return _COUNTRY_BY_FOLDED[country.group()], name or label_key.title(), office


# The end of a person's part of a title: "..., and ...", "... at ...", "... in ...".
_PERSON_END = re.compile(r",|\bAND\b|\bAT\b|\bIN\b|\bBEFORE\b|\bDURING\b|\bON\b|\bFOR\b|\bTO\b|\|")


def _title_person_after(title: str, label_key: str) -> tuple[str, str, str] | None:
    """``(delegation, name, office)`` from "<surname> [name words] of <country>" in the title."""
    names = _name_words(label_key)
    if not names or not title:
        return None
    folded = _fold(title).replace("\u2019", "'")
    surname = names[-1]
    words = re.findall(r"[\w'.-]+", folded)
    if surname not in words:
        close = difflib.get_close_matches(surname, [w for w in words if len(w) >= 4], n=1, cutoff=0.85)
        if not close or len(surname) < 5:
            return None
        surname = close[0]
    for match in re.finditer(rf"(?<![\w]){re.escape(surname)}(?![\w])", folded):
        rest = folded[match.end() :]
        # The person's part of the title ends at the next comma or linking word.
        part = re.match(r"((?:\s+[\w'.-]+){0,3}?)\s+OF\s+(.*)", rest)
        if part is None or _PERSON_END.search(part.group(1)):
            continue
        place = part.group(2)
        cut = _PERSON_END.search(place)
        place = place[: cut.start()] if cut else place
        countries = list(_COUNTRY_PATTERN.finditer(place))
        if not countries:
            continue
        name, office = _printed_name(title, surname)
        return _COUNTRY_BY_FOLDED[countries[0].group()], name or label_key.title(), office
    return None


_NOT_NAME = {
    "AND", "AT", "BEFORE", "ON", "WITH", "JOINT", "PRESS", "AVAILABILITY", "MEETING", "REMARKS", "THEIR",
    "THE", "OF", "TO", "CONFERENCE", "STATEMENT", "SIGNING", "CEREMONY", "TRADE", "INDUSTRY", "ECONOMY",
    "INTERNATIONAL", "RELATIONS", "COOPERATION", "DIASPORA", "SENIOR", "UNDERSECRETARY", "DEPARTMENT",
    "NATIONAL", "REPUBLIC", "PUBLIC", "COMMISSION", "COUNCIL", "EXECUTIVE", "MINISTRY", "STATES", "UNION",
}  # fmt: skip


def _printed_name(title: str, surname: str) -> tuple[str, str]:
    """The person's name around ``surname`` in the title, and the office words before it."""
    words = _WORD.findall(normalize_text(title))
    folded = [_fold(word).strip(".,'") for word in words]

    def is_name(j: int) -> bool:
        return (
            words[j][0].isupper()
            and folded[j] not in _OFFICE_WORDS
            and folded[j] not in _NOT_NAME
            and folded[j] not in _COUNTRY_BY_FOLDED
        )

    if surname not in folded:
        return "", ""
    at = folded.index(surname)
    start = at
    while start > 0 and is_name(start - 1) and at - start < 3:
        start -= 1
    end = at + 1
    while end < len(words) and is_name(end) and end - at <= 2:
        end += 1
    office = []
    j = start - 1
    while j >= 0 and words[j][0].isupper() and folded[j] in _OFFICE_WORDS:
        office.insert(0, words[j])
        j -= 1
    return " ".join(words[start:end]).rstrip(","), " ".join(office)


def infer_roster(
    labels: Iterable[str],
    title: str = "",
    *,
    location: str = "",
    interpreted: Iterable[str] = (),
    turn_labels: Sequence[str] | None = None,
    format: str = "state",
    date=None,
) -> pd.DataFrame:
    """Infer each speaker label's role and delegation from the page.

    Parameters
    ----------
    labels : iterable of str
        The event's speaker labels, as in the paragraph table's
        ``speaker_label``.
    title : str, default=""
        The page title.
    location : str, default=""
        The event's location ("London, United Kingdom"); places a moderator
        with the host.
    interpreted : iterable of str, default=()
        Labels with interpreted turns (their moderator speaks the
        counterpart's language).
    turn_labels : sequence of str, optional
        The label of every turn, in order. With it, a ``MODERATOR`` that
        alternates with the U.S. spokesperson serves the counterpart, one
        heard only before the spokesperson's first turn serves the host, and
        an unresolved ``MR``/``MS`` label that gives the floor to the press
        is a moderator.
    format : str, default="state"
        The transcript's format; ``"whitehouse"`` applies the White House
        rules (see the module docstring).
    date : datetime.date or str, optional
        Day of the event: who ``THE PRESIDENT`` and ``THE VICE PRESIDENT``
        are (White House pages).

    Returns
    -------
    pandas.DataFrame
        One row per distinct label, in order of first appearance, with columns

        - ``speaker_label`` : str
        - ``speaker`` : str, the name (from the title or the list of U.S.
          officials; the label itself otherwise)
        - ``office`` : str, possibly empty
        - ``role`` : str, one of principal, moderator, press, interpreter
        - ``delegation`` : str, ``<NA>`` when unresolved
        - ``resolved_by`` : str, the rule that decided: ``generic``,
          ``title``, ``us_office``, ``us_office_fuzzy``, ``moderator_side``,
          ``interpreter_side``, ``host`` or ``unresolved``
        - ``unresolved`` : bool, the delegation could not be inferred

    Examples
    --------
    >>> roster = infer_roster(
    ...     ["SECRETARY BLINKEN", "FOREIGN MINISTER HAYASHI", "MR PRICE", "MODERATOR", "QUESTION"],
    ...     "Secretary Antony J. Blinken and Japanese Foreign Minister Hayashi Yoshimasa",
    ... )
    >>> roster["delegation"].tolist()
    ['US', 'Japan', 'US', 'Japan', 'press']
    >>> roster["resolved_by"].tolist()
    ['us_office', 'title', 'us_office', 'moderator_side', 'generic']
    """
    rows = infer_speakers(
        labels,
        title,
        location=location,
        interpreted=interpreted,
        turn_labels=turn_labels,
        format=format,
        date=date,
    )
    table = pd.DataFrame(list(rows.values()), columns=INFERRED_ROSTER_COLUMNS[:-1])
    table["delegation"] = table["delegation"].astype("str")
    table["unresolved"] = table["delegation"].isna()
    return table[INFERRED_ROSTER_COLUMNS].reset_index(drop=True)


def infer_speakers(
    labels: Iterable[str],
    title: str = "",
    *,
    location: str = "",
    interpreted: Iterable[str] = (),
    turn_labels: Sequence[str] | None = None,
    format: str = "state",
    date=None,
) -> dict[str, dict]:
    """The work of :func:`infer_roster`, as one dict per label (no table is built).

    Parameters
    ----------
    labels, title, location, interpreted, turn_labels, format, date
        As for :func:`infer_roster`.

    Returns
    -------
    dict of str to dict
        ``label -> row`` with the keys of :func:`infer_roster`'s columns but
        ``unresolved``; an unresolved delegation is ``None``.
    """
    ordered = list(dict.fromkeys(labels))
    interpreted = set(interpreted)
    keys = {label: _label_key(label) for label in ordered}
    all_names = {name for key in keys.values() for name in _name_words(key)}
    rows: dict[str, dict] = {}
    pending: list[str] = []
    whitehouse = format == "whitehouse"
    for label in ordered:
        key = keys[label]
        row = {
            "speaker_label": label,
            "speaker": label,
            "office": "",
            "role": "principal",
            "delegation": None,
        }
        if whitehouse and _whitehouse_rule(row, key, title, date):
            if row["resolved_by"] == "pending":
                pending.append(label)
        elif key in _PRESS_LABELS:
            row.update(role="press", delegation="press", resolved_by="generic")
        elif key in {"MODERATOR", "STAFF"}:
            row.update(role="moderator", resolved_by="generic")
            pending.append(label)
        elif key == "INTERPRETER":
            row.update(role="interpreter", resolved_by="generic")
            pending.append(label)
        elif (person := _title_person(title, key, all_names)) is not None:
            delegation, name, office = person
            row.update(speaker=name, office=office, delegation=delegation, resolved_by="title")
            if key in US_OFFICIALS and delegation == "US":
                row["role"] = US_OFFICIALS[key][2]
        elif key in US_OFFICIALS:
            name, office, role = US_OFFICIALS[key]
            row.update(speaker=name, office=office, role=role, delegation="US", resolved_by="us_office")
        elif close := difflib.get_close_matches(key, US_OFFICIALS, n=1, cutoff=0.92):
            name, office, role = US_OFFICIALS[close[0]]
            row.update(speaker=name, office=office, role=role, delegation="US", resolved_by="us_office_fuzzy")
        else:
            row.update(resolved_by="unresolved")
        rows[label] = row

    # Who gives the floor: the label of each turn just before a press turn.
    turn_labels = list(turn_labels) if turn_labels is not None else None
    callers: set[str] = set()
    if turn_labels is not None:
        for before, after in itertools.pairwise(turn_labels):
            if rows[after]["role"] == "press":
                callers.add(before)
    # An unresolved "MR ..."/"MS ..." who gives the floor to the press is a moderator.
    for label in ordered:
        row = rows[label]
        # A label whose key folds to nothing (a lone sound mark, "ﾞ") has no first word.
        address = keys[label].split()[:1]
        if row["resolved_by"] == "unresolved" and label in callers and address and address[0] in _ADDRESS:
            row.update(role="moderator")
            pending.append(label)

    # Step 4: moderators, interpreters and staff by the side they serve.
    counterparts = sorted(
        {
            row["delegation"]
            for row in rows.values()
            if row["role"] == "principal" and row["delegation"] not in (None, "US", "press")
        }
    )
    us_moderators = {
        label for label, row in rows.items() if row["role"] == "moderator" and row["delegation"] == "US"
    }
    first_us_turn = None
    if turn_labels is not None and us_moderators:
        first_us_turn = min(i for i, label in enumerate(turn_labels) if label in us_moderators)
    host = country_of(location)
    if whitehouse and host is None:
        host = "US"  # a White House page printed without a foreign place
    host_side = host if host is not None and (host == "US" or host in counterparts) else None
    for label in pending:
        row = rows[label]
        key = keys[label]
        # Alternating with the U.S. spokesperson: the other side's moderator. A
        # generic MODERATOR heard only before the spokesperson's first turn may
        # be the spokesperson under another label: the host decides.
        alternates = bool(us_moderators) and (
            first_us_turn is None
            or any(turn_labels[i] == label for i in range(first_us_turn + 1, len(turn_labels)))
        )
        one = counterparts[0] if len(counterparts) == 1 else None
        if key == "INTERPRETER":
            side, rule = (one, "interpreter_side") if one else (None, "unresolved")
        elif one and key != "STAFF" and (alternates or label in interpreted):
            side, rule = one, "moderator_side"
        elif host_side is not None:
            side, rule = host_side, "host"
        else:
            side, rule = None, "unresolved"
        row.update(delegation=side, resolved_by=rule)
    return rows


def _whitehouse_rule(row: dict, key: str, title: str, date) -> bool:
    """Resolve ``row`` by a White House rule; False when none applies (the State rules go on).

    ``resolved_by`` is set to ``"pending"`` for staff whose side step 4 decides.
    """
    words = key.split()
    if key in _PRESS_LABELS:
        row.update(role="press", delegation="press", resolved_by="generic")
    elif key in _BY_OFFICE:
        holders, office = _BY_OFFICE[key]
        row.update(
            speaker=_holder(holders, date) or key.title(),
            office=office,
            delegation="US",
            resolved_by="us_office",
        )
    elif key in WHITE_HOUSE_OFFICIALS:
        name, office, role = WHITE_HOUSE_OFFICIALS[key]
        row.update(speaker=name, office=office, role=role, delegation="US", resolved_by="us_office")
    elif key == "INTERPRETER":
        row.update(role="interpreter", resolved_by="pending")
    elif words and words[-1] in _WHITE_HOUSE_STAFF:
        side = country_of(" ".join(words[:-1]).title()) if len(words) > 1 else None
        if side is not None:
            row.update(role="moderator", delegation=side, resolved_by="generic")
        else:
            row.update(role="moderator", resolved_by="pending")
    elif (person := _title_person_after(title, key)) is not None:
        delegation, name, office = person
        row.update(speaker=name, office=office, delegation=delegation, resolved_by="title")
    elif key in FOREIGN_LEADERS or (close := difflib.get_close_matches(key, _KNOWN, n=1, cutoff=0.92)):
        found = key if key in FOREIGN_LEADERS else close[0]
        if found in FOREIGN_LEADERS:
            name, office, delegation = FOREIGN_LEADERS[found]
            row.update(speaker=name, office=office, delegation=delegation, resolved_by="known_leader")
        else:
            name, office, role = {**US_OFFICIALS, **WHITE_HOUSE_OFFICIALS}[found]
            row.update(speaker=name, office=office, role=role, delegation="US", resolved_by="us_office_fuzzy")
    else:
        return False
    return True


# Labels a one-letter slip of which is still recognised on White House pages.
_KNOWN = sorted({*FOREIGN_LEADERS, *WHITE_HOUSE_OFFICIALS, *US_OFFICIALS})


def compare_rosters(inferred: pd.DataFrame, reference) -> pd.DataFrame:
    """Label-by-label comparison of an inferred roster with a hand-written one.

    Parameters
    ----------
    inferred : pandas.DataFrame
        Output of :func:`infer_roster`.
    reference : Event, str, Path, Mapping or pandas.DataFrame
        The hand-written roster (any form :func:`analysis.load_roster` reads).

    Returns
    -------
    pandas.DataFrame
        One row per label of the reference, with columns ``speaker_label``,
        ``role``, ``delegation`` (the reference), ``role_inferred``,
        ``delegation_inferred``, ``resolved_by`` (``<NA>`` when the label was
        not inferred at all), ``role_correct``, ``delegation_correct`` (an
        unresolved delegation counts as wrong) and ``correct`` (both).

    Raises
    ------
    TableError
        If ``inferred`` lacks the columns of :func:`infer_roster`.
    """
    check_table(
        inferred,
        ["speaker_label", "role", "delegation", "resolved_by"],
        "compare_rosters",
        producer="infer_roster",
        allow_empty=True,
    )
    truth = load_roster(reference)[["speaker_label", "role", "delegation"]]
    guess = inferred[["speaker_label", "role", "delegation", "resolved_by"]].rename(
        columns={"role": "role_inferred", "delegation": "delegation_inferred"}
    )
    table = truth.merge(guess, on="speaker_label", how="left")
    table["role_correct"] = (table["role"] == table["role_inferred"]).fillna(False).astype(bool)
    table["delegation_correct"] = (
        (table["delegation"] == table["delegation_inferred"]).fillna(False).astype(bool)
    )
    table["correct"] = table["role_correct"] & table["delegation_correct"]
    return table
