"""Teaching notebooks: stored without outputs, built for teaching, run top to bottom, every figure shown."""

import re

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
    solutions = [(i, c) for i, c in enumerate(cells) if "solution" in c.metadata.get("tags", [])]
    assert solutions, "has worked solutions tagged 'solution'"
    # "Run All" must not give the answers away: code and output both collapsed (JupyterLab metadata).
    for index, cell in solutions:
        collapsed = cell.metadata.get("jupyter", {})
        assert collapsed.get("source_hidden") is True, f"solution cell {index}: code not collapsed"
        assert collapsed.get("outputs_hidden") is True, f"solution cell {index}: output not collapsed"


def test_the_index_lists_every_notebook():
    index = "\n".join(cell.source for cell in _read(NOTEBOOK_DIR / "00_index.ipynb").cells)
    listed = {path.name for path in NOTEBOOKS if path.stem != "00_index"} | {"06_comparing_events.ipynb"}
    missing = sorted(name for name in listed if f"({name})" not in index)
    assert not missing, f"00_index.ipynb does not link {missing}"


#: A code cell that draws: calls a plotting function of the package, pyplot or seaborn.
DRAWS = re.compile(r"\bplots\.plot_\w+\(|\bplt\.(?:subplots|figure)\(|\bsns\.\w+\(")


def _drawing_cells(notebook) -> list:
    return [
        i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code" and DRAWS.search(cell.source)
    ]


def _cells_without_an_image(notebook) -> list:
    """Drawing cells whose outputs hold no PNG image (a figure pyplot does not know is never shown)."""
    return [
        i
        for i in _drawing_cells(notebook)
        if not any(
            output.output_type in ("display_data", "execute_result") and "image/png" in output.get("data", {})
            for output in notebook.cells[i].outputs
        )
    ]


def _execute(notebook):
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    )
    client.execute()  # raises CellExecutionError, with the failing cell, on any error
    return notebook


def test_the_figure_check_knows_which_cells_draw():
    drawing = {path.stem: _drawing_cells(_read(path)) for path in NOTEBOOKS}
    assert all(drawing[stem] for stem in [*OWN[1:], "06_comparing_events"]), drawing
    assert sum(map(len, drawing.values())) >= 10


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_top_to_bottom_and_shows_every_figure(path):
    notebook = _execute(_read(path))
    assert all(cell.execution_count for cell in notebook.cells if cell.cell_type == "code")
    blank = _cells_without_an_image(notebook)
    assert not blank, (
        f"{path.name}: cells {blank} draw a figure that is not shown; draw on pyplot's figures "
        "(the plotting functions do when ax is None), not on a bare matplotlib.figure.Figure."
    )


@pytest.mark.slow
def test_the_figure_check_catches_a_figure_pyplot_does_not_know():
    """A plot drawn on a bare matplotlib Figure shows nothing in Jupyter; the check says which cell."""
    table = "pd.DataFrame({'term': ['a', 'b'], 'count_a': [3, 1], 'count_b': [1, 3], 'z': [1.5, -1.5]})"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import pandas as pd\nfrom matplotlib.figure import Figure\n\nfrom analysis import plots\n"
            f"table = {table}"
        ),
        nbformat.v4.new_code_cell(
            "ax = plots.plot_keyness(table, groups=('US', 'Japan'), ax=Figure().add_subplot())"
        ),
        nbformat.v4.new_code_cell("ax = plots.plot_keyness(table, groups=('US', 'Japan'))"),
    ]
    assert _drawing_cells(notebook) == [1, 2]
    assert _cells_without_an_image(_execute(notebook)) == [1]
