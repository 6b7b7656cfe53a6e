"""The person registry (analysis.parsing.people, data/people.toml): reading it, resolving labels, checking it.

Hand-known facts used below come from data/people.toml's header and data/README.md ("people.toml"):
372 entries, 408 speaker labels; the look-alike labels of rule 9 (FOREIGN MINISTER AL-SABAH / AL SABAH,
two Kuwaiti foreign ministers; MR GOLDMAN / MR. GOLDMAN, two men); THE PRESIDENT is Biden only
while he is president.
"""

from datetime import date

import pandas as pd
import pytest

from analysis import paths
from analysis.exceptions import RegistryError
from analysis.parsing.corpus import load_corpus, read_corpus_and_report
from analysis.parsing.people import Registry, as_date, label_key, load_people, name_key

KUWAIT_2022 = (
    "Secretary Antony J. Blinken and Kuwaiti Foreign Minister Sheikh Ahmed Nasser Al-Mohammed Al-Sabah "
    "Statements to the Press"
)
KUWAIT_2023 = (
    "Secretary Antony J. Blinken and Kuwaiti Foreign Minister Sheikh Salem Al Sabah Before Their Meeting"
)


@pytest.fixture(scope="module")
def people():
    return load_people()


# --- the file ----------------------------------------------------------------------


def test_the_registry_has_the_documented_size(people):
    assert len(people) == 372  # data/README.md
    assert sum(len(p.labels) for p in people) == 408
    assert len(people.table()) == 408
    assert people.table()["id"].nunique() == 372


def test_no_duplicate_ids_and_no_label_with_two_resolutions(people):
    """Ids are unique; each printed label belongs to one person; the only label keys that two people
    share (once case, periods, hyphens and accents are ignored) are the two pairs of rule 9, and
    each pair is told apart by title, date or the printed form."""
    ids = [p.id for p in people]
    assert len(ids) == len(set(ids))
    printed = [label for p in people for label in p.labels]
    assert len(printed) == len(set(printed))
    assert people.ambiguous_labels() == {
        "FOREIGN MINISTER AL SABAH": [
            "ahmed-nasser-al-mohammed-al-sabah",
            "salem-abdullah-al-jaber-al-sabah",
        ],
        "MR GOLDMAN": ["josh-goldman", "michael-goldman"],
    }
    # Within one person, names do not collide with another person's (order- and accent-insensitive).
    names = [name_key(v) for p in people for v in dict.fromkeys(name_key(v) for v in p.variants)]
    assert len(names) == len(set(names))


def test_labels_and_names_compare_loosely():
    assert label_key("Mr. Price") == "MR PRICE"
    assert label_key("FOREIGN MINISTER ÇAVUŞOĞLU") == label_key("FOREIGN MINISTER CAVUSOGLU")
    assert label_key("FOREIGN MINISTER AL-SABAH") == label_key("FOREIGN MINISTER AL SABAH")
    assert name_key("Yoshimasa Hayashi") == name_key("HAYASHI Yoshimasa") == ("HAYASHI", "YOSHIMASA")
    assert as_date("2023-01-13") == date(2023, 1, 13) == as_date(pd.Timestamp("2023-01-13 10:00"))
    assert as_date(pd.NaT) is None and as_date(None) is None
    with pytest.raises(RegistryError, match="not an ISO date"):
        as_date("13 January")


# --- resolving ---------------------------------------------------------------------


def test_one_person_one_name(people):
    hayashi = people.by_name("Yoshimasa Hayashi")
    assert hayashi is people.by_name("Hayashi Yoshimasa") is people.by_name("hayashi yoshimasa")
    assert (hayashi.name, hayashi.delegation) == ("Hayashi Yoshimasa", "Japan")
    assert people.by_name("Mevlut Cavusoglu") is people.by_name("Mevlüt Çavuşoğlu")
    assert people.by_name("Yoshimasa Hayashi NASA Administrator") is None  # a name cut from a title
    nagaoka = people.resolve("MINISTER NAGAOKA")
    assert nagaoka.name == "Nagaoka Keiko" and people.by_name("Keiko Nagaoka") is nagaoka


def test_resolve_the_cases_of_the_brief(people):
    nelson = people.resolve("MR NELSON")
    assert (nelson.name, nelson.delegation, nelson.office_on("2023-01-13")) == (
        "Bill Nelson",
        "US",
        "NASA Administrator",
    )
    assert people.resolve("AMBASSADOR EMANUEL").delegation == "US"
    assert people.resolve("SECRETARY AUSTIN").delegation == "US"
    assert people.resolve("MR. PRICE") is people.resolve("MR PRICE")
    assert people.resolve("SECRETARY BLINKNEN").name == "Antony J. Blinken"  # a listed printing slip
    assert people.resolve("SECRETARY EBRARD").delegation == "Mexico"
    assert people.resolve("MR NOBODY") is None  # nobody of that label


def test_look_alike_labels_are_told_apart(people):
    ahmed, salem = "ahmed-nasser-al-mohammed-al-sabah", "salem-abdullah-al-jaber-al-sabah"
    # By the title, whatever the hyphen.
    assert people.resolve("FOREIGN MINISTER AL SABAH", title=KUWAIT_2022).id == ahmed
    assert people.resolve("FOREIGN MINISTER AL-SABAH", title=KUWAIT_2023).id == salem
    # Without a title, by the label as printed.
    assert people.resolve("FOREIGN MINISTER AL-SABAH").id == ahmed
    assert people.resolve("FOREIGN MINISTER AL SABAH").id == salem
    assert people.resolve("MR GOLDMAN").id == "michael-goldman"
    assert people.resolve("MR. GOLDMAN").id == "josh-goldman"


def test_look_alike_labels_by_date(tmp_path):
    """Two people under one label key, offices dated: the date decides, then the label as printed."""
    path = tmp_path / "people.toml"
    path.write_text(
        '[[person]]\nid = "a-one"\nname = "A One"\ndelegation = "Kuwait"\nvariants = ["A One"]\n'
        'labels = ["FOREIGN MINISTER AL-X"]\n[[person.offices]]\noffice = "FM"\nend = 2022-08-01\n'
        '[[person]]\nid = "b-two"\nname = "B Two"\ndelegation = "Kuwait"\nvariants = ["B Two"]\n'
        'labels = ["FOREIGN MINISTER AL X"]\n[[person.offices]]\noffice = "FM"\nstart = 2022-10-16\n',
        encoding="utf-8",
    )
    registry = load_people(path)
    assert registry.resolve("FOREIGN MINISTER AL X", date="2022-01-26").id == "a-one"
    assert registry.resolve("FOREIGN MINISTER AL-X", date=date(2023, 5, 11)).id == "b-two"
    # Between the two terms, or without a date: the label as printed; printed as neither: nobody.
    assert registry.resolve("FOREIGN MINISTER AL X", date="2022-09-01").id == "b-two"
    assert registry.resolve("FOREIGN MINISTER AL-X").id == "a-one"
    assert registry.resolve("FOREIGN MINISTER AL. X", date="2022-09-01") is None
    assert registry.resolve("FOREIGN MINISTER AL. X") is None


def test_a_label_that_names_nobody_needs_the_date(people):
    assert people.resolve("THE PRESIDENT", date="2023-01-01").name == "Joe Biden"
    assert people.resolve("THE PRESIDENT", date="2025-03-01") is None  # after his term: not him
    assert people.resolve("THE PRESIDENT") is None
    assert people.resolve("THE VICE PRESIDENT", date="2024-04-11").name == "Kamala Harris"


def test_office_on_a_date(people):
    al_thani = people.by_name("Mohammed bin Abdulrahman Al Thani")
    assert al_thani.office_on("2022-06-01") == "Deputy Prime Minister and Minister of Foreign Affairs"
    assert al_thani.office_on("2023-06-01") == "Prime Minister and Minister of Foreign Affairs"


# --- a bad file --------------------------------------------------------------------

GOOD = '[[person]]\nid = "x-y"\nname = "X Y"\ndelegation = "US"\nvariants = ["X Y"]\nlabels = ["MR Y"]\n'
OFFICE = '[[person.offices]]\noffice = "Officer"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[person]\n", "not valid TOML"),
        ("title = 1\n", r"no \[\[person\]\] entry"),
        (
            '[[person]]\nid = "x-y"\nname = "X Y"\n',
            r"person 'x-y' lacks delegation, labels, offices, variants",
        ),
        (GOOD.replace('"x-y"', '"X Y"') + OFFICE, "person 'X Y': id must be a lower-case ASCII slug"),
        (
            GOOD.replace('["X Y"]', '["Y X"]') + OFFICE,
            "person 'x-y': the first variant must be the canonical",
        ),
        (GOOD + OFFICE + GOOD + OFFICE, "id 'x-y' is used by two persons"),
        (GOOD + OFFICE + GOOD.replace("x-y", "z-y").replace("X Y", "Z Y") + OFFICE, "label 'MR Y' is listed"),
        (GOOD + OFFICE.replace("\n", "\nstart = 2023-02-01\nend = 2023-01-01\n", 1), "starts after it ends"),
        (GOOD + OFFICE.replace("\n", '\nstart = "soon"\n', 1), "office start 'soon' is not a date"),
        (GOOD + OFFICE + 'extra = "no"\n', r"unknown office key\(s\) extra"),
        (GOOD + "offices = []\n", "offices must be a non-empty list"),
    ],
)
def test_a_bad_registry_names_the_entry(tmp_path, text, message):
    path = tmp_path / "people.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        load_people(path)


def test_a_missing_registry(tmp_path):
    with pytest.raises(RegistryError, match="person registry not found"):
        load_people(tmp_path / "nowhere.toml")
    assert isinstance(load_people(paths.PEOPLE), Registry)


# --- the corpus against the registry --------------------------------------------------


@pytest.fixture(scope="module")
def state():
    corpus = load_corpus()
    paragraphs, report = read_corpus_and_report(corpus)
    return corpus, paragraphs, report


def test_every_principal_of_the_state_corpus_is_one_registry_person(people, state):
    """Each principal label of each parsed page resolves to exactly one registry entry (with the page's
    title and date), and the paragraph table gives it that entry's name and side. The labels left
    unresolved in the parse report are generic ones and the six labels of the five people whose side
    the registry records as "unknown" (each with a comment there)."""
    corpus, paragraphs, report = state
    meta = corpus.set_index("event_id")
    principals = paragraphs.loc[paragraphs["role"] == "principal"].drop_duplicates(
        ["event_id", "speaker_label"]
    )
    not_found, disagree = [], []
    for row in principals.itertuples():
        person = people.resolve(
            row.speaker_label, title=meta.loc[row.event_id, "title"], date=meta.loc[row.event_id, "date"]
        )
        if person is None:
            not_found.append((row.event_id, row.speaker_label))
        elif (row.speaker, row.delegation) != (person.name, person.delegation) and not (
            person.delegation == "unknown" and pd.isna(row.delegation)
        ):
            disagree.append((row.event_id, row.speaker_label, row.speaker, row.delegation))
    assert not_found == []
    assert disagree == []
    reported = {
        label for labels in report["unresolved_labels"].dropna() for label in labels.split("; ") if label
    }
    unknown_side = {label for p in people if p.delegation == "unknown" for label in p.labels}
    assert reported - {"MODERATOR", "INTERPRETER", "STAFF"} == unknown_side
    assert sorted(unknown_side) == [
        "MOHAMMED-OXLEY",
        "MR ALEGRET",
        "MR SINGH",
        "MS MOHAMMED-OXLEY",
        "MS NEUMANN",
        "MS PAZCO",
    ]


#: White House file classes whose every non-generic label the registry lists (its header).
REGISTRY_CLASSES = {"joint_press_conference", "press_conference", "joint_statements_no_q", "spray"}


def test_every_principal_of_the_white_house_corpus_is_a_registry_person_or_resolved_or_reported(people):
    """The registry covers the leaders' files (four classes, 84 files); press briefings, gaggles and calls
    are not in it by design: their officials are resolved by the White House rules (the lists of White
    House officials) or reported unresolved. Checked page by page with the page's title and date."""
    import warnings

    from analysis.parsing.corpus import load_corpus

    corpus = load_corpus(sources=("whitehouse",))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the parser's question-like-paragraph warnings
        paragraphs, report = read_corpus_and_report(corpus)
    meta = corpus.set_index("event_id")
    assert meta["kind"].isin(REGISTRY_CLASSES).sum() == 84 - 1  # the "CORRECTED:" duplicate is one event
    principals = paragraphs.loc[paragraphs["role"] == "principal"].drop_duplicates(
        ["event_id", "speaker_label"]
    )
    outside, disagree = set(), []
    for row in principals.itertuples():
        title, day, kind = meta.loc[row.event_id, ["title", "date", "kind"]]
        person = people.resolve(row.speaker_label, title=title, date=day)
        if person is None:
            assert kind not in REGISTRY_CLASSES, (row.event_id, row.speaker_label)
            outside.add(row.speaker_label)
        elif (row.speaker, row.delegation) != (person.name, person.delegation):
            disagree.append((row.event_id, row.speaker_label, row.speaker, row.delegation))
    assert disagree == []
    # Briefing officials and guests (read from the files), none in the leaders' classes.
    assert sorted(outside) == [
        "CHAIR BERNSTEIN",
        "CHAIR BERSTEIN",
        "MR. DEESE",
        "MR. GRANZOTTO",
        "MR. KIRBY",
        "MR. RAMAMURTI",
        "MR. SULLIVAN",
        "MS. BOTTOMS",
        "MS. PÉREZ FERNÁNDEZ",
        "MS. SCULLY",
        "SENIOR ADMINISTRATION OFFICIAL",
    ]
    reported = {
        label for labels in report["unresolved_labels"].dropna() for label in labels.split("; ") if label
    }
    # Three briefing guests the rules do not know, and a generic AIDE of a press conference: 4 labels of
    # 3 pages (README).
    assert reported == {"AIDE", "MS. SCULLY", "MR. GRANZOTTO", "MS. PÉREZ FERNÁNDEZ"}
    assert (report["n_unresolved_labels"] > 0).sum() == 3
