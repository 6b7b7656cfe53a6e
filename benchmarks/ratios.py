"""The "fast enough to iterate" targets, measured as ratios in one batch.

``python benchmarks/ratios.py`` runs every measurement below in a **fresh
process**, ``--repeats`` times (default 3), **interleaved**: round 1 runs each
command once, then round 2 (in a rotated order), and so on, so that a burst of
other work on a shared machine slows every command alike rather than one of
them. Ratios are taken within a round (pairs measured minutes apart at most)
and the table shows their median; times are medians too.

=================  =====================================================  ==========================
name               command                                                target
=================  =====================================================  ==========================
``import``         ``python -c "import pandas, scipy.stats,               the baseline of the next
                   sklearn.decomposition, sklearn.feature_extraction.     three rows
                   text, matplotlib.pyplot"``
``figures_cold``   ``python -m analysis.figures --outdir TMP``            ≤ 2 × ``import``
                   (``--no-cache`` added once the script has it)
``figures_warm``   the same, again, into a folder built before, with      ≤ 1 × ``import``
                   the cache; skipped while ``--no-cache`` is unknown
``report``         ``python -m analysis report <seed transcript>          ≤ 2 × ``import``
                   --outdir TMP``
``nb:<name>``      each notebook, run top to bottom by nbclient in a      ≤ 10 s each (kernel start
                   fresh kernel (time of ``NotebookClient.execute``)      included)
``pipeline:Nx``    ``python benchmarks/run.py --worker N``: the whole-    ≤ 2 × ``naive:1x``; ≤ 4 s
                   corpus pipeline on N copies of the corpus              per million words; ≤ 400
                                                                          MiB; linear: s per million
                                                                          words at 8× ≤ at 1×
``naive:Nx``       ``python benchmarks/naive_baseline.py --copies N``     the baseline of the
                   (what it does less, and wrongly: its docstring)        pipeline
=================  =====================================================  ==========================

Wall time is measured from this process around each child (interpreter
start-up and imports included); the targets are wall-clock ratios. CPU time
(user + system, of the child and the processes it waited for) is shown too: on
a shared machine it moves less with other work than wall time does, so a
CPU-time ratio close to the wall-time ratio says the latter is not an
artefact of load (a notebook's kernel is counted: nbclient's worker waits
for it at shutdown). Peak memory is GNU time's maximum resident
set size (``/usr/bin/time -v``) or, without it, the child's own ``ru_maxrss``
from ``os.wait4``. Every run, and every ratio, is appended to
``benchmarks/ratios.csv`` with the date, the commit and the 1-minute load
average before the run (``kind`` = ``run``: one child process, ``value`` its
time; ``kind`` = ``target``: a ratio or limit, ``note`` its spread over
rounds). The Markdown table goes to standard output.

Nothing here is a test: timings are measurements, and the test suite never
asserts one.

Usage::

    python benchmarks/ratios.py [--repeats 3] [--only import figures report notebooks pipeline]
                                [--sizes 1 8] [--csv FILE] [--max-load 1.5 [--patience 300]]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOTEBOOK_DIR = ROOT / "notebooks"
SEED_TRANSCRIPT = ROOT / "data" / "raw" / "2023-01-11_us-japan-2plus2_joint-press-availability.txt"
BARE_IMPORT = (
    "import pandas, scipy.stats, sklearn.decomposition, sklearn.feature_extraction.text, matplotlib.pyplot"
)
GROUPS = ("import", "figures", "report", "notebooks", "pipeline")
CSV_COLUMNS = [
    "date",
    "commit",
    "kind",
    "name",
    "round",
    "value",
    "unit",
    "baseline",
    "target",
    "met",
    "wall_s",
    "cpu_s",
    "inner_s",
    "peak_rss_mib",
    "n_words",
    "load_before",
    "note",
    "machine",
]
TIMEOUT = 1800  # seconds per child


@dataclass
class Case:
    """One command to time; ``argv`` may hold ``{tmp}`` and ``{round}`` placeholders."""

    name: str
    argv: list[str]
    cwd: Path = ROOT
    prime: bool = False  # run once, untimed, before the first round (warm cache)
    runs: list[dict] = field(default_factory=list)


# ----------------------------------------------------------------------------
# Running one child


def child_environment() -> dict:
    """This process's environment, with the repository first on ``PYTHONPATH``.

    So every child (and a notebook's kernel) imports the ``analysis`` of the
    tree this script belongs to, whatever package the virtual environment
    has installed.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _run_child(argv: list[str], cwd: Path) -> dict:
    """Run ``argv`` in a fresh process: wall time, peak RSS, and its last JSON line (if any)."""
    gnu_time = Path("/usr/bin/time")
    command = [str(gnu_time), "-v", *argv] if gnu_time.exists() else list(argv)
    load_before = os.getloadavg()[0]
    begin = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_environment()
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        return {"wall_s": None, "error": f"timed out after {TIMEOUT} s", "load_before": load_before}
    wall = time.perf_counter() - begin
    result = {"wall_s": round(wall, 3), "load_before": round(load_before, 2)}
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    if peak:
        result["peak_rss_mib"] = round(int(peak.group(1)) / 1024, 1)
    cpu = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", stderr)
    if len(cpu) == 2:
        result["cpu_s"] = round(float(cpu[0]) + float(cpu[1]), 3)
    if process.returncode != 0:
        lines = [line for line in stderr.strip().splitlines() if not line.startswith("\t")]
        result["error"] = (lines[-1] if lines else f"exit status {process.returncode}")[:200]
        return result
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            try:
                result["inner"] = json.loads(line)
            except json.JSONDecodeError:
                pass
            break
    return result


def _run_child_rusage(argv: list[str], cwd: Path) -> dict:  # pragma: no cover - without GNU time
    """As :func:`_run_child`, the peak RSS from ``os.wait4`` (used when /usr/bin/time is missing)."""
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        begin = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, text=True, env=child_environment())
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - begin
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    result = {"wall_s": round(wall, 3), "load_before": round(load_before, 2)}
    result["peak_rss_mib"] = round(usage.ru_maxrss / 1024, 1)  # Linux: kilobytes
    result["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 3)
    if process.returncode != 0:
        lines = stderr.strip().splitlines()
        result["error"] = (lines[-1] if lines else f"exit status {process.returncode}")[:200]
        return result
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            result["inner"] = json.loads(line)
            break
    return result


def wait_for_quiet(max_load: float | None, patience: float) -> None:
    """Wait (up to ``patience`` seconds) until the 1-minute load average is below ``max_load``."""
    if max_load is None:
        return
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] > max_load and time.monotonic() < deadline:
        time.sleep(5)


def run_child(argv: list[str], cwd: Path) -> dict:
    if Path("/usr/bin/time").exists():
        return _run_child(argv, cwd)
    return _run_child_rusage(argv, cwd)


# ----------------------------------------------------------------------------
# The notebook worker (runs in its own process)


def notebook_worker(path: Path) -> dict:
    """Execute one notebook top to bottom in a fresh kernel; the seconds ``execute`` took."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(path.parent)}}
    )
    begin = time.perf_counter()
    client.execute()
    return {"notebook": path.stem, "execute_s": round(time.perf_counter() - begin, 3)}


# ----------------------------------------------------------------------------
# The cases


def _supports(argv: list[str], flag: str) -> bool:
    """Whether a command's ``--help`` mentions ``flag`` (the hook for the figure cache)."""
    done = subprocess.run([*argv, "--help"], cwd=ROOT, capture_output=True, text=True)
    return flag in done.stdout


def build_cases(groups, sizes, python: str) -> tuple[list[Case], dict]:
    figures = [python, "-m", "analysis.figures"]
    has_cache = "figures" in groups and _supports(figures, "--no-cache")
    report = [python, "-m", "analysis", "report"]
    report_cache = "report" in groups and _supports(report, "--no-cache")
    cases = []
    if "import" in groups or any(g in groups for g in ("figures", "report")):
        cases.append(Case("import", [python, "-c", BARE_IMPORT]))
    if "figures" in groups:
        cold = [*figures, "--outdir", "{tmp}/figures-cold-{round}"]
        cases.append(Case("figures_cold", [*cold, "--no-cache"] if has_cache else cold))
        if has_cache:
            cases.append(Case("figures_warm", [*figures, "--outdir", "{tmp}/figures-warm"], prime=True))
    if "report" in groups:
        argv = [*report, str(SEED_TRANSCRIPT), "--outdir", "{tmp}/report-{round}"]
        cases.append(Case("report", [*argv, "--no-cache"] if report_cache else argv))
    if "notebooks" in groups:
        for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
            argv = [python, str(Path(__file__).resolve()), "--notebook", str(path)]
            cases.append(Case(f"nb:{path.stem}", argv, cwd=NOTEBOOK_DIR))
    if "pipeline" in groups:
        for copies in sizes:
            run_py = [python, str(HERE / "run.py"), "--worker", str(copies), "--n-jobs", "1"]
            cases.append(Case(f"pipeline:{copies}x", run_py))
        # The naive script at 1x: the yardstick of the ratio.
        cases.append(Case("naive:1x", [python, str(HERE / "naive_baseline.py"), "--copies", "1"]))
    return cases, {"figure_cache": has_cache, "report_cache": report_cache}


def _fill(argv: list[str], tmp: Path, round_: int) -> list[str]:
    return [a.replace("{tmp}", str(tmp)).replace("{round}", str(round_)) for a in argv]


# ----------------------------------------------------------------------------
# Summaries


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _time_of(run: dict) -> float | None:
    """The time that counts: nbclient's execute time for a notebook, else the wall time."""
    inner = run.get("inner") or {}
    if "execute_s" in inner:
        return inner["execute_s"]
    return run.get("wall_s")


def _by_round(case: Case) -> dict[int, dict]:
    return {run["round"]: run for run in case.runs if not run.get("error")}


def _ratio(case: Case | None, baseline: Case | None, of=None) -> tuple[float | None, list[float]]:
    """Median over rounds of ``time(case) / time(baseline)`` within the same round."""
    if case is None or baseline is None:
        return None, []
    of = of or _time_of
    mine, theirs = _by_round(case), _by_round(baseline)
    pairs = [(of(mine[r]), of(theirs[r])) for r in mine if r in theirs]
    ratios = [a / b for a, b in pairs if a and b]
    return _median(ratios), ratios


def _cpu_of(run: dict) -> float | None:
    return run.get("cpu_s")


def summarise(cases: list[Case], sizes) -> list[dict]:
    """One row per target: value, baseline, target, met."""
    by_name = {case.name: case for case in cases}
    rows = []

    def add(name, value, unit, baseline, target, limit, spread=None, cpu=None):
        met = None if value is None else value <= limit
        rows.append(
            {
                "name": name,
                "value": value,
                "unit": unit,
                "baseline": baseline,
                "target": target,
                "met": met,
                "spread": spread,
                "cpu_ratio": cpu,
            }
        )

    def spread_of(values):
        return f"{min(values):.2f}–{max(values):.2f}" if values else None

    imp = by_name.get("import")
    for name, limit in (("figures_cold", 2.0), ("figures_warm", 1.0), ("report", 2.0)):
        if name in by_name:
            ratio, ratios = _ratio(by_name[name], imp)
            cpu, _ = _ratio(by_name[name], imp, of=_cpu_of)
            add(name, ratio, "× import", "import", f"≤ {limit:g}×", limit, spread_of(ratios), cpu)
        elif name == "figures_warm" and "figures_cold" in by_name:
            rows.append(
                {
                    "name": name,
                    "value": None,
                    "unit": "× import",
                    "baseline": "import",
                    "target": "≤ 1×",
                    "met": None,
                    "spread": "skipped: no --no-cache (no cache yet)",
                }
            )
    for case in cases:
        if case.name.startswith("nb:"):
            times = [_time_of(run) for run in case.runs if not run.get("error")]
            errors = [run["error"] for run in case.runs if run.get("error")]
            add(
                case.name,
                _median(times),
                "s",
                "-",
                "≤ 10 s",
                10.0,
                spread_of(times) if not errors else f"error: {errors[0]}",
            )
    naive = by_name.get("naive:1x")
    one = by_name.get("pipeline:1x")
    if one is not None:
        ratio, ratios = _ratio(one, naive)
        cpu, _ = _ratio(one, naive, of=_cpu_of)
        add("pipeline:1x", ratio, "× naive", "naive:1x", "≤ 2×", 2.0, spread_of(ratios), cpu)
    per_mw = {}
    for copies in sizes:
        case = by_name.get(f"pipeline:{copies}x")
        if case is None:
            continue
        values = [
            run["wall_s"] / (run["inner"]["n_words"] / 1e6)
            for run in case.runs
            if not run.get("error") and run.get("inner")
        ]
        per_mw[copies] = _median(values)
        add(
            f"pipeline:{copies}x per million words",
            per_mw[copies],
            "s / Mw",
            "-",
            "≤ 4 s",
            4.0,
            spread_of(values),
        )
        peaks = [run.get("peak_rss_mib") for run in case.runs if not run.get("error")]
        if copies == 1:
            add(
                "pipeline:1x peak RSS",
                _median(peaks),
                "MiB",
                "-",
                "≤ 400 MiB",
                400.0,
                spread_of([p for p in peaks if p is not None]),
            )
    if 1 in per_mw and len(per_mw) > 1:
        largest = max(per_mw)
        if per_mw[1] and per_mw[largest]:
            add(
                f"pipeline:{largest}x / 1x per million words",
                per_mw[largest] / per_mw[1],
                "×",
                "pipeline:1x",
                "≤ 1× (linear)",
                1.0,
            )
    if naive is not None:
        times = [run["wall_s"] for run in naive.runs if not run.get("error")]
        peaks = [run.get("peak_rss_mib") for run in naive.runs if not run.get("error")]
        rows.append(
            {
                "name": "naive:1x (yardstick)",
                "value": _median(times),
                "unit": "s",
                "baseline": "-",
                "target": "-",
                "met": None,
                "spread": f"peak {_median([p for p in peaks if p]) or 0:.0f} MiB",
            }
        )
    return rows


def markdown(rows: list[dict], cases: list[Case]) -> str:
    def cell(value, digits=2):
        return "-" if value is None else f"{value:.{digits}f}"

    lines = [
        "| measure | median time (s) | median CPU (s) | peak RSS (MiB) | runs |",
        "|---|---|---|---|---|",
    ]
    for case in cases:
        ok = [run for run in case.runs if not run.get("error")]
        errors = len(case.runs) - len(ok)
        note = f"{len(ok)}" + (f" ({errors} failed)" if errors else "")
        lines.append(
            f"| {case.name} | {cell(_median([_time_of(r) for r in ok]))} "
            f"| {cell(_median([r.get('cpu_s') for r in ok]))} "
            f"| {cell(_median([r.get('peak_rss_mib') for r in ok]), 0)} | {note} |"
        )
    lines += [
        "",
        "| target | value | spread over rounds | CPU-time ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        value = "-" if row["value"] is None else f"{row['value']:.2f} {row['unit']}"
        met = {True: "yes", False: "**no**", None: "-"}[row["met"]]
        cpu = "" if row.get("cpu_ratio") is None else f"{row['cpu_ratio']:.2f}"
        lines.append(
            f"| {row['name']} | {value} | {row.get('spread') or ''} | {cpu} | {row['target']} | {met} |"
        )
    return "\n".join(lines)


# ----------------------------------------------------------------------------
# CSV


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> str:
    sys.path.insert(0, str(HERE))
    try:
        from run import machine as describe
    finally:
        sys.path.pop(0)
    return describe()


def append_csv(path: Path, cases: list[Case], rows: list[dict], stamp: str, commit: str, host: str) -> None:
    new = not path.exists()
    with path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        if new:
            writer.writeheader()
        for case in cases:
            for run in case.runs:
                inner = run.get("inner") or {}
                writer.writerow(
                    {
                        "date": stamp,
                        "commit": commit,
                        "kind": "run",
                        "name": case.name,
                        "round": run["round"],
                        "value": _time_of(run),
                        "unit": "s",
                        "wall_s": run.get("wall_s"),
                        "cpu_s": run.get("cpu_s"),
                        "inner_s": inner.get("execute_s", inner.get("t_total_inside")),
                        "peak_rss_mib": run.get("peak_rss_mib"),
                        "n_words": inner.get("n_words"),
                        "load_before": run.get("load_before"),
                        "note": run.get("error", ""),
                        "machine": host,
                    }
                )
        for row in rows:
            writer.writerow(
                {
                    "date": stamp,
                    "commit": commit,
                    "kind": "target",
                    "name": row["name"],
                    "value": None if row["value"] is None else round(row["value"], 4),
                    "unit": row["unit"],
                    "baseline": row["baseline"],
                    "target": row["target"],
                    "met": row["met"],
                    "note": row.get("spread") or "",
                    "machine": host,
                }
            )


# ----------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="rounds (default 3; the median is shown)")
    parser.add_argument(
        "--only", nargs="+", choices=GROUPS, default=list(GROUPS), help="measure only these groups"
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[1],
        help="corpus copies for the pipeline (default 1; 1 8 for linearity)",
    )
    parser.add_argument("--csv", type=Path, default=HERE / "ratios.csv", help="CSV the runs are appended to")
    parser.add_argument(
        "--max-load",
        type=float,
        default=None,
        help="before each run, wait until the 1-minute load average is below this (shared machines)",
    )
    parser.add_argument(
        "--patience", type=float, default=300, help="longest wait for --max-load, in seconds (default 300)"
    )
    parser.add_argument("--notebook", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.notebook is not None:
        print(json.dumps(notebook_worker(args.notebook.resolve())))
        return 0
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    sizes = sorted(set(args.sizes) | ({1} if "pipeline" in args.only else set()))

    host = machine()
    commit = _commit()
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    print(f"machine: {host}; commit {commit}", file=sys.stderr)
    cases, hooks = build_cases(args.only, sizes, sys.executable)
    if "figures" in args.only and not hooks["figure_cache"]:
        print(
            "figures_warm skipped: python -m analysis.figures has no --no-cache (no cache yet)",
            file=sys.stderr,
        )

    with tempfile.TemporaryDirectory(prefix="pressconf-ratios-") as scratch:
        tmp = Path(scratch)
        for case in cases:
            if case.prime:
                print(f"priming {case.name}", file=sys.stderr)
                run_child(_fill(case.argv, tmp, 0), case.cwd)
        for round_ in range(1, args.repeats + 1):
            shift = (round_ - 1) % len(cases)
            for case in cases[shift:] + cases[:shift]:
                wait_for_quiet(args.max_load, args.patience)
                run = run_child(_fill(case.argv, tmp, round_), case.cwd)
                run["round"] = round_
                case.runs.append(run)
                shown = _time_of(run)
                status = run.get("error") or (f"{shown:.2f} s" if shown is not None else "?")
                print(
                    f"round {round_}: {case.name}: {status} (load {run.get('load_before')})", file=sys.stderr
                )

    rows = summarise(cases, sizes)
    append_csv(args.csv, cases, rows, stamp, commit, host)
    print(f"\n{stamp}, commit {commit}, {args.repeats} rounds; {host}\n")
    print(markdown(rows, cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
