"""Reading an import file: size limit, empty files, binary junk and text encodings.

What an import says to the person importing (a refusal, a warning, a skipped row's reason) is
translated under "Import" throughout the package, each sentence whole with its values filled in.
"""

from __future__ import annotations

from pathlib import Path

from advisor_planner.services.errors import FileRefused
from advisor_planner.services.imports import MAX_IMPORT_BYTES
from advisor_planner.translation import translate

__all__ = ["FileRefused", "read_text"]


def read_text(path: Path, what: str, warnings: list[str] | None = None) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252, as
    Outlook writes (said in ``warnings``, when given). Refuses a missing, empty, oversized or
    binary file, naming the line of a NUL byte anywhere in it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        refused = translate("Import", "{0}: cannot be read ({1})")
        raise FileRefused(refused.format(path.name, exc.strerror or exc)) from None
    if size > MAX_IMPORT_BYTES:
        raise FileRefused(
            translate("Import", "{0}: {1:.0f} MB is over the 50 MB an import may be").format(
                path.name, size / 1024 / 1024
            )
        )
    data = path.read_bytes()
    if not data.strip():
        raise FileRefused(translate("Import", "{0}: the file is empty").format(path.name))
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise FileRefused(
            translate("Import", "{0}: line {1} holds a NUL byte: binary data, not {2} text").format(
                path.name, line, what
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
    if warnings is not None:
        warnings.append(
            translate(
                "Import",
                "{0} is not UTF-8 (first at line {1}); it was read as Windows-1252, as Outlook"
                " writes: check accented names in the preview",
            ).format(path.name, line)
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
