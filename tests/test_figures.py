"""The figure script (analysis.figures): every file, byte for byte, atomically."""

import os
import subprocess
import sys
import warnings

import matplotlib
import pandas as pd
import pytest

from analysis import figures, paths
from analysis.exceptions import FigureError, FigureWarning
from analysis.figures import FigureSpec, build_event_figures

# The figures the project promises (README table); the registry may hold more.
PROMISED = [
    "fig01_word_share",
    "fig02_words_by_segment",
    "fig03_timeline",
    "fig04_mention_rates",
    "fig05_mention_dispersion",
    "fig06_keyness",
    "fig07_topic_terms",
    "fig08_topic_prevalence",
    "fig09_k_selection",
]
BUILT_FORMATS = ("png", "pdf", "svg")


def _all_files(formats):
    """Every file the script writes: the registry's figures of every source, in each format."""
    return sorted(f"{spec.name}.{fmt}" for spec in figures.REGISTRY for fmt in formats)


@pytest.fixture(scope="session")
def two_builds(tmp_path_factory):
    """The figure script run twice, in parallel, in processes with different hash seeds."""
    root = tmp_path_factory.mktemp("figures")
    runs = []
    for seed in ("1", "2"):
        outdir = root / f"hashseed-{seed}"
        command = [
            sys.executable,
            "-m",
            "analysis.figures",
            "--outdir",
            str(outdir),
            "--formats",
            *BUILT_FORMATS,
            "--no-cache",  # both processes compute everything (the cache has its own tests)
        ]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        # Run from elsewhere than the repository: paths must not depend on the working directory.
        process = subprocess.Popen(command, env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        runs.append((outdir, process))
    for _, process in runs:
        _, stderr = process.communicate(timeout=900)
        assert process.returncode == 0, stderr.decode()
    return [outdir for outdir, _ in runs]


def test_registry_holds_every_promised_figure():
    assert [spec.name for spec in figures.REGISTRY if spec.source == "event"][: len(PROMISED)] == PROMISED


@pytest.mark.slow
def test_every_listed_file_exists_and_is_not_empty(two_builds):
    outdir = two_builds[0]
    for name in PROMISED:
        for fmt in BUILT_FORMATS:
            file = outdir / f"{name}.{fmt}"
            assert file.is_file(), file
            assert file.stat().st_size > 1000, file
    assert sorted(p.name for p in outdir.iterdir()) == _all_files(BUILT_FORMATS)
    # Nothing left behind next to the output folder.
    assert sorted(p.name for p in outdir.parent.iterdir()) == ["hashseed-1", "hashseed-2"]


@pytest.mark.slow
def test_two_processes_write_identical_bytes(two_builds):
    first, second = two_builds
    different = [
        name
        for name in _all_files(BUILT_FORMATS)
        if (first / name).read_bytes() != (second / name).read_bytes()
    ]
    assert different == []


@pytest.mark.slow
def test_no_dates_or_versions_in_the_files(two_builds):
    version = matplotlib.__version__.encode()
    for file in sorted(two_builds[0].iterdir()):
        data = file.read_bytes()
        assert version not in data, file
        assert b"CreationDate" not in data and b"Producer" not in data, file
        assert b"<dc:date>" not in data and b"Software" not in data, file


@pytest.mark.slow
def test_committed_figures_equal_a_fresh_build(two_builds):
    """figures/ holds what `make figures` builds (with the versions of requirements-lock.txt)."""
    fresh = two_builds[0]
    stale = []
    for name in _all_files(figures.FORMATS):
        committed = paths.FIGURES_DIR / name
        if not committed.is_file() or committed.read_bytes() != (fresh / name).read_bytes():
            stale.append(name)
    assert not stale, (
        f"figures/ differs from a fresh build for {', '.join(stale)}. Rebuild with `make figures` "
        "(it installs the exact versions of requirements-lock.txt, which byte equality needs) "
        "and commit figures/."
    )


# --- atomic writes ---------------------------------------------------------------


def _failing(context):
    raise RuntimeError("this figure cannot be drawn")


def test_a_failed_run_leaves_the_previous_figures_intact(tmp_path, monkeypatch, seed_paragraphs):
    outdir = tmp_path / "figures"
    outdir.mkdir()
    (outdir / "fig03_timeline.png").write_bytes(b"previous figure")
    timeline = next(spec for spec in figures.REGISTRY if spec.name == "fig03_timeline")
    broken = FigureSpec("fig99_broken", "A figure that fails", "none", _failing)
    monkeypatch.setattr(figures, "REGISTRY", [timeline, broken])
    with pytest.raises(RuntimeError, match="cannot be drawn"):
        build_event_figures(seed_paragraphs, outdir, formats=("png",))
    # The timeline was drawn before the failure, but nothing reached the output folder.
    assert (outdir / "fig03_timeline.png").read_bytes() == b"previous figure"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]

    monkeypatch.setattr(figures, "REGISTRY", [timeline])
    written = build_event_figures(seed_paragraphs, outdir, formats=("png",))
    assert written == [outdir / "fig03_timeline.png"]
    assert (outdir / "fig03_timeline.png").read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]


# --- any event -------------------------------------------------------------------


def test_other_delegations_and_small_events(tmp_path, tiny_paragraphs):
    renamed = tiny_paragraphs.replace({"delegation": {"US": "Germany", "Japan": "France"}})
    renamed = renamed.assign(called_by=renamed["called_by"].replace({"US": "Germany", "Japan": "France"}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = build_event_figures(renamed, tmp_path, formats=("png",))
    names = [p.name for p in written]
    # The tiny event (8 paragraphs, 54 words) supports the descriptive figures ...
    assert names[:5] == [f"{name}.png" for name in PROMISED[:5]]
    # ... and each figure it cannot support is left out with a warning that says why.
    skipped = {str(w.message).split(" left out")[0] for w in caught if w.category is FigureWarning}
    assert skipped == set(PROMISED) - {n.removesuffix(".png") for n in names}
    assert all(p.stat().st_size > 0 for p in written)


def test_figures_comparing_two_groups_need_two_groups(tmp_path, tiny_paragraphs):
    one_side = tiny_paragraphs.loc[tiny_paragraphs["delegation"] != "Japan"]
    specs = [spec for spec in figures.REGISTRY if spec.name in ("fig03_timeline", "fig04_mention_rates")]
    with pytest.warns(FigureWarning, match="fig04_mention_rates left out"):
        written = figures.build_figures(specs, figures.figure_tables(one_side), tmp_path, formats=("png",))
    assert [p.name for p in written] == ["fig03_timeline.png"]


def test_bad_input_is_rejected(tmp_path, tiny_paragraphs):
    two_events = pd.concat([tiny_paragraphs, tiny_paragraphs.assign(event_id="another")])
    with pytest.raises(FigureError, match="2 events"):
        build_event_figures(two_events, tmp_path)
    with pytest.raises(FigureError, match="n_words"):
        build_event_figures(tiny_paragraphs.drop(columns="n_words"), tmp_path)
    with pytest.raises(FigureError, match="format"):
        build_event_figures(tiny_paragraphs, tmp_path, formats=("gif",))
    assert list(tmp_path.iterdir()) == []


def test_register_refuses_a_duplicate_name(monkeypatch):
    monkeypatch.setattr(figures, "REGISTRY", list(figures.REGISTRY))
    with pytest.raises(FigureError, match="already registered"):
        figures.register("fig01_word_share", "again", "plots.plot_word_share")(_failing)


def _draw_into(folder, specs, tables, formats, n_jobs, **options):
    """``(names, FigureWarning messages, bytes of each file)`` of draw_figures into a new ``folder``."""
    folder.mkdir()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        names = figures.draw_figures(
            specs, figures.FigureContext(tables), folder, formats, n_jobs=n_jobs, **options
        )
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # nothing else, nothing half-written
    notes = [str(w.message) for w in caught if w.category is FigureWarning]
    return names, notes, {name: (folder / name).read_bytes() for name in names}


def test_drawing_in_two_processes_gives_the_same_files_and_warnings(tmp_path, tiny_paragraphs):
    """draw_figures(n_jobs=2) deals figures to two forked processes: same bytes, order and notes."""
    tables = figures.figure_tables(tiny_paragraphs, n_boot=20)
    specs = [spec for spec in figures.REGISTRY if spec.source == "event"]
    results = {
        n_jobs: _draw_into(tmp_path / f"jobs-{n_jobs}", specs, tables, ("png",), n_jobs) for n_jobs in (1, 2)
    }
    assert results[1] == results[2]
    assert results[1][1], "the tiny event leaves some figures out, with a note each"


class _HalfSaved:
    """A figure that writes its PNG, then fails half-way through its PDF."""

    def savefig(self, path, format, metadata):
        path.write_bytes(b"half a file")
        if format == "pdf":
            raise RuntimeError("the PDF cannot be written")


def test_isolated_drawing_leaves_out_only_the_failing_figures(tmp_path, tiny_paragraphs):
    """draw_figures(isolate=True), what report uses: a figure that fails is left out, with its files, and a
    note that calls it a bug; the others are drawn, the same bytes in one process or two."""
    tables = figures.figure_tables(tiny_paragraphs, n_boot=20)
    good = [spec for spec in figures.REGISTRY if spec.name in ("fig01_word_share", "fig03_timeline")]
    broken = FigureSpec("fig98_broken", "A figure that fails", "none", _failing)
    half = FigureSpec("fig99_half_saved", "A figure that fails while saving", "none", lambda _: _HalfSaved())
    specs = [good[0], broken, half, good[1]]
    results = {
        n_jobs: _draw_into(tmp_path / f"jobs-{n_jobs}", specs, tables, ("png", "pdf"), n_jobs, isolate=True)
        for n_jobs in (1, 2)
    }
    names, notes, _ = results[1]
    assert names == [f"{spec.name}.{fmt}" for spec in (good[0], good[1]) for fmt in ("png", "pdf")]
    assert notes == [
        "fig98_broken left out: drawing it failed inside the package (RuntimeError: this figure cannot be "
        "drawn); this is a bug, please report it.",
        "fig99_half_saved left out: drawing it failed inside the package (RuntimeError: the PDF cannot be "
        "written); this is a bug, please report it.",
    ]
    assert results[2] == results[1]
    # Without isolate (the figure script), a failing figure fails the run, in any process.
    with pytest.raises(RuntimeError, match="cannot be drawn"):
        figures.draw_figures(specs, figures.FigureContext(tables), tmp_path, ("png",), n_jobs=2)


def test_drawing_modules_are_imported_before_the_workers_fork():
    """What a worker imports on its first figure is imported once, in the parent (a fresh process here)."""
    wanted = ["matplotlib.pyplot", "seaborn.objects", "matplotlib.backends.backend_agg", "fontTools.subset"]
    code = (
        "import sys\nfrom analysis import figures\n"
        f"assert not [m for m in {wanted!r} if m in sys.modules]\n"
        "figures._import_drawing_modules(('png', 'pdf'))\n"
        f"print([m for m in {wanted!r} if m not in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_figure_script_draws_from_one_context_whose_table_names_differ(monkeypatch):
    # The figure script merges the event's tables and the corpus's into one context, so one pool
    # of processes draws every figure; a table name in both would hide one of them: refused.
    monkeypatch.setattr(figures, "figure_tables", lambda paragraphs, notes: {"keyness": "event"})
    monkeypatch.setattr(figures, "_corpus_figure_inputs", lambda: {"level_word_share": "corpus"})
    context = figures._figure_context(None, 1)
    assert context.tables == {"keyness": "event", "level_word_share": "corpus"}
    monkeypatch.setattr(figures, "_corpus_figure_inputs", lambda: {"keyness": "corpus"})
    with pytest.raises(FigureError, match="both have tables named keyness"):
        figures._figure_context(None, 1)
