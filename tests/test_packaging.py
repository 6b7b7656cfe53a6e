"""Set-up files agree with each other; raw data stays untouched."""

import re
import tomllib

from analysis import paths


def _names(requirements):
    return {re.split(r"[<>=!~ \[]", item.strip(), maxsplit=1)[0].lower() for item in requirements}


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    declared = _names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= _names(extra)
    conda = set()
    listing = (paths.ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in listing.splitlines():
        item = line.strip()
        if item.startswith("- ") and not item.startswith("- pip") and not item.startswith("- --"):
            conda.add(item[2:])
    conda_names = _names(conda) - {"python"}
    assert conda_names == declared


def test_lock_pins_every_core_dependency():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    lock = (paths.ROOT / "requirements-lock.txt").read_text().lower().replace("_", "-")
    for name in _names(project["dependencies"]):
        assert re.search(rf"^{re.escape(name)}==", lock, re.MULTILINE), name


def test_no_generated_files_in_raw():
    allowed = {".txt", ".json", ".md"}
    for file in paths.RAW_DIR.rglob("*"):
        if file.is_file():
            assert file.suffix in allowed, file
