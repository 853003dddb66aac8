"""Reading an import file: size limit, empty files, binary junk and text encodings."""

from __future__ import annotations

from pathlib import Path

from advisor_planner.services.errors import FileRefused
from advisor_planner.services.imports import MAX_IMPORT_BYTES

__all__ = ["FileRefused", "read_text"]


def read_text(path: Path, what: str, warnings: list[str] | None = None) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252, as
    Outlook writes (said in ``warnings``, when given). Refuses a missing, empty, oversized or
    binary file, naming the line of a NUL byte anywhere in it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_IMPORT_BYTES:
        raise FileRefused(
            f"{path.name}: {size / 1024 / 1024:.0f} MB is over the 50 MB an import may be"
        )
    data = path.read_bytes()
    if not data.strip():
        raise FileRefused(f"{path.name}: the file is empty")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise FileRefused(
            f"{path.name}: line {line} holds a NUL byte: binary data, not {what} text"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
    if warnings is not None:
        warnings.append(
            f"{path.name} is not UTF-8 (first at line {line}); it was read as Windows-1252, "
            "as Outlook writes: check accented names in the preview"
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
