"""Finding files under ``resources/`` (icons, style sheet, templates, prompts).

An installed wheel ships them inside the package as ``advisor_planner/resources/``; a checkout
keeps them at the top of the repository as ``<repo>/resources/``. ``resource_path`` looks in
that order, so code never needs to know which one it is running from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_root() -> Path:
    """The ``resources`` folder in use: the packaged copy if present, else the checkout's."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"No resources folder beside {_PACKAGE_DIR}; the installation is incomplete."
    )


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>``; e.g. ``resource_path("icons", "goals.svg")``.

    The path is returned whether or not the file exists, so callers can test ``.exists()``.
    """
    return resources_root().joinpath(*parts)


def icon_path(name: str) -> Path:
    """The SVG icon ``resources/icons/<name>.svg``."""
    return resource_path("icons", f"{name}.svg")
