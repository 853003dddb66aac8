"""The app's icons: the SVGs under ``resources/icons``, loaded once each.

The navigation, the View menu, the toolbar and the empty-state pages share them.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from advisor_planner.resources import icon_path


@cache
def load_icon(name: str) -> QIcon:
    """The SVG icon ``resources/icons/<name>.svg`` (an empty icon if it is missing).

    Cached: QIcon is implicitly shared, and the navigation and the View menu use the same ones.
    """
    path = icon_path(name)
    if not path.exists():
        return QIcon()
    icon = QIcon(str(path))
    # Selected items keep the icon as drawn; the style's generated "selected" tint would put a
    # box of highlight colour behind it.
    icon.addFile(str(path), QSize(), QIcon.Mode.Selected, QIcon.State.Off)
    return icon
