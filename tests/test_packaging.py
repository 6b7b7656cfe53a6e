"""Set-up files agree with each other; raw data stays untouched."""

import csv
import hashlib
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
            # A source's own checksum list comes with its files.
            assert file.suffix in allowed or file.name == "MANIFEST.csv", file


# sha256sum data/raw/whitehouse-2021-2025/MANIFEST.csv, run when the folder was copied.
WHITEHOUSE_MANIFEST_SHA256 = "cb45dd619c111edd6b45352a0616ac7764bc95151e1aaa88646dfb0d5f229488"


def test_whitehouse_files_match_their_manifest():
    folder = paths.RAW_DIR / "whitehouse-2021-2025"
    manifest = folder / "MANIFEST.csv"
    assert hashlib.sha256(manifest.read_bytes()).hexdigest() == WHITEHOUSE_MANIFEST_SHA256
    with manifest.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 145
    for row in rows:
        data = (folder / row["path"]).read_bytes()
        found = (hashlib.sha256(data).hexdigest(), len(data))
        assert found == (row["sha256"], int(row["bytes"])), row["path"]
    listed = {row["path"] for row in rows} | {"MANIFEST.csv", "README.md"}
    present = {f.relative_to(folder).as_posix() for f in folder.rglob("*") if f.is_file()}
    assert present == listed
