"""Render the app's SVG icon (resources/icons/app.svg) as PNGs in the hicolor theme's sizes,
for the Linux bundle's share/icons/hicolor/ (packaging/build-linux.sh runs it offscreen).

    python packaging/render_icons.py SVG HICOLOR_DIR NAME
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

#: The sizes desktops ask a hicolor theme for (menus 16-24, docks 32-64, app grids 128-512).
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def main(svg: Path, hicolor: Path, name: str) -> None:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage painting needs it
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not image.save(str(folder / f"{name}.png")):
            raise SystemExit(f"could not write {folder / f'{name}.png'}")
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable / f"{name}.svg")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
