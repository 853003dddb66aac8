"""Writing a file so that a failure never leaves half of one.

Everything the app writes outside its database (progress PDFs, archives, CSV exports) goes
through a temporary file beside the target, moved into place only when the write finished:
a failed or cancelled write leaves no partial file and never replaces a good one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def replacing(path: Path, suffix: str = ".part") -> Iterator[Path]:
    """A temporary path beside ``path``, moved onto it when the block ends without an error
    and deleted when it raises (the error goes on)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=suffix, dir=path.parent)
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        yield temporary_path
        os.replace(temporary_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary_path.unlink()
        raise


def write_text(path: Path, write: Callable[[TextIO], None], *, newline: str | None = None) -> None:
    """Call ``write`` with a UTF-8 text stream whose content replaces ``path`` at the end."""
    with replacing(path) as temporary:
        with temporary.open("w", encoding="utf-8", newline=newline) as out:
            write(out)
