"""A cache of built figure sets, keyed by everything that can change them.

``make figures`` with nothing changed copies the previous build instead of
computing it again. The key of a build is a SHA-256 digest of

* the bytes of every file under ``data/`` (raw transcripts, corpora, event
  files, lexicon, person registry) and of the event file and transcript the
  build was asked for, wherever they are;
* the bytes of every source file of the package (``analysis/**/*.py`` and the
  style file), so that a change of code, of a seed or of a figure setting is a
  new key;
* the build's own settings (formats, event file) and the versions of the
  libraries that draw and compute (byte-identical files need the same
  versions).

So a cached build is never stale: any change of input, code, parameter or
library is a different key, and the build runs again. Only stdlib modules are
used, so a cache hit costs reading and hashing the files (about 16 MB), not
importing pandas or matplotlib. Entries live in ``.cache/figures/`` at the
repository root (``make clean`` removes it); ``--no-cache`` bypasses the cache.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path

from . import paths

__all__ = ["CACHE_DIR", "KEEP", "LIBRARIES", "BuildCache", "build_key", "event_files"]

#: Default folder of cached builds (not tracked by git).
CACHE_DIR = paths.ROOT / ".cache" / "figures"
#: Libraries whose versions are part of the key.
LIBRARIES = ("numpy", "pandas", "scipy", "scikit-learn", "matplotlib", "seaborn", "fonttools", "pillow")
#: Builds kept in the cache; older ones are removed when a new one is stored.
KEEP = 4
_MANIFEST = "build.json"


def _package_files() -> list[Path]:
    package = paths.ROOT / "analysis"
    return sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in {".py", ".mplstyle"})


def _data_files() -> list[Path]:
    return sorted(p for p in paths.DATA_DIR.rglob("*") if p.is_file())


def event_files(event: str | Path | None) -> list[Path]:
    """The event file given to the figure script and the transcript it names.

    Parameters
    ----------
    event : str, Path or None
        An event TOML file, or None for the bundled event (already under
        ``data/``).

    Returns
    -------
    list of Path
        The files (an unreadable event file is returned alone; the build
        itself reports the error).
    """
    if event is None:
        return []
    event = Path(event)
    files = [event]
    try:
        transcript = tomllib.loads(event.read_text(encoding="utf-8")).get("transcript")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return files
    if isinstance(transcript, str):
        path = Path(transcript)
        files.append(path if path.is_absolute() else event.resolve().parent / path)
    return files


def _versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = ""
    return versions


def build_key(settings: Mapping, extra_files: Iterable[Path] = ()) -> str:
    """The cache key of a build: a digest of its inputs, the package, its settings and library versions.

    Parameters
    ----------
    settings : mapping
        The build's settings (JSON-serialisable), e.g. formats and event.
    extra_files : iterable of Path
        Input files outside ``data/`` (see :func:`event_files`).

    Returns
    -------
    str
        Hexadecimal SHA-256 digest.

    Examples
    --------
    >>> build_key({"formats": ["png"]}) == build_key({"formats": ["png"]})
    True
    >>> build_key({"formats": ["png"]}) == build_key({"formats": ["pdf"]})
    False
    """
    digest = hashlib.sha256()
    digest.update(json.dumps({"settings": settings, "versions": _versions()}, sort_keys=True).encode())
    for path in [*_package_files(), *_data_files(), *extra_files]:
        digest.update(str(path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path).encode())
        digest.update(b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


class BuildCache:
    """Cached builds in a folder: one subfolder per key, its files and a manifest of their digests.

    Parameters
    ----------
    folder : str or Path, default=CACHE_DIR
    """

    def __init__(self, folder: str | Path = CACHE_DIR):
        self.folder = Path(folder)

    def files(self, key: str) -> list[str] | None:
        """Names of the files of the build ``key``, or None when it is not cached (or damaged).

        Parameters
        ----------
        key : str

        Returns
        -------
        list of str or None
        """
        entry = self.folder / key
        try:
            manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
            for name, sha in manifest.items():
                if hashlib.sha256((entry / name).read_bytes()).hexdigest() != sha:
                    return None
        except (OSError, ValueError, AttributeError):
            return None
        return list(manifest)

    def copy_to(self, key: str, names: Sequence[str], folder: Path) -> list[str]:
        """Copy the cached files of ``key`` into ``folder``; the names copied.

        Parameters
        ----------
        key : str
        names : sequence of str
            From :meth:`files`.
        folder : Path

        Returns
        -------
        list of str
        """
        for name in names:
            shutil.copyfile(self.folder / key / name, folder / name)
        return list(names)

    def store(self, key: str, names: Sequence[str], folder: Path) -> None:
        """Keep a copy of the files ``names`` of ``folder`` as the build ``key``.

        A cache that cannot be written (read-only disk, full disk) is not an
        error: the build is kept out of the cache.

        Parameters
        ----------
        key : str
        names : sequence of str
        folder : Path
        """
        entry = self.folder / key
        partial = self.folder / f".{key}.partial"
        try:
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            manifest = {}
            for name in names:
                shutil.copyfile(folder / name, partial / name)
                manifest[name] = hashlib.sha256((partial / name).read_bytes()).hexdigest()
            (partial / _MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
            shutil.rmtree(entry, ignore_errors=True)
            partial.rename(entry)
            builds = [p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
            builds.sort(key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
            for old in builds[KEEP:]:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            shutil.rmtree(partial, ignore_errors=True)
