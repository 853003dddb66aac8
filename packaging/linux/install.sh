#!/bin/sh
# Put Advisor Planner on this user's menu and PATH, from where this archive was unpacked:
# a link ~/.local/bin/advisor-planner, and the desktop file, icons and AppStream metainfo
# under ~/.local/share. Nothing is copied elsewhere and no root is needed. Your data stays
# where it always is (~/.local/share/advisor-planner/), shared with a pip install.
#   ./install.sh            install for this user
#   ./install.sh --remove   take it off the menu and PATH again (your data is kept)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
id=io.github.advisor_planner.AdvisorPlanner
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
if [ "${1:-}" = "--remove" ]; then
    rm -f "$bin/advisor-planner" "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml"
    find "$data/icons/hicolor" -name "$id.*" -delete 2>/dev/null || true
    echo "Removed from the menu and PATH; delete $here to remove the app itself."
    exit 0
fi
mkdir -p "$bin" "$data/applications" "$data/metainfo"
ln -sf "$here/advisor-planner/advisor-planner" "$bin/advisor-planner"
# The menu starts the app by its full path: ~/.local/bin is not on every desktop's PATH.
sed "s|^Exec=advisor-planner|Exec=\"$here/advisor-planner/advisor-planner\"|" \
    "$here/share/applications/$id.desktop" >"$data/applications/$id.desktop"
cp "$here/share/metainfo/$id.metainfo.xml" "$data/metainfo/"
cp -r "$here/share/icons" "$data/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "Installed: Advisor Planner is in your applications menu, and 'advisor-planner' in $bin."
