"""Reading an input file: regular files only, of bounded size, with errors that say what to do.

Every file the package reads on a user's behalf (a transcript, an event file,
a roster, a lexicon) goes through :func:`read_bytes` and :func:`decode_utf8`,
so that each way a path can fail gives one typed error naming the file (and,
for bad bytes, the line), never an ``OSError`` or a hang:

* a missing file, a folder, a path through a file (``file.txt/x``), a
  symbolic-link loop, a name too long, a path holding a NUL character, a file
  that cannot be read (permissions);
* something that is not a regular file: a FIFO (reading one with no writer
  would wait forever), a device such as ``/dev/zero`` (it never ends), a
  socket;
* a file larger than :data:`MAX_INPUT_BYTES`;
* bytes that are not UTF-8 (the error gives the line, counting CR, LF and
  CRLF line ends as the parser does, and recognises UTF-16).
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..exceptions import TranscriptError

__all__ = ["MAX_INPUT_BYTES", "decode_utf8", "line_at", "read_bytes"]

#: The largest input file read, in bytes (64 MiB): a year of press briefings
#: is a few megabytes; anything larger is the wrong file.
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: ``error(message, path, line) -> Exception``: how a caller wants its errors.
ErrorFactory = Callable[[str, Path, "int | None"], Exception]


_NOT_REGULAR = "not a regular file (a device, pipe or socket); save the {what} to a file and pass that."


def _transcript_error(message: str, path: Path, line: int | None = None) -> Exception:
    return TranscriptError(message, path=path, line=line)


def _os_message(error: OSError, what: str) -> str:
    if isinstance(error, FileNotFoundError):
        return "file not found; check the path."
    if isinstance(error, IsADirectoryError):
        return f"this is a folder; pass a {what} file."
    if isinstance(error, NotADirectoryError):
        return "a part of the path before the file name is a file, not a folder; check the path."
    if isinstance(error, PermissionError):
        return "permission denied; make the file readable (chmod +r) or copy it somewhere readable."
    if error.errno == errno.ELOOP:
        return "the path is a loop of symbolic links; point it at the file itself."
    if error.errno == errno.ENAMETOOLONG:
        return "the path or a name in it is too long for the file system; check the path."
    reason = error.strerror or type(error).__name__
    return f"the {what} cannot be read ({reason}); check the path."


def read_bytes(
    path: str | Path,
    *,
    what: str = "file",
    error: ErrorFactory = _transcript_error,
    max_bytes: int = MAX_INPUT_BYTES,
) -> bytes:
    """The bytes of a regular file, or a typed error saying why not.

    Parameters
    ----------
    path : str or Path
    what : str, default="file"
        What the file should be ("transcript", "event file", "lexicon"), for
        the messages.
    error : callable, default=TranscriptError
        ``error(message, path, line)`` builds the exception raised.
    max_bytes : int, default=MAX_INPUT_BYTES

    Returns
    -------
    bytes

    Raises
    ------
    TranscriptError (or what ``error`` builds)
        For every path that does not name a readable regular file of at most
        ``max_bytes`` bytes.

    Examples
    --------
    >>> read_bytes("/dev/zero", what="transcript")
    Traceback (most recent call last):
    ...
    analysis.exceptions.TranscriptError: /dev/zero: not a regular file (a device, pipe or socket); ...
    """
    if isinstance(path, bytes) or not isinstance(path, (str, os.PathLike)):
        raise error(
            f"the path must be a string or a pathlib.Path, not {type(path).__name__}.", Path(str(path)), None
        )
    path = Path(path)
    try:
        info = path.stat()
    except ValueError:  # "embedded null byte"
        raise error(
            "the path holds a NUL character; check how it was built.", Path(repr(str(path))), None
        ) from None
    except OSError as failure:
        raise error(_os_message(failure, what), path, None) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"this is a folder; pass a {what} file.", path, None)
    if not stat.S_ISREG(info.st_mode):
        raise error(_NOT_REGULAR.format(what=what), path, None)
    if info.st_size > max_bytes:
        raise error(
            f"the file has {info.st_size:,} bytes, more than the {max_bytes:,} a {what} may have; "
            "check that this is the right file.",
            path,
            None,
        )
    try:
        # O_NONBLOCK: should the path have become a FIFO since stat(), open() does not wait.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise error(_NOT_REGULAR.format(what=what), path, None)
            data = handle.read(max_bytes + 1)
    except OSError as failure:
        raise error(_os_message(failure, what), path, None) from None
    if len(data) > max_bytes:
        raise error(
            f"the file has more than the {max_bytes:,} bytes a {what} may have; check that this is the "
            "right file.",
            path,
            None,
        )
    return data


def line_at(data: bytes | str, offset: int) -> int:
    """1-based line of ``offset`` in ``data``, counting CR LF, CR and LF line ends as one each.

    Parameters
    ----------
    data : bytes or str
    offset : int

    Returns
    -------
    int

    Examples
    --------
    >>> line_at(b"a\\rb\\r\\nc\\nd", 7)
    4
    """
    before = data[:offset]
    newline, carriage = ("\n", "\r") if isinstance(before, str) else (b"\n", b"\r")
    pairs = before.count(carriage + newline)
    return before.count(newline) + before.count(carriage) - pairs + 1


def decode_utf8(data: bytes, path: str | Path, *, error: ErrorFactory = _transcript_error) -> str:
    """``data`` decoded as UTF-8 (a leading byte-order mark dropped), or a typed error naming the line.

    Parameters
    ----------
    data : bytes
    path : str or Path
        For the message.
    error : callable, default=TranscriptError
        ``error(message, path, line)`` builds the exception raised.

    Returns
    -------
    str

    Raises
    ------
    TranscriptError (or what ``error`` builds)
        For bytes that are not UTF-8; the message gives the byte, its offset
        and line, and how to convert the file.

    Examples
    --------
    >>> decode_utf8(b"\\xef\\xbb\\xbfok", "x.txt")
    'ok'
    """
    path = Path(path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise error(
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark); re-save it as UTF-8 "
            "(e.g. `iconv -f utf-16 -t utf-8`).",
            path,
            1,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        raise error(
            f"byte {data[failure.start : failure.start + 1]!r} at offset {failure.start} is not UTF-8; "
            "re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`).",
            path,
            line_at(data, failure.start),
        ) from None
