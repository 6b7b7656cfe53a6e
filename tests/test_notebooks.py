"""Teaching notebooks: stored without outputs, built for teaching, runnable top to bottom."""

import nbformat
import pytest
from nbclient import NotebookClient

from analysis import paths

NOTEBOOK_DIR = paths.ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]
OWN = [
    "00_index",
    "01_transcript_to_table",
    "02_who_speaks",
    "03_mentions_and_kwic",
    "04_keyness",
    "05_topics",
]


def _read(path):
    return nbformat.read(path, as_version=4)


def test_the_numbered_notebooks_are_there():
    assert set(OWN) <= set(IDS)
    assert all(stem[:2].isdigit() and stem[2] == "_" for stem in IDS), IDS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_notebooks_hold_no_outputs(path):
    notebook = _read(path)
    nbformat.validate(notebook)
    dirty = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, (
        f"{path.name}: cells {dirty} hold outputs or execution counts; clear them before committing "
        "(JupyterLab: Edit > Clear Outputs of All Cells, or `jupyter nbconvert --clear-output --inplace`)."
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebooks_are_built_for_teaching(path):
    cells = _read(path).cells
    first, last = cells[0], cells[-1]
    assert first.cell_type == "markdown" and "Learning goals" in first.source, "opens with learning goals"
    assert last.cell_type == "markdown" and "Recap" in last.source, "ends with a recap"
    assert any(c.cell_type == "markdown" and "Exercise" in c.source for c in cells), "has exercises"
    solutions = [c for c in cells if "solution" in c.metadata.get("tags", [])]
    assert solutions, "has worked solutions tagged 'solution'"
    hidden = [c.metadata.get("jupyter", {}).get("source_hidden") for c in solutions]
    assert all(hidden), "solutions are collapsed"


def test_the_index_lists_every_notebook():
    index = "\n".join(cell.source for cell in _read(NOTEBOOK_DIR / "00_index.ipynb").cells)
    listed = {path.name for path in NOTEBOOKS if path.stem != "00_index"} | {"06_comparing_events.ipynb"}
    missing = sorted(name for name in listed if f"({name})" not in index)
    assert not missing, f"00_index.ipynb does not link {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_top_to_bottom(path):
    notebook = _read(path)
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    )
    client.execute()  # raises CellExecutionError, with the failing cell, on any error
    assert all(cell.execution_count for cell in notebook.cells if cell.cell_type == "code")
