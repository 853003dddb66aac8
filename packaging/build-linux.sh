#!/usr/bin/env bash
# Build the standalone Linux app, for people without Python:
#   dist/advisor-planner-VERSION-linux-x86_64.tar.gz
# holding advisor-planner/ (PyInstaller's one-folder build: the executable and _internal/),
# share/ (the .desktop file, the icon in the hicolor sizes, AppStream metainfo) and install.sh.
#
#   packaging/build-linux.sh            with .venv/bin/python (made when missing)
#   PYTHON=/path/to/python packaging/build-linux.sh
#
# Needs, besides Python: binutils (PyInstaller reads the libraries with objdump), and to check
# the metadata desktop-file-validate and appstreamcli (Debian's desktop-file-utils, appstream).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
if [ ! -x "$python" ]; then
    python3 -m venv .venv
    python=.venv/bin/python
fi
# The app's dependencies and PyInstaller (the extra "bundle" in pyproject.toml), when the
# environment lacks them; the app's own code is always taken from this checkout (the spec).
"$python" -c "import PySide6, peewee, pyqtgraph, platformdirs, vobject, icalendar, dateutil, \
recurring_ical_events, argon2, cryptography, sqlcipher3, keyring, PyInstaller" 2>/dev/null \
    || "$python" -m pip install -q ".[bundle]"

version=$("$python" -c 'import advisor_planner; print(advisor_planner.__version__)')
id=io.github.advisor_planner.AdvisorPlanner
name=advisor-planner-$version-linux-$(uname -m)
grep -q "<release version=\"$version\"" "packaging/linux/$id.metainfo.xml" \
    || { echo "packaging/linux/$id.metainfo.xml has no <release> for $version" >&2; exit 1; }

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath build/pyinstaller/dist --workpath build/pyinstaller/work \
    packaging/advisor-planner.spec

stage=build/stage/$name
rm -rf build/stage
mkdir -p "$stage/share/applications" "$stage/share/metainfo" "$stage/share/icons/hicolor"
cp -a build/pyinstaller/dist/advisor-planner "$stage/"
cp "packaging/linux/$id.desktop" "$stage/share/applications/"
cp "packaging/linux/$id.metainfo.xml" "$stage/share/metainfo/"
cp packaging/linux/install.sh "$stage/"
QT_QPA_PLATFORM=offscreen "$python" packaging/render_icons.py \
    resources/icons/app.svg "$stage/share/icons/hicolor" "$id"

desktop-file-validate "$stage/share/applications/$id.desktop"
appstreamcli validate --no-net --pedantic "$stage/share/metainfo/$id.metainfo.xml" >/dev/null

mkdir -p dist
tar -C build/stage -czf "dist/$name.tar.gz" "$name"
echo "dist/$name.tar.gz ($(du -m "dist/$name.tar.gz" | cut -f1) MB)"
