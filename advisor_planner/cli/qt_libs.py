"""Before Qt starts on Linux: are the system libraries its platform plugin needs there?

Without them Qt does not fail politely: importing PySide6 raises "libglib-2.0.so.0: cannot
open shared object file", and a missing X11 helper (libxcb-cursor0 since Qt 6.5) makes Qt
print four lines and abort the process (exit 134) while creating the QApplication. So the
app, ``report`` and the test suite's conftest look first: ``missing_packages`` loads each
library Qt's platform plugin links against (they are loaded moments later by Qt anyway, so
this costs about a millisecond) and ``advice`` turns what is missing into one line naming
the libraries and the command that installs them.

The libraries are those the PySide6 wheels' ``libQt6Gui``, ``libQt6DBus`` and the offscreen
and xcb platform plugins name (``readelf -d``), beyond what every Debian has (libc, zlib,
zstd); the packages are Debian's and Ubuntu's names, which README.md lists for the install.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

#: What any Qt platform needs (offscreen included): shared library -> Debian package.
CORE_LIBS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11.so.6": "libx11-6",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
}

#: What the X11 (xcb) platform plugin needs beyond CORE_LIBS: a real window on X11, and on
#: Wayland through XWayland.
XCB_LIBS = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

#: The packages README.md tells a machine without a desktop to install: these pull in every
#: library above (checked on a bare Debian bookworm root, packaging/smoke-test.sh).
README_PACKAGES = (
    "libegl1 libgl1 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0 "
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0"
)


def platform_plugin(environ: Mapping[str, str] | None = None) -> str:
    """The platform plugin Qt will try first: ``QT_QPA_PLATFORM``'s first choice, else
    ``xcb`` (Qt's default on Linux; on Wayland it falls back to xcb when it must)."""
    env = os.environ if environ is None else environ
    named = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    return named or "xcb"


def needed_libs(plugin: str) -> dict[str, str]:
    """The system libraries ``plugin`` needs, with the package of each."""
    if plugin == "xcb":
        return {**CORE_LIBS, **XCB_LIBS}
    return dict(CORE_LIBS)


def missing_packages(plugin: str, libs: Mapping[str, str] | None = None) -> dict[str, str]:
    """The libraries ``plugin`` needs (or ``libs``) that cannot be loaded here (library ->
    package); empty when all load, and always on Windows and macOS, whose Qt needs none."""
    if not sys.platform.startswith("linux"):
        return {}
    import ctypes

    missing = {}
    for library, package in (needed_libs(plugin) if libs is None else libs).items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing[library] = package
    return missing


def advice(missing: Mapping[str, str], plugin: str) -> str:
    """One line: what is missing and the command that installs it (Debian and Ubuntu): the
    missing packages when README.md's list names each, else README.md's whole list (whose
    packages pull in the rest), so the line stays short when everything is missing."""
    named = list(missing)
    libraries = ", ".join(named[:4]) + (f" and {len(named) - 4} more" if len(named) > 4 else "")
    packages = list(dict.fromkeys(missing.values()))
    listed = README_PACKAGES.split()
    command = " ".join(packages) if set(packages) <= set(listed) else README_PACKAGES
    return (
        f"Qt's {plugin} platform cannot start: the system libraries {libraries} are missing. "
        f"On Debian or Ubuntu install them with: apt-get install {command} (as root, or with "
        "sudo); README.md says more"
    )


def check(environ: Mapping[str, str] | None = None) -> str | None:
    """The advice line when Qt's platform plugin would fail for want of libraries, else None."""
    plugin = platform_plugin(environ)
    missing = missing_packages(plugin)
    return advice(missing, plugin) if missing else None
