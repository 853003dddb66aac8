"""Reading an import file: size limit, empty files, binary junk and text encodings."""

from __future__ import annotations

from pathlib import Path

from advisor_planner.services.errors import FileRefused
from advisor_planner.services.imports import MAX_IMPORT_BYTES

__all__ = ["FileRefused", "read_text"]


def read_text(path: Path, what: str) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252, as
    Outlook writes. Refuses a missing, empty, oversized or binary file."""
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
    if b"\x00" in data[:4096]:
        raise FileRefused(f"{path.name}: it holds binary data, not {what} text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
