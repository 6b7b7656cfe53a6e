"""A naive whole-corpus script: the yardstick the project's pipeline is timed against.

What someone might write in an afternoon with pandas and scikit-learn, and
nothing of this package:

1. ``load``: ``json.load`` the three corpus files, concatenate, drop duplicate
   urls (and the records without content);
2. ``parse``: split every page into lines; a line opening with an upper-case
   ``LABEL:`` (a simple regular expression) starts a new speaker, other lines
   continue the last one; lines before the first label are dropped;
3. ``word_share``: ``str.split`` word counts per label, and each label's share;
4. ``mentions``: ``str.count`` of "China", "Taiwan", "Russia" and
   "North Korea" per label, per 1,000 words;
5. ``topics``: ``TfidfVectorizer()`` with its defaults on the lines, then
   ``NMF(n_components=9, random_state=0)`` with its defaults, top terms.

**It does less than** :mod:`analysis` (``benchmarks/run.py`` runs that
pipeline): no bootstrap intervals for word shares (1,000 resamples there), no
keyness at all (log-odds with a corpus prior there), no exact Poisson
intervals, no speaker roles, delegations or segments, no tokenizer shared by
every step, no parse report, no check of anything.

**And it does it wrongly**, in ways the pipeline is built to avoid:

* *Mentions are case-sensitive substring counts.* "China" is counted inside
  "East China Sea" and "South China Sea" (separate entities in
  ``data/lexicon.toml``), "North Korea" inside "North Korean"; "Chinese",
  "PRC", "Beijing", "Taipei", "Putin", "Moscow", "DPRK", "Pyongyang" are
  missed; a lower-case or possessive form in another spelling goes
  unnoticed. The pipeline matches the lexicon's aliases as whole words,
  longest match first, with its exclusions.
* *Words are what* ``str.split`` *says:* a dash between spaces ("–", 8,463
  times in the corpus) is a word, "U.S.-Japan" is one word (two for the
  project's tokenizer, which every step of the pipeline shares).
* *The TF-IDF tokens are scikit-learn's default* ``\\b\\w\\w+\\b``: "we've"
  gives "we" and "ve", "we'll" gives "we" and "ll", "U.S." and "2+2"
  disappear (one-letter pieces), curly apostrophes split words too; no
  stop words, so the nine topics are made of "the", "and", "we", "to"...; the
  documents are lines, not paragraphs with content (one-line courtesies
  such as "Thank you." are documents); NMF stops at its default 200
  iterations, before converging on this corpus (the ConvergenceWarning is
  silenced).
* *Speakers are raw label strings*: "EXTERNAL AFFAIRS MINISTER
  JAISHANKAR", "FOREIGN MINISTER JAISHANKAR" and "MINISTER JAISHANKAR" are
  three speakers, "DR. FOWLER", "DR FOWLER" and "MR FOWLER" three more, a
  label garbled on the page ("ECRETARY BLINKEN") is not Secretary Blinken;
  every "QUESTION" of every page (662 turns) is one speaker; a label
  with a no-break space inside ("FOREIGN MINISTER\u00a0HUITFELDT:", 23
  turns in the corpus) is not recognised at all, so that turn's words go to
  the previous speaker; labels are not joined to delegations (no roster, no
  inference), so there is no U.S.-against-counterpart comparison to make.
* *Any upper-case words before a colon are a speaker* ("NOTE:" would be),
  while a one-letter label ("Q:") or a mixed-case one ("Secretary
  Blinken:") is not; text before the first label, including whole prose
  pages without labels, is silently dropped.

Usage::

    python benchmarks/naive_baseline.py [--copies N]

``--copies N`` repeats the corpus N times (urls made distinct) to time larger
inputs. The last line printed is a JSON object of stage times and sizes, as
``benchmarks/run.py --worker`` prints, which ``benchmarks/ratios.py`` reads.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402 (the import time is measured)
import json  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402
from sklearn.decomposition import NMF  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "raw" / "state-gov-remarks-2021-2023"
LABEL = re.compile(r"^\s*([A-Z][A-Z .'\-]+):\s*(.*)$")
ENTITIES = ("China", "Taiwan", "Russia", "North Korea")


def run(copies: int = 1) -> dict:
    timings = {"import": time.perf_counter() - _STARTED}
    begin = time.perf_counter()

    def lap(name):
        nonlocal begin
        now = time.perf_counter()
        timings[name] = now - begin
        begin = now

    records = []
    for path in sorted(CORPUS_DIR.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            records += json.load(handle)
    pages = pd.DataFrame(records).drop_duplicates("url")
    pages = pages[pages["content"].notna()]
    if copies > 1:
        pages = pd.concat(
            [pages.assign(url=pages["url"] + f"~{k}") if k > 1 else pages for k in range(1, copies + 1)],
            ignore_index=True,
        )
    lap("load")

    rows = []
    for url, content in zip(pages["url"], pages["content"], strict=True):
        speaker = None
        for line in content.split("\n"):
            line = line.strip()
            if not line:
                continue
            match = LABEL.match(line)
            if match:
                speaker, line = match.group(1), match.group(2)
            if speaker is not None and line:
                rows.append((url, speaker, line))
    lines = pd.DataFrame(rows, columns=["url", "label", "text"])
    lap("parse")

    lines["n_words"] = lines["text"].str.split().str.len()
    words = lines.groupby("label")["n_words"].sum()
    share = (words / words.sum()).sort_values(ascending=False)
    lap("word_share")

    for entity in ENTITIES:
        lines[entity] = lines["text"].str.count(entity)
    counts = lines.groupby("label")[list(ENTITIES)].sum()
    rates = counts.div(words, axis=0) * 1000
    lap("mentions")

    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform(lines["text"])
    nmf = NMF(n_components=9, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Maximum number of iterations 200 reached"
        nmf.fit_transform(matrix)
    terms = vectorizer.get_feature_names_out()
    top_terms = [terms[row.argsort()[::-1][:10]].tolist() for row in nmf.components_]
    lap("topics")

    timings["total_inside"] = time.perf_counter() - _STARTED
    return {
        "copies": copies,
        "n_pages": len(pages),
        "n_lines": len(lines),
        "n_labels": int(words.size),
        "n_words": int(words.sum()),
        "top_label": str(share.index[0]),
        "rate_china_top_label": round(float(rates.loc[share.index[0], "China"]), 3),
        "topic_1": " ".join(top_terms[0][:5]),
        "maxrss_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **{f"t_{name}": round(value, 3) for name, value in timings.items()},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=1, help="repeat the corpus N times (default 1)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.copies)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
