"""Speaker names, roles and delegations inferred from the page, without a hand-written roster.

A State Department transcript prints labels such as ``FOREIGN MINISTER
HAYASHI`` or ``MR PRICE``; the page title names the principals with their
nationality ("Secretary Antony J. Blinken and Japanese Foreign Minister Hayashi
Yoshimasa at a Joint Press Availability"). :func:`infer_roster` turns the
labels of one event into a roster table, resolving each label by the first rule
that applies:

1. ``generic``: labels whose meaning does not depend on the event
   (``QUESTION``, ``AUDIENCE``, ``PARTICIPANT`` → press;
   ``MODERATOR``, ``INTERPRETER``, ``STAFF`` get their role here and their
   side in step 5).
2. ``registry``: a person of the person registry (``data/people.toml``,
   :mod:`analysis.parsing.people`), matched by the whole label (with the
   title and date where two people share a label): canonical name, office,
   side. A registry office that moderates (spokesperson, press secretary,
   moderator, master of ceremonies) makes the label a moderator. Pass
   ``registry=None`` for the rules alone, which is what a person the
   registry does not know gets.
3. ``title``: the label's name is found in the title and the title gives that
   person's side. The name is the run of capitalised name words around the
   label's surname; it never crosses a comma, a colon, "and", an office word
   ("Minister", "Administrator", "Technology"...) or an event word ("Before",
   "Following"). The side is the first country or organisation named in the
   person's own office words, which run back to the previous name or to an
   event word ("with", "at", "before"): "U.S. Ambassador to Japan" is U.S.
   (a country an office is posted *to* or *in* is skipped), "Argentine
   Ambassador to the United States" Argentine, "Senegalese President and AU
   Chairperson" Senegalese; a country inside a hyphenated event name
   ("U.S.-Japan Security Consultative Committee") marks nobody. Failing
   that, "of <country>" right after the name ("Prime Minister Kishida Fumio
   of Japan").
4. ``us_office_words``: no country for the person, but an office only the
   U.S. gives that name (Secretary of State/Defense/..., a "Secretary"
   before a name in a title, Deputy/Under/Assistant Secretary, Ambassador
   to / at large, Chargé d'Affaires, (Special) Envoy, Administrator, Press
   Secretary, Spokesperson, Senator, Congressman), in the title before the
   name or in the label. A bare ``SECRETARY`` label is not enough (SECRETARY
   EBRARD is Mexico's), nor is ``AMBASSADOR``.
   ``us_office``: a known U.S. office holder (:data:`US_OFFICIALS`: the
   Secretary, the spokespersons ``MR PRICE``, ``MR PATEL``, ``MR MILLER``
   as moderators, other cabinet members and senior officials);
   ``us_office_fuzzy`` accepts a one-letter printing slip (``SECRETARY
   BLINKNEN``).
5. ``moderator_side`` / ``interpreter_side`` / ``host``: an ``INTERPRETER``
   serves the counterpart delegation when there is exactly one. A
   ``MODERATOR`` (or an unresolved ``MR``/``MS`` label that gives the floor
   to the press) serves the one counterpart when it alternates with the U.S.
   spokesperson or when its turns are interpreted; otherwise it, or a
   ``STAFF`` member, serves the host (the country of ``location`` when it is
   a delegation of the event, or the U.S. at home). A ``MODERATOR`` heard
   only before the spokesperson's first turn is often the spokesperson under
   another label, so the host rule decides it.
6. ``unresolved``: anything else is a principal of unknown delegation
   (``<NA>``), flagged in the ``unresolved`` column, never guessed.

White House pages (``format="whitehouse"``) name their principals the other
way round ("President Biden and Prime Minister Kishida Fumio *of Japan*"), and
their U.S. speakers are White House officials. For them, in this order:
generic labels as above, plus ``Q`` (press), ``SENIOR ADMINISTRATION
OFFICIAL(S)`` (U.S.), ``OPERATOR``, ``ANNOUNCER``, ``AIDE`` (staff, by the side
they serve; ``WHITE HOUSE AIDE``/``MILITARY AIDE`` U.S., ``POLISH AIDE``
Poland); then the registry (step 2); ``known_leader``: a foreign leader of :data:`FOREIGN_LEADERS`
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
How often each step is right, on pages the rules were written on and on pages
drawn at random before the rules were changed, is in the README ("Speakers
without a roster").
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from .._validation import check_table
from .people import Registry, as_date, load_people
from .roster import ROSTER_COLUMNS, load_roster
from .text import fold, normalize_text

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
    "draft_roster",
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
    "Organization of the American States": "OAS",
    "Organization of Islamic Cooperation": "OIC",
    "OIC": "OIC",
    "ICAO": "ICAO",
    "European Commissioner": "EU",
    "European Council": "EU",
    "European Parliament": "EU",
    "Abu Dhabi": "UAE",
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
    "ASSISTANT SECRETARY SATTERFIELD": (
        "Lee Satterfield",
        "Assistant Secretary of State for Educational and Cultural Affairs",
        "principal",
    ),
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
        "Jayme White",
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
    date = as_date(date)  # a date, a pandas Timestamp (the corpus's dates) or an ISO string
    if date is None:
        return None
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
# Words of offices, ranks and portfolios: never part of a name.
_OFFICE_WORDS = {
    "FOREIGN", "MINISTER", "MINISTERS", "SECRETARY", "SECRETARY-GENERAL", "PRIME", "DEPUTY", "PRESIDENT",
    "VICE", "GENERAL", "AMBASSADOR", "AMBASSADORS", "ACTING", "STATE", "COUNCILOR", "COUNSELOR",
    "EXTERNAL", "AFFAIRS", "DEFENSE", "DEFENCE", "HIGH", "REPRESENTATIVE", "CHAIRPERSON", "CHAIRMAN",
    "CHAIRWOMAN", "CHAIR", "CROWN", "PRINCE", "PRINCESS", "KING", "QUEEN", "EMIR", "AMIR", "SULTAN",
    "UNDER", "UNDERSECRETARY", "ASSISTANT", "SENATOR", "CONGRESSMAN", "CONGRESSWOMAN", "GOVERNOR",
    "MAYOR", "CHANCELLOR", "COMMISSIONER", "SPEAKER", "DIRECTOR", "DIRECTOR-GENERAL", "CABINET",
    "OFFICER", "CHARGE", "CARETAKER", "ALTERNATE", "FIRST", "SECOND", "LADY", "GENTLEMAN", "SPECIAL",
    "ENVOY", "ADMINISTRATOR", "SPOKESPERSON", "SPOKESMAN", "SPOKESWOMAN", "PRESS", "COORDINATOR",
    "ADVISOR", "ADVISER", "ATTORNEY", "CHIEF", "HEAD", "LEADER", "MEMBER", "RANKING", "EXECUTIVE",
    "PERMANENT", "MISSION", "CONSUL", "EMBASSY", "FOUNDING", "FOUNDER", "CEO", "EDITOR", "HOST",
    "MODERATOR", "BUREAU", "LIEUTENANT", "COLONEL", "ADMIRAL", "CAPTAIN", "BRIGADIER", "MAJOR",
    "SECRETARIAT", "MINISTRY", "DEPARTMENT", "COMMISSION", "COUNCIL", "COMMITTEE", "OFFICE", "AGENCY",
    "FEDERAL", "NATIONAL", "REPUBLIC", "DEMOCRATIC", "KINGDOM", "AUTHORITY", "ORGANIZATION", "UNION",
    "STATES", "ECONOMY", "ECONOMIC", "FINANCE", "SECURITY", "ENERGY", "TRADE", "INDUSTRY", "COMMERCE",
    "EDUCATION", "CULTURE", "SPORTS", "SCIENCE", "TECHNOLOGY", "HEALTH", "AGRICULTURE", "ENVIRONMENT",
    "CLIMATE", "ACTION", "DEVELOPMENT", "INTERNATIONAL", "COOPERATION", "RELATIONS", "POLICY",
    "REFUGEES", "HOMELAND", "INTERIOR", "JUSTICE", "LABOR", "LABOUR", "TRANSPORT", "TRANSPORTATION",
    "INFRASTRUCTURE", "TOURISM", "INVESTMENT", "INNOVATION", "DIGITAL", "PUBLIC", "INTELLIGENCE",
    "TREASURY", "ARMED", "FORCES", "STAFF", "JOINT", "EUROPEAN", "AFFAIRES", "D'AFFAIRES", "WORKS",
    "RELIGIOUS", "FREEDOM", "HUMAN", "RIGHTS", "DEMOCRACY", "GLOBAL", "WOMEN", "ISSUES", "ARMS",
    "CONTROL", "NONPROLIFERATION", "COUNTERTERRORISM", "TERRORISM", "CYBERSPACE", "FOOD", "WATER",
    "MIGRATION", "HUMANITARIAN", "ASSISTANCE", "AID", "RESOURCES", "NATURAL", "FISHERIES", "OCEANS",
    "EUROPE", "DIASPORA", "PRESIDENTIAL", "LEADERSHIP", "CHAPTER", "PARLIAMENT", "ASSEMBLY", "SENATE",
    "HOUSE", "GOVERNMENT", "PREMIER",
    "IN", "OF", "THE", "FOR", "AND", "TO", "AT", "LARGE", "FORMER", "SENIOR",
}  # fmt: skip
# Words that end a name: events, connectives, the page's own words.
_EVENT_WORDS = {
    "AND", "AT", "BEFORE", "AFTER", "FOLLOWING", "DURING", "ON", "IN", "OF", "THE", "TO", "WITH", "BY",
    "FROM", "FOR", "A", "AN", "THEIR", "REMARKS", "STATEMENT", "STATEMENTS", "MEETING",
    "MEETINGS", "JOINT", "PRESS", "AVAILABILITY", "CONFERENCE", "SIGNING", "CEREMONY", "TOUR", "VISIT",
    "OPENING", "CLOSING", "AS", "PART", "SESSION", "EVENT", "DIALOGUE", "SUMMIT", "MINISTERIAL",
    "ROUNDTABLE", "DISCUSSION", "CONVERSATION", "INTERVIEW", "BRIEFING", "LUNCHEON", "DINNER",
    "RECEPTION", "WELCOME", "TOAST", "RELEASE", "LAUNCH", "ANNOUNCEMENT", "VIRTUAL", "BILATERAL",
    "TRILATERAL", "MULTILATERAL", "SECRETARY'S", "TRAVELING", "TRAVELLING", "DEPARTURE", "ARRIVAL",
    "HONOR", "HONOUR", "PANEL", "FORUM", "SPEECH", "ADDRESS", "EXCHANGE", "DEPARTING", "AHEAD", "UPON",
    "WHILE", "MEET", "GREET", "KEYNOTE", "LECTURE", "SERIES", "ANNUAL", "PLENARY", "VIDEO", "MESSAGE",
    "PHOTO", "SPRAY",
}  # fmt: skip
_HONORIFICS = {
    "DR",
    "SHEIKH",
    "SHAIKH",
    "SIR",
    "DAME",
    "HIS",
    "HER",
    "MAJESTY",
    "HIGHNESS",
    "EXCELLENCY",
    "HE",
    "MR",
    "MS",
    "MRS",
    "MISS",
    "HON",
    "HONORABLE",
    "HONOURABLE",
    "RT",
    "PROF",
    "PROFESSOR",
}
_PARTICLES = {
    "AL",
    "EL",
    "BIN",
    "BINT",
    "IBN",
    "ABU",
    "VON",
    "VAN",
    "DER",
    "DEN",
    "DE",
    "DA",
    "DOS",
    "DAS",
    "DEL",
    "DI",
    "LA",
    "LE",
    "DU",
    "Y",
}
_SUFFIXES = {"JR", "SR", "II", "III", "IV"}
# Offices only the United States gives these names to (label or title, no other nationality said).
_US_OFFICE_PATTERNS = (
    re.compile(r"\b(?:DEPUTY|UNDER|ASSISTANT) SECRETARY\b(?![ -]GENERAL)"),
    re.compile(
        r"\bSECRETARY OF (?:STATE(?! FOR)|DEFENSE|COMMERCE|ENERGY|AGRICULTURE|(?:THE )?TREASURY"
        r"|HOMELAND|TRANSPORTATION|LABOR|EDUCATION|HEALTH|(?:THE )?INTERIOR|VETERANS|HOUSING"
        r"|(?:THE )?ARMY|(?:THE )?NAVY)"
    ),
    re.compile(
        r"\b(?:DEFENSE|ENERGY|COMMERCE|AGRICULTURE|TREASURY|TRANSPORTATION|HOMELAND SECURITY) SECRETARY\b"
    ),
    re.compile(r"\bAMBASSADOR(?: TO| AT LARGE| AT-LARGE)\b"),
    re.compile(r"(?<!IN )\bCHARGE(?: D'AFFAIRES)?\b"),
    re.compile(r"\b(?:SPECIAL )?ENVOY\b"),
    re.compile(r"\bADMINISTRATOR\b"),
    re.compile(r"\bPRESS SECRETARY\b"),
    re.compile(r"\bSPOKESPERSON\b"),
    re.compile(r"\bSENATOR\b"),
    re.compile(r"\bCONGRESS(?:MAN|WOMAN)\b"),
)
# In a title, "Secretary" alone before a name is a U.S. Secretary ("Secretary Antony J. Blinken"):
# other countries' secretaries are printed with their nationality. In a label it is not
# (SECRETARY EBRARD is Mexico's).
_BARE_SECRETARY = re.compile(r"^(?:(?:DEPUTY|UNDER|ASSISTANT|ACTING) )?SECRETARY$")
# A moderator's office in the registry ("Moderator (British side)", "Master of ceremonies").
_MODERATOR_OFFICE = re.compile(r"(?i)\bmoderat|\bmaster of ceremonies\b|\bspokesperson\b|\bpress secretary\b")


@functools.lru_cache(maxsize=1 << 12)
def _fold_character(ch: str) -> str:
    """:func:`fold` of one character, or the character upper-cased where folding changes its length."""
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.upper()


def _alignedfold(text: str) -> str:
    """:func:`fold` character by character, so that positions stay those of ``text``."""
    # Titles use a few dozen distinct characters: each is folded once (the cache), not at every use.
    return "".join(map(_fold_character, text))


def _label_key(label: str) -> str:
    return re.sub(r"\s+", " ", fold(label).replace(".", "").replace("`", "")).strip()


_COUNTRY_PATTERN = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(fold(name)) for name in sorted(COUNTRY_NAMES, key=len, reverse=True))
    + r")(?![\w])"
)
_COUNTRY_BY_FOLDED = {fold(name): code for name, code in COUNTRY_NAMES.items()}


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
    found = list(_COUNTRY_PATTERN.finditer(fold(text).replace("\u2019", "'")))
    return _COUNTRY_BY_FOLDED[found[-1].group()] if found else None


def _name_words(label_key: str) -> list[str]:
    """The words of a label that can be a name, hyphenated parts apart: AL-THANI → AL, THANI."""
    words = [part for word in label_key.split() for part in word.split("-") if part]
    words = [w for w in words if w.strip("'") not in _OFFICE_WORDS or w in _PARTICLES]
    words = [w for w in words if w not in _ADDRESS and len(w.strip("'")) >= 2]
    while words and words[0] in _PARTICLES and len(words) > 1 and words[1] in _PARTICLES:
        words.pop(0)
    return words


def _surname(names: list[str]) -> str | None:
    core = [w for w in names if w not in _PARTICLES and w not in _SUFFIXES]
    return core[-1] if core else None


def _us_office(office: str, *, title: bool = False) -> bool:
    """An office only the U.S. gives that name (folded words; leading "and", "with" ignored).

    With ``title``, the office words printed before a name in a title, where a
    bare "Secretary" is the U.S. one.
    """
    office = " ".join(re.sub(r"[^\w' -]+", " ", office.replace(".", "")).split())
    office = re.sub(r"^(?:(?:AND|WITH|&) )+", "", office)
    if title and _BARE_SECRETARY.match(office):
        return True
    return any(pattern.search(office) for pattern in _US_OFFICE_PATTERNS)


class _Title:
    """A page title cut into words, countries and runs of name words."""

    def __init__(self, title: str):
        text = normalize_text(title or "").replace("\u2019", "'")
        self.text = text
        self.folded = folded = _alignedfold(text)
        self.countries = [
            (m.start(), m.end(), _COUNTRY_BY_FOLDED[m.group()]) for m in _COUNTRY_PATTERN.finditer(folded)
        ]
        # Words: letters, digits, apostrophes and periods; hyphens and punctuation separate them.
        self.words = [
            (m.start(), m.end(), m.group().strip(".")) for m in re.finditer(r"[^\W_][\w'.]*", folded)
        ]
        kinds = [self._kind(i) for i in range(len(self.words))]
        # Runs of name words joined by a space or a hyphen only (a comma, colon... ends a name).
        self.runs: list[tuple[int, int]] = []
        i = 0
        while i < len(self.words):
            if kinds[i] != "name":
                i += 1
                continue
            j = i
            while (
                j + 1 < len(self.words)
                and self._joined(j)
                and (kinds[j + 1] in ("name", "particle") or self._hyphen_part(j + 1))
            ):
                j += 1
            while j > i and kinds[j] == "particle":
                j -= 1
            self.runs.append((i, j))
            i = j + 1
        # A particle opening a name ("Al Thani", "von der Leyen") belongs to it.
        for n, (i, j) in enumerate(self.runs):
            while i > 0 and kinds[i - 1] == "particle" and self._joined(i - 1):
                i -= 1
            self.runs[n] = (i, j)

    def _hyphen_part(self, i: int) -> bool:
        """A lower-case word hyphenated to a name ("Eui-yong")."""
        return self.folded[self.words[i][0] - 1] == "-" and self.words[i][2].isalpha()

    def _joined(self, i: int) -> bool:
        gap = self.folded[self.words[i][1] : self.words[i + 1][0]]
        return gap in (" ", "-", "\u00a0")

    def _in_country(self, i: int) -> bool:
        start = self.words[i][0]
        return any(s <= start < e for s, e, _ in self.countries)

    def _kind(self, i: int) -> str:
        start, _, word = self.words[i]
        bare = word.strip("'")
        if self._in_country(i):
            return "country"
        if bare in _PARTICLES:
            return "particle"
        if bare in _HONORIFICS or bare in _OFFICE_WORDS or bare in _EVENT_WORDS:
            return "other"
        if not self.text[start].isupper() or bare.isdigit():
            return "other"
        return "name"

    def find(self, names: list[str]) -> tuple[int, int] | None:
        """The run of name words holding the label's surname (and most of its other name words)."""
        surname = _surname(names)
        if surname is None:
            return None
        best, best_score = None, 0
        for i, j in self.runs:
            words = [self.words[k][2] for k in range(i, j + 1)]
            if surname not in words and surname.strip("'") not in [w.strip("'") for w in words]:
                continue
            score = 1 + sum(name in words for name in names)
            if score > best_score:
                best, best_score = (i, j), score
        if best is None:
            return None
        # At most three words before the surname (particles not counted) and two after.
        i, j = best
        words = [self.words[k][2].strip("'") for k in range(len(self.words))]
        at = max(k for k in range(i, j + 1) if words[k] == surname.strip("'"))
        start, counted = at, 0
        while start > i and counted < 3:
            start -= 1
            counted += words[start] not in _PARTICLES
        end, counted = at, 0
        while end < j and (counted < 2 or words[end + 1] in _SUFFIXES):
            end += 1
            counted += words[end] not in _SUFFIXES
        return start, end

    def name(self, run: tuple[int, int]) -> str:
        return self.text[self.words[run[0]][0] : self.words[run[1]][1]].rstrip(",")

    def after(self, run: tuple[int, int]) -> str | None:
        """The country of "<name> of <country>", or None."""
        after = self.folded[self.words[run[1]][1] :]
        match = re.match(r",? OF (?:THE )?", after)
        if match:
            offset = self.words[run[1]][1] + match.end()
            for s, _, code in self.countries:
                if s == offset:
                    return code
        return None

    def side(self, run: tuple[int, int]) -> tuple[str | None, str]:
        """``(delegation, office words)`` of the person whose name is ``run``.

        The office is the text between the previous name (or the last event word
        such as "with", "at", "before") and this name. The person's side is the
        first country named there, except a country the office is posted to
        ("Ambassador to Japan") or one in a hyphenated event name ("U.S.-Japan");
        failing that, "of <country>" right after the name ("Kishida Fumio of
        Japan").
        """
        start_word = run[0]
        previous_end = max((self.words[j][1] for i, j in self.runs if j < start_word), default=0)
        left = previous_end
        # The previous person's "of <country>" ("Albanese of Australia, and ...") is theirs.
        match = re.match(r",? OF (?:THE )?", self.folded[left:])
        if previous_end and match:
            ends = [e for s, e, _ in self.countries if s == left + match.end()]
            if ends:
                left = previous_end = ends[0]
        for k in range(start_word - 1, -1, -1):
            if self.words[k][1] <= previous_end:
                break
            word = self.words[k][2]
            nxt = self.words[k + 1][2] if k + 1 < len(self.words) else ""
            if word in {"WITH", "BEFORE", "AFTER", "FOLLOWING", "DURING", "BY", "FROM", "REMARKS"} or (
                word == "AT" and nxt not in {"LARGE"}
            ):
                left = self.words[k][1]
                break
        colon = self.folded.rfind(":", left, self.words[start_word][0])
        if colon >= 0:
            left = colon + 1
        office = self.folded[left : self.words[start_word][0]]
        for s, e, code in self.countries:
            if not (left <= s and e <= self.words[start_word][0]):
                continue
            before = self.folded[left:s]
            if re.search(r"(?:\bTO|\bIN)(?: THE)? $", before):
                continue  # posted to: "Ambassador to Japan", "Chargé d'Affaires in Kabul"
            if self.folded[e : e + 1] == "-" or (s > 0 and self.folded[s - 1] == "-"):
                continue  # an event's name: "U.S.-Japan Security Consultative Committee"
            return code, office
        return self.after(run), office


def _person_row(label: str, person, day) -> dict:
    """A roster row from a registry person."""
    office = person.office_on(day)
    delegation = None if person.delegation == "unknown" else person.delegation
    role = "principal"
    if _MODERATOR_OFFICE.search(office) and (delegation is not None or "moderat" in office.lower()):
        role = "moderator"
    elif delegation == "press":
        role = "press"
    return {"speaker": person.name, "office": office, "role": role, "delegation": delegation}


def infer_roster(
    labels: Iterable[str],
    title: str = "",
    *,
    location: str = "",
    interpreted: Iterable[str] = (),
    turn_labels: Sequence[str] | None = None,
    format: str = "state",
    date=None,
    registry="default",
) -> pd.DataFrame:
    """Infer each speaker label's person, role and delegation from the page.

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
    date : date, Timestamp, ISO str or None, default=None
        The event's day: tells apart people who share a label in the
        registry, and who ``THE PRESIDENT`` and ``THE VICE PRESIDENT`` are.
    registry : "default", Registry, str, Path or None, default="default"
        The person registry consulted before the rules
        (:func:`analysis.parsing.people.load_people`; ``"default"`` is
        ``data/people.toml``). ``None`` uses the rules only: what inference
        does for people the registry does not know.

    Returns
    -------
    pandas.DataFrame
        One row per distinct label, in order of first appearance, with columns

        - ``speaker_label`` : str
        - ``speaker`` : str, the person's name: canonical from the registry,
          else as printed in the title or the list of U.S. officials, else
          the label itself
        - ``office`` : str, possibly empty
        - ``role`` : str, one of principal, moderator, press, interpreter
        - ``delegation`` : str, ``<NA>`` when unresolved
        - ``resolved_by`` : str, the rule that decided the delegation:
          ``generic``, ``registry``, ``title``, ``us_office_words``,
          ``us_office``, ``us_office_fuzzy``, ``moderator_side``,
          ``interpreter_side``, ``host`` or ``unresolved``
        - ``unresolved`` : bool, the delegation could not be inferred

    Examples
    --------
    >>> roster = infer_roster(
    ...     ["SECRETARY BLINKEN", "FOREIGN MINISTER HAYASHI", "MR PRICE", "MODERATOR", "QUESTION"],
    ...     "Secretary Antony J. Blinken and Japanese Foreign Minister Hayashi Yoshimasa",
    ...     registry=None,
    ... )
    >>> roster["delegation"].tolist()
    ['US', 'Japan', 'US', 'Japan', 'press']
    >>> roster["resolved_by"].tolist()
    ['us_office_words', 'title', 'us_office', 'moderator_side', 'generic']
    """
    rows = infer_speakers(
        labels,
        title,
        location=location,
        interpreted=interpreted,
        turn_labels=turn_labels,
        format=format,
        date=date,
        registry=registry,
    )
    table = pd.DataFrame(list(rows.values()), columns=INFERRED_ROSTER_COLUMNS[:-1])
    table["delegation"] = table["delegation"].astype("str")
    table["unresolved"] = table["delegation"].isna()
    return table[INFERRED_ROSTER_COLUMNS].reset_index(drop=True)


def _registry(registry):
    if registry is None or isinstance(registry, Registry):
        return registry
    if isinstance(registry, str) and registry == "default":
        return load_people()
    if isinstance(registry, (str, Path)):
        return load_people(registry)
    raise TypeError(f"registry must be 'default', a Registry, a path or None, not {type(registry).__name__}")


def infer_speakers(
    labels: Iterable[str],
    title: str = "",
    *,
    location: str = "",
    interpreted: Iterable[str] = (),
    turn_labels: Sequence[str] | None = None,
    format: str = "state",
    date=None,
    registry="default",
) -> dict[str, dict]:
    """The work of :func:`infer_roster`, as one dict per label (no table is built).

    Parameters
    ----------
    labels, title, location, interpreted, turn_labels, format, date, registry
        As for :func:`infer_roster`.

    Returns
    -------
    dict of str to dict
        ``label -> row`` with the keys of :func:`infer_roster`'s columns but
        ``unresolved``; an unresolved delegation is ``None``.
    """
    people = _registry(registry)
    ordered = list(dict.fromkeys(labels))
    interpreted = set(interpreted)
    keys = {label: _label_key(label) for label in ordered}
    parsed = _Title(title)
    whitehouse = format == "whitehouse"
    rows: dict[str, dict] = {}
    pending: list[str] = []
    for label in ordered:
        key = keys[label]
        row = {
            "speaker_label": label,
            "speaker": label,
            "office": "",
            "role": "principal",
            "delegation": None,
        }
        person = (
            None if people is None or key in _PRESS_LABELS else people.resolve(label, title=title, date=date)
        )
        words = key.split()
        if whitehouse and (
            key in _PRESS_LABELS or key == "INTERPRETER" or (words and words[-1] in _WHITE_HOUSE_STAFF)
        ):
            # The White House's generic labels: the press, interpreters, staff by the side they serve.
            _whitehouse_rule(row, key, parsed, date)
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
        elif person is not None and person.delegation != "unknown":
            row.update(_person_row(label, person, date), resolved_by="registry")
        elif whitehouse and _whitehouse_rule(row, key, parsed, date):
            if person is not None:
                row.update(speaker=person.name)
        else:
            row.update(_rules(key, parsed))
            if person is not None:
                # Known person, side unknown to the registry: the registry's name, the rules' side.
                row.update(speaker=person.name, office=person.office_on(date))
                if (
                    _MODERATOR_OFFICE.search(row["office"])
                    and row["delegation"] is None
                    and ("moderat" in row["office"].lower() or "ceremonies" in row["office"].lower())
                ):
                    row.update(role="moderator")
                    pending.append(label)
        rows[label] = row

    # Who gives the floor: the label of each turn just before a press turn.
    turn_labels = list(turn_labels) if turn_labels is not None else None
    callers: set[str] = set()
    if turn_labels is not None:
        for before, after in itertools.pairwise(turn_labels):
            if rows[after]["role"] == "press":
                callers.add(before)
    # A "MR ..."/"MS ..." principal (or a known journalist) who gives the floor to the press is a
    # moderator (the host of a conversation, a panel's chair); its side is the registry's or,
    # unresolved, the side it serves.
    for label in ordered:
        row = rows[label]
        # A label whose key folds to nothing (a lone sound mark, "ﾞ") has no first word.
        address = keys[label].split()[:1]
        if (
            (row["role"] == "principal" or (row["role"] == "press" and row["resolved_by"] == "registry"))
            and row["resolved_by"] in ("unresolved", "registry")
            and label in callers
            and address
            and address[0] in _ADDRESS
        ):
            row.update(role="moderator")
            if row["resolved_by"] == "unresolved":
                pending.append(label)

    # Moderators, interpreters and staff by the side they serve.
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
    for label in dict.fromkeys(pending):
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


def _rules(key: str, title: _Title) -> dict:
    """Name, office, role, delegation and rule of a label the registry does not settle."""
    names = _name_words(key)
    run = title.find(names) if names else None
    label_office = " ".join(w for w in key.split() if w not in names)
    if run is not None:
        delegation, office_text = title.side(run)
        name = title.name(run)
        if " " not in name and key in US_OFFICIALS:
            name = US_OFFICIALS[key][0]  # "Secretary Blinken": the known full name
        office = _office_words(title, run)
        if delegation is not None:
            role = US_OFFICIALS[key][2] if key in US_OFFICIALS and delegation == "US" else "principal"
            return {
                "speaker": name,
                "office": office,
                "role": role,
                "delegation": delegation,
                "resolved_by": "title",
            }
        if _us_office(office_text, title=True) or _us_office(label_office):
            role = US_OFFICIALS[key][2] if key in US_OFFICIALS else "principal"
            return {
                "speaker": name,
                "office": office,
                "role": role,
                "delegation": "US",
                "resolved_by": "us_office_words",
            }
    if key in US_OFFICIALS:
        name, office, role = US_OFFICIALS[key]
        return {
            "speaker": name,
            "office": office,
            "role": role,
            "delegation": "US",
            "resolved_by": "us_office",
        }
    if close := difflib.get_close_matches(key, US_OFFICIALS, n=1, cutoff=0.92):
        name, office, role = US_OFFICIALS[close[0]]
        return {
            "speaker": name,
            "office": office,
            "role": role,
            "delegation": "US",
            "resolved_by": "us_office_fuzzy",
        }
    if run is None and _us_office(label_office):
        return {"resolved_by": "us_office_words", "delegation": "US"}
    found = {"resolved_by": "unresolved"}
    if run is not None:
        found.update(speaker=title.name(run), office=_office_words(title, run))
    return found


def _office_words(title: _Title, run: tuple[int, int]) -> str:
    """The capitalised office words printed just before a name ("Japanese Foreign Minister")."""
    words = []
    k = run[0] - 1
    while k >= 0 and title.words[k][1] <= title.words[run[0]][0]:
        start, end, word = title.words[k]
        if word.strip("'") not in _OFFICE_WORDS or word in {"AND", "AT", "TO", "THE", "IN"}:
            break
        gap = title.folded[end : title.words[k + 1][0]]
        if gap not in (" ", "-", "\u00a0"):
            break
        words.insert(0, title.text[start:end])
        k -= 1
    return " ".join(words)


def _whitehouse_rule(row: dict, key: str, title: _Title, date) -> bool:
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
        delegation, name = person
        row.update(speaker=name, delegation=delegation, resolved_by="title")
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


def _title_person_after(title: _Title, key: str) -> tuple[str, str] | None:
    """``(delegation, name)`` from "<name> of <country>" in a White House title ("Kishida Fumio of Japan")."""
    names = _name_words(key)
    run = title.find(names) if names else None
    if run is None:
        return None
    delegation = title.after(run)
    return None if delegation is None else (delegation, title.name(run))


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


_RULE_NOTES = {
    "generic": "a label that means the same at every event",
    "registry": "the person registry, data/people.toml",
    "title": "the page title names the person and the side",
    "us_office_words": "an office only the U.S. gives that name",
    "us_office": "a known U.S. office holder",
    "us_office_fuzzy": "a known U.S. office holder, label misprinted",
    "moderator_side": "the side whose moderator alternates with the U.S. spokesperson",
    "interpreter_side": "the one counterpart delegation",
    "host": "the host of the event",
}


def _toml(value) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(str(value), ensure_ascii=False)


def draft_roster(
    inferred: pd.DataFrame,
    *,
    title: str = "",
    date=None,
    source: str = "",
    counts: pd.DataFrame | None = None,
) -> str:
    """An editable roster file (TOML) from an inferred roster.

    The file is in the format of the event files (``data/events/*.toml``):
    ``[speakers."LABEL"]`` tables with ``name``, ``office``, ``role`` and
    ``delegation``, plus ``resolved_by``, the rule that decided (README,
    "Speakers without a roster"). An unresolved label gets an empty
    ``delegation`` and an ``UNRESOLVED`` comment: read as a roster it stays
    unresolved until someone writes its side. ``python -m analysis roster``
    writes it; ``report PATH --roster FILE`` reads it back.

    Parameters
    ----------
    inferred : pandas.DataFrame
        Output of :func:`infer_roster`.
    title : str, default=""
        The page title inference used (written as ``title``).
    date : date, Timestamp, ISO str or None, default=None
        The event's day (written as ``date``).
    source : str, default=""
        The transcript, named in the header comment.
    counts : pandas.DataFrame, optional
        ``speaker_label, n_turns, n_words``, written as a comment above each
        label.

    Returns
    -------
    str
        The file's text.

    Raises
    ------
    TableError
        If ``inferred`` lacks the columns of :func:`infer_roster`.

    Examples
    --------
    >>> import tomllib
    >>> roster = infer_roster(["SECRETARY BLINKEN", "MR NOBODY"], "Secretary Antony J. Blinken Remarks")
    >>> text = draft_roster(roster)
    >>> load_roster(tomllib.loads(text)["speakers"])["delegation"].isna().tolist()
    [False, True]
    """
    check_table(inferred, INFERRED_ROSTER_COLUMNS, "draft_roster", producer="infer_roster", allow_empty=True)
    day = as_date(date)
    lines = [
        "# Speaker roster drafted by `python -m analysis roster`"
        + (f" from {Path(source).name}" if source else "")
        + ": check every entry.",
        "# Each label says the rule that resolved it (resolved_by); UNRESOLVED labels have an empty",
        '# delegation: write their side ("US", "Japan", ...) or they stay unresolved.',
        "# role: principal | moderator | press | interpreter. Then read the transcript with it:",
        "#   python -m analysis report TRANSCRIPT --roster THIS_FILE",
    ]
    if title:
        lines.append(f"title = {_toml(title)}")
    if day is not None:
        lines.append(f"date = {day.isoformat()}")
    by_label = None if counts is None else counts.set_index("speaker_label")
    for row in inferred.to_dict("records"):
        lines.append("")
        label = row["speaker_label"]
        if by_label is not None and label in by_label.index:
            turns, words = by_label.loc[label, ["n_turns", "n_words"]]
            lines.append(f"# {int(turns)} turn(s), {int(words):,} words.")
        delegation = row["delegation"]
        unresolved = not isinstance(delegation, str) or pd.isna(delegation)
        rule = row["resolved_by"]
        if unresolved:
            lines.append("# UNRESOLVED: the side is not known; write it as delegation.")
        elif rule in _RULE_NOTES:
            lines.append(f"# {rule}: {_RULE_NOTES[rule]}.")
        lines += [
            f"[speakers.{_toml(label)}]",
            f"name = {_toml(row['speaker'])}",
            f"office = {_toml(row['office'] if isinstance(row['office'], str) else '')}",
            f"role = {_toml(row['role'])}",
            f"delegation = {_toml('' if unresolved else delegation)}",
            f"resolved_by = {_toml(rule)}",
        ]
    return "\n".join(lines) + "\n"
