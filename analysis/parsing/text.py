"""Text normalisation and the project's one tokenizer.

Every analysis in the package counts words with :func:`tokenize`; TF-IDF,
keyness and mention matching all call it, so a "word" means the same thing in
every table and figure.

Normalisation
-------------
Speaker labels are matched, and words counted, on the text as
:func:`normalize_text` leaves it, so that a character nobody can see never
changes who spoke or how many words they said:

=====================================  ==========================  ===========
characters                             examples                    become
=====================================  ==========================  ===========
line ends                              CR LF, CR                   LF
curly quotes, primes                   ``’ ‘ “ ” ′``               ``' "``
space separators, other white space    no-break, thin, narrow      one space
                                       no-break, ideographic
                                       space; vertical tab, form
                                       feed, NEL, U+2028/2029
format characters (category Cf)        zero-width space and        removed
                                       joiners, soft hyphen,
                                       LRM/RLM, LRE...RLO, LRI...
                                       PDI, word joiner, BOM
other control characters               NUL, ESC, DEL, C1 controls  removed
composed forms                         ``e`` + U+0301              NFC: ``é``
combining diacritical marks that NFC   a mark on a space or digit  removed
cannot fold into a letter
=====================================  ==========================  ===========

Tabs and line breaks stay, so line numbers are those an editor shows; the
``raw_text`` column of the paragraph table keeps the text as printed. So
``MR\\u200b PRICE:`` (a zero-width space in the label) is the label
``MR PRICE``, and ``inter\\u00adnational`` (a soft hyphen) is one word. Only
the generic combining marks are removed: the vowel signs of Devanagari or
Arabic stay (the package is built for English transcripts, whose words such
signs would split).

The word-count convention
-------------------------
:func:`tokenize` lower-cases the normalised text and takes, left to right, the
longest of:

========================  ===============================  ==================
kind                      example in the text              token(s)
========================  ===============================  ==================
dotted abbreviation       ``U.S.``, ``D.C.``, ``U.S``      ``u.s.``, ``d.c.``
"plus" numbers            ``2+2``                          ``2+2``
numbers with separators   ``10,000``, ``1.5``              ``10,000``, ``1.5``
words with apostrophes    ``we've``, ``don't``             ``we've``, ``don't``
possessive / ``'s``       ``Japan's``, ``U.S.'s``          ``japan``, ``u.s.``
letters and digits        ``G7``, ``12th``, ``2027``       ``g7``, ``12th``,
                                                           ``2027``
========================  ===============================  ==================

* Hyphens and dashes separate words: ``U.S.-Japan`` is two words
  (``u.s.``, ``japan``), ``Indo-Pacific`` is two (``indo``, ``pacific``), and
  an en dash standing between spaces is no word at all. Splitting compounds
  lets "U.S.-China relations" count as a mention of China.
* A trailing ``'s`` is dropped (possessive and the contraction of *is* cannot
  be told apart, and neither changes the word count); other contractions stay
  one token, so ``we've`` never becomes ``ve``.
* Punctuation, symbols (``$``, ``%``, ``#``) and stage directions are not
  words; stage directions are removed from a paragraph by
  :func:`strip_stage_directions` before counting.
* ``U.S.`` keeps its periods (``u.s.``) so that it is never confused with the
  pronoun *us*. A transcript that writes ``US`` without periods gets ``us``.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
import unicodedata

__all__ = [
    "TOKEN_CACHE_SIZE",
    "TOKEN_PATTERN",
    "clear_token_cache",
    "count_words",
    "fold",
    "normalize_text",
    "strip_stage_directions",
    "token_offsets",
    "token_spans",
    "tokenize",
]

# Characters mapped before anything else looks at the text.
_QUOTES = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark / curly apostrophe
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",  # prime
    "\u02bc": "'",  # modifier letter apostrophe
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
}
#: Characters that separate words but are not a plain space: every Unicode
#: space separator (no-break, thin, hair, narrow no-break, ideographic...),
#: the line and paragraph separators, and the control characters that Python
#: counts as white space (vertical tab, form feed, the information separators,
#: NEL). Each becomes one plain space; line breaks stay ``\n`` only, so line
#: numbers are those of an editor.
SPACE_CHARACTERS = "\u000b\u000c\u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Characters that are not seen: every format character (Unicode category Cf:
#: zero-width space and joiners, soft hyphen, left-to-right and right-to-left
#: marks, embeddings and overrides, word joiner, byte-order mark, tags; the
#: table of Unicode 14), every other control character but tab and line ends
#: (NUL...), and lone surrogates. Each is removed.
INVISIBLE_CHARACTERS = (
    "\u0000-\u0008\u000e-\u001b\u007f-\u0084\u0086-\u009f"  # Cc
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"  # Cf
    "\ud800-\udfff"  # Cs
)
#: Combining diacritical marks (the generic blocks, not the vowel signs of
#: Devanagari, Arabic...). NFC folds a mark into the letter before it where
#: Unicode has the composed letter (e + U+0301 is é); a mark left over after
#: NFC sits on a space, a digit or a letter without such a form, and is
#: removed.
COMBINING_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"

_TRANSLATION = str.maketrans(_QUOTES)


def _expand(ranges: str) -> list[str]:
    """The characters of a character-class body such as ``"a-c\u00ad"``."""
    out, i = [], 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            out += [chr(code) for code in range(ord(ranges[i]), ord(ranges[i + 2]) + 1)]
            i += 3
        else:
            out.append(ranges[i])
            i += 1
    return out


_TRANSLATION.update({ord(ch): " " for ch in _expand(SPACE_CHARACTERS)})
_TRANSLATION.update({ord(ch): "" for ch in _expand(INVISIBLE_CHARACTERS)})
_SPECIAL = re.compile(
    "[" + "".join(re.escape(ch) for ch in _QUOTES) + SPACE_CHARACTERS + INVISIBLE_CHARACTERS + "]"
)
# One mark at a time, not runs of them: removing each mark leaves the same text, and a pattern
# that opens with a character class is searched with the class's fast scan, which a repetition
# (``[...]+``) forgoes.
_LEFTOVER_MARK = re.compile(f"[{COMBINING_MARKS}]")
_QUOTE_PAIRS = tuple(_QUOTES.items())


def _replace_special(match: re.Match) -> str:
    return _TRANSLATION[ord(match.group())]


#: Distinct texts whose tokens :func:`tokenize` keeps: about 15 times the
#: paragraphs of the State Department corpus, so that a whole table of many
#: events is tokenized once (a full cache holds about 130 MB).
TOKEN_CACHE_SIZE = 1 << 18

#: The regular expression behind :func:`tokenize`, applied to lower-cased,
#: normalised text. Alternatives are tried in order; each is anchored so that
#: the longest sensible token wins. The first is the common case, tried first
#: because it is the cheapest: a run of ASCII letters that no period,
#: apostrophe or other word character follows, which is the token the last
#: alternative would match there (and no earlier one can); anything else falls
#: through to the alternatives below it.
TOKEN_PATTERN = re.compile(
    r"""
    [a-z]++(?![.'\w])                              # plain word: peace, alliance
  | (?:[^\W\d_]\.)+[^\W\d_](?![^\W_])\.?(?:'s)?  # dotted abbreviation: u.s., d.c.
  | \d+(?:\+\d+)+(?![^\W_])                      # 2+2
  | \d+(?:[.,]\d+)+(?![^\W_])                    # 10,000  1.5
  | [^\W_]+(?:'[^\W\d_]+)*                       # words, contractions, g7, 12th
    """,
    re.VERBOSE,
)

# Stage directions: parenthesised notes by the transcriber, not speech.
# Every run of letters or spaces is possessive (it cannot be followed by what
# it matches), so a "(" followed by thousands of spaces or words fails in time
# linear in the text instead of trying every split of the run.
_STAGE_WORDS = (
    r"via\s++(?:an\s++)?(?:interpret(?:er|ation)|translat(?:ion|or))"
    r"|(?:as|through)\s++(?:an\s++)?interpret(?:ed|er|ation)"
    r"|interpretation|inaudible|off[- ]?mi(?:ke|c)|crosstalk|cross-talk"
    r"|laughter|applause|cheers|interruption|audio\s++interruption"
    r"|(?:ends\s++)?in\s++progress|break|ph|sic"
    r"|(?:in|speaks)\s++[A-Z][a-z]++(?:\s++and\s++[A-Z][a-z]++)?"
    r"(?:\s++via\s++interpreter)?"
)
STAGE_DIRECTION_PATTERN = re.compile(
    r"\(\s*+(?:" + _STAGE_WORDS + r")(?:[\s,]++(?:and\s++)?(?:laughter|applause|cheers))*+\s*+[.]?\s*+\)"
    # A short narrative sentence by the transcriber: "(A video was played.)"
    r"|\((?:[A-Z][\w'-]*+\s++){1,6}(?:was|were|is|are)\s++[a-z]++\.\)"
    r"|\((?:[A-Z][\w'-]*+\s++){1,5}(?:delivered|gives|makes|speaks)\s[^()]{1,40}\.\)"
    r"|\(Video\s++played\.\)",
    re.IGNORECASE,
)
# Note: IGNORECASE above also lets "(In English)" and "(in French)" match.
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_SPACES = re.compile(r"  +")

INTERPRETED_PATTERN = re.compile(
    r"\(\s*+(?:via\s++(?:an\s++)?(?:interpret|translat)|(?:as|through)\s++(?:an\s++)?"
    r"interpret|interpretation\b|in\s++\w++\s++via\s++interpret)[^()]*+\)",
    re.IGNORECASE,
)
IN_ENGLISH_PATTERN = re.compile(r"\(\s*+in\s++english\.?\s*+\)", re.IGNORECASE)
#: More interpretation notes (White House pages): a turn left untranslated,
#: "(Speaks Ukrainian.)  (No translation provided.)", is interpreted speech (it
#: has no English words of its own); "(Speaks English.)", "(Speaks in English.)"
#: end interpretation as "(In English.)" does.
NO_TRANSLATION_PATTERN = re.compile(r"\([^()]*?\bno\s++translation\s++provided\b[^()]*+\)", re.IGNORECASE)
SPEAKS_ENGLISH_PATTERN = re.compile(r"\(\s*+speaks\s++(?:in\s++)?english\.?\s*+\)", re.IGNORECASE)


def normalize_text(text: str) -> str:
    """Normalise quotes, spaces, invisible characters and line endings.

    The one normalisation of the package: labels are matched, words counted
    and mentions found on its output (see "Normalisation" in the module
    docstring).

    Parameters
    ----------
    text : str
        Raw text.

    Returns
    -------
    str
        ``\\r\\n`` and ``\\r`` made ``\\n``; curly quotes made straight;
        every other space character (no-break, thin, ideographic, vertical
        tab, form feed...) made a plain space; format and control characters
        (zero-width space and joiners, soft hyphen, direction marks and
        overrides, byte-order marks, NUL...) removed; then Unicode NFC, and
        combining diacritical marks that NFC could not fold into a letter
        removed. Line breaks are neither added nor removed.

    Examples
    --------
    >>> normalize_text("we\u2019ve\u00a0seen")
    "we've seen"
    >>> normalize_text("MR\u200b PRI\u00adCE\u202e:"), normalize_text("Blinke\u0301n")
    ('MR PRICE:', 'Blinkén')
    """
    if text.isascii() and text.isprintable():
        return text
    # Every space character and every invisible one is unprintable, line ends and tabs too
    # (a test checks the two tables), so a printable text holds none of them: only its curly
    # quotes can change before NFC. No-break spaces are the only unprintable characters of
    # most lines that have any: replaced first, they leave such a line printable.
    if not text.isprintable():
        text = text.replace("\u00a0", " ")
    if text.isprintable():
        for quote, straight in _QUOTE_PAIRS:
            if quote in text:
                text = text.replace(quote, straight)
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        # ``str.translate`` walks the whole string; substituting only the special
        # characters gives the same text several times faster.
        text = _SPECIAL.sub(_replace_special, text)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    if _LEFTOVER_MARK.search(text) is None:
        return text
    return _LEFTOVER_MARK.sub("", text)


def strip_stage_directions(text: str) -> str:
    """Remove transcriber's stage directions and tidy the spaces left behind.

    Parameters
    ----------
    text : str
        A normalised paragraph.

    Returns
    -------
    str
        The paragraph without notes such as ``(Via interpreter)``,
        ``(inaudible)``, ``(Laughter.)``, ``(In Korean.)`` or
        ``(A video was played.)``; other parentheses are kept.

    Examples
    --------
    >>> strip_stage_directions("(Via interpreter) Thank you. (Laughter.)")
    'Thank you.'
    """
    # Every stage direction opens with "(": most paragraphs have none to look for.
    stripped = STAGE_DIRECTION_PATTERN.sub(" ", text) if "(" in text else text
    # Without a tab, a run of spaces and tabs is a run of spaces: a pattern that opens with two
    # spaces is searched for as a string, several times faster.
    if "\t" in stripped:
        return _SPACE_RUN.sub(" ", stripped).strip()
    return _SPACES.sub(" ", stripped).strip()


def _canonical(token: str) -> str:
    if token.endswith("'s"):
        token = token[:-2]
    if "." in token and not token[0].isdigit():
        # Dotted abbreviation: "u.s" and "u.s." are the same word.
        token = token.rstrip(".") + "."
    return token


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Tokens with their character offsets.

    Parameters
    ----------
    text : str
        Any text; it is normalised with :func:`normalize_text` first, which
        keeps character offsets except where a zero-width character or a
        ``\\r\\n`` pair is removed.

    Returns
    -------
    list of tuple of (str, int, int)
        ``(token, start, end)`` for each token, ``start``/``end`` indexing the
        normalised text.

    Examples
    --------
    >>> token_spans("U.S.-Japan")
    [('u.s.', 0, 4), ('japan', 5, 10)]
    """
    lowered, origin = _lowered(normalize_text(text))
    spans = [
        (_canonical(token) if ("'" in token or "." in token) else token, m.start(), m.end())
        for m in TOKEN_PATTERN.finditer(lowered)
        for token in (m.group(),)
    ]
    if origin is None:
        return spans
    return [(token, origin[start], origin[end - 1] + 1) for token, start, end in spans]


def _lowered(normalized: str) -> tuple[str, list[int] | None]:
    """``normalized.lower()`` and, where lower-casing changes the length, each of its characters' origin.

    Tokens are found in the lower-cased text, but offsets index the normalised
    one. They are the same positions except after a character whose lower case
    is longer ("İ" becomes "i" and a combining dot): then ``origin[j]`` is the
    position in ``normalized`` of the character that gave lower-case character
    ``j``. ``None`` when no character changes length (nearly always).
    """
    lowered = normalized.lower()
    if len(lowered) == len(normalized):
        return lowered, None
    origin = [position for position, char in enumerate(normalized) for _ in char.lower()]
    return lowered, origin


def token_offsets(text: str, indices) -> list[tuple[int, int]]:
    """Character offsets of some of the tokens of ``text``.

    The offsets :func:`token_spans` gives for those tokens, found without
    building the spans of the others: the tokens before the last index asked
    for are skipped, not returned, and the tokens after it are never looked
    for. For the matched words of a paragraph that holds a few of them.

    Parameters
    ----------
    text : str
        Any text; it is normalised with :func:`normalize_text` first.
    indices : iterable of int
        0-based token positions, in non-decreasing order (a position may repeat).

    Returns
    -------
    list of tuple of (int, int)
        ``(start, end)`` of each token asked for, in the order of ``indices``,
        indexing the normalised text as :func:`token_spans` does.

    Raises
    ------
    ValueError
        If ``indices`` decrease somewhere.
    IndexError
        If a position is negative or past the last token.

    Examples
    --------
    >>> token_offsets("The U.S.-Japan alliance", [1, 2, 2])
    [(4, 8), (9, 14), (9, 14)]
    """
    lowered, origin = _lowered(normalize_text(text))
    matches = TOKEN_PATTERN.finditer(lowered)
    offsets: list[tuple[int, int]] = []
    position, span = -1, None
    for index in indices:
        if index < 0:
            raise IndexError(f"token_offsets: the text has no token {index}.")
        if index < position:
            raise ValueError(f"token_offsets: indices must not decrease ({index} after {position}).")
        if index > position:
            # islice skips the tokens in between inside C: no Python step per token.
            match = next(itertools.islice(matches, index - position - 1, None), None)
            if match is None:
                raise IndexError(f"token_offsets: the text has no token {index}.")
            position, span = index, match.span()
        offsets.append(span)
    if origin is None:
        return offsets
    return [(origin[start], origin[end - 1] + 1) for start, end in offsets]


class _Runs(dict):
    """A run of text between white space → its words, canonical and interned; filled as runs are met.

    No token holds white space, and at the end of a run the token pattern sees white space as it
    sees the end of the text (nothing it looks for is white space; it never looks behind), so
    the tokens of a text are those of its runs one after the other. Prose repeats its runs
    ("the", "alliance,", "U.S.-Japan"): each is tokenized once, and a paragraph's words are one
    C-level lookup per run instead of a regular-expression match and a Python call per token.
    Interning keeps one copy of each word in memory, however many paragraphs the token cache
    holds.
    """

    def __missing__(self, run: str) -> tuple[str, ...]:
        tokens = TOKEN_PATTERN.findall(run)
        if "'" in run or "." in run:
            # Only a token with an apostrophe or a period can change (see _canonical).
            tokens = map(_canonical, tokens)
        words = tuple(map(sys.intern, tokens))
        if len(run) <= _RUN_LENGTH:
            self[run] = words
        return words


#: Longest run :data:`_RUNS` keeps (longer ones, rare in prose, are tokenized every time), and
#: how many runs it holds before it starts afresh: a corpus of a million words has some 35,000
#: distinct runs; the bounds keep the table small on input of random strings.
_RUN_LENGTH = 64
_RUNS_LIMIT = 1 << 18
_RUNS = _Runs()


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _cached_tokens(text: str) -> tuple[str, ...]:
    if len(_RUNS) > _RUNS_LIMIT:
        _RUNS.clear()
    runs = normalize_text(text).lower().split()
    return tuple(itertools.chain.from_iterable(map(_RUNS.__getitem__, runs)))


def tokenize(text: str) -> list[str]:
    """Split text into the project's word tokens.

    This is the package's only tokenizer; see the module docstring for the
    convention. It can be passed to scikit-learn as
    ``TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None)``.

    The same paragraph is tokenized by the parser (word counts), word share
    (word types), mentions, keyness and TF-IDF; the tokens of the last
    ``TOKEN_CACHE_SIZE`` distinct texts are therefore kept in a
    least-recently-used cache, so each analysis after the first reuses them.
    The cache changes no result; :func:`clear_token_cache` empties it.

    Parameters
    ----------
    text : str
        Any text (stage directions should be removed first).

    Returns
    -------
    list of str
        Lower-cased tokens (a new list on every call).

    Examples
    --------
    >>> tokenize("The U.S.-Japan 2+2: we\u2019ve met, Japan's 10,000 troops.")
    ['the', 'u.s.', 'japan', '2+2', "we've", 'met', 'japan', '10,000', 'troops']
    """
    return list(_cached_tokens(text))


def clear_token_cache() -> None:
    """Empty the caches behind :func:`tokenize`: the tokens of each text and of each run of text.

    To free their memory; no result depends on them.

    Examples
    --------
    >>> clear_token_cache()
    """
    _cached_tokens.cache_clear()
    _RUNS.clear()


def count_words(text: str) -> int:
    """Number of words in ``text`` under the project's convention.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    int
        ``len(tokenize(text))``.

    Examples
    --------
    >>> count_words("Japan–U.S. 2+2 – thank you.")
    5
    """
    return len(tokenize(text))


def fold(text: str) -> str:
    """Upper-case, accent-free text, for comparing names and labels.

    The text is normalised (:func:`normalize_text`), decomposed (NFKD) and
    stripped of combining marks, then upper-cased.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> fold("Çavuşoğlu")
    'CAVUSOGLU'
    """
    decomposed = unicodedata.normalize("NFKD", normalize_text(str(text)))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()
