#!/usr/bin/env bash
# Smoke test of the standalone Linux app on a bare Debian without Python.
#
#   packaging/smoke-test.sh [dist/advisor-planner-VERSION-linux-x86_64.tar.gz]
#
# Unpacks the archive into a Debian bookworm root made by debootstrap (--variant=minbase: no
# Python) plus only the Qt system libraries README.md lists, and there runs, offscreen:
# --version, demo --size small, check, report, export (JSON and CSV), an encrypted database
# (demo and encrypt with --passphrase-file, check through the key, refused without it); then
# the app on a real X display (Xvfb on the host) until its window shows. On the bare root
# without Qt's libraries, the app must say in one line what to install and exit 2. On the
# host, the bundle and the pip install (.venv) must resolve the same default database.
#
# The roots are cached under $AP_ROOTS (default /var/cache/advisor-planner-ci): minbase is
# made once (about a minute), the Qt root is keyed by README.md's package list (seconds to
# rebuild from minbase). Needs root, debootstrap, xvfb and xdotool.
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:-$(ls -t dist/advisor-planner-*-linux-*.tar.gz | head -n 1)}
roots=${AP_ROOTS:-/var/cache/advisor-planner-ci}
packages=$(grep -o 'apt-get install libegl1[^`]*' README.md | head -n 1 | sed 's/apt-get install //')
[ -n "$packages" ] || { echo "smoke: no Qt package list found in README.md" >&2; exit 1; }

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
step() { echo "smoke: $*"; }

# -- the roots ------------------------------------------------------------------------------
mkdir -p "$roots"
bare=$roots/bookworm-minbase
if [ ! -x "$bare/bin/bash" ]; then
    step "making $bare (debootstrap --variant=minbase bookworm)"
    rm -rf "$bare"
    debootstrap --variant=minbase bookworm "$bare" >"$roots/minbase.log" 2>&1
fi
[ ! -e "$bare/usr/bin/python3" ] || fail "$bare has Python; the bundle must run without it"
qt=$roots/bookworm-qt-$(echo "$packages" | md5sum | cut -c1-12)
if [ ! -e "$qt/.ready" ]; then
    step "making $qt: minbase + $packages"
    rm -rf "$qt"
    cp -a "$bare" "$qt"
    cp /etc/resolv.conf "$qt/etc/resolv.conf"
    chroot "$qt" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        bash -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages \
                 && apt-get clean" >"$qt.log" 2>&1 || fail "apt-get in $qt (see $qt.log)"
    touch "$qt/.ready"
fi
[ ! -e "$qt/usr/bin/python3" ] || fail "$qt has Python; the bundle must run without it"

# -- unpack into both, with /proc and the X socket mounted ----------------------------------
work=/opt/smoke-$$
display=:$((60 + $$ % 30))
mounts=()
cleanup() {
    [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null
    for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$bare$work" "$qt$work"
}
trap cleanup EXIT
# A machine that has never run an X server has no socket folder to share yet; Xvfb makes its
# socket there later, and it must be the folder the roots see (sticky and world-writable, as X makes it).
[ -d /tmp/.X11-unix ] || { mkdir -p /tmp/.X11-unix && chmod 1777 /tmp/.X11-unix; }
tar -tzf "$archive" | grep -E '\.(sqlite|db|keys)$' && fail "the archive holds a database"
for root in "$bare" "$qt"; do
    mkdir -p "$root$work/home" "$root/tmp/.X11-unix"
    tar -xzf "$archive" -C "$root$work" --strip-components=1
    mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; mounts+=("$root/proc"); }
    mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"; mounts+=("$root/tmp/.X11-unix")
done
# run ROOT CMD...: CMD in ROOT as a new user would, with the bundle on PATH and offscreen Qt.
run() {
    local root=$1; shift
    chroot "$root" /usr/bin/env -i HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        PATH="$work/advisor-planner:/usr/bin:/bin" DISPLAY="$display" "$@"
}
h=$work/home

# -- the commands, offscreen ----------------------------------------------------------------
version=$(run "$qt" advisor-planner --version) || fail "--version"
step "$version"
[[ $version == "advisor-planner "* ]] || fail "--version printed '$version'"
run "$qt" advisor-planner demo --db "$h/demo.sqlite" --size small >/dev/null || fail "demo"
run "$qt" advisor-planner check --db "$h/demo.sqlite" | grep -q "Status: healthy" || fail "check"
run "$qt" advisor-planner report --db "$h/demo.sqlite" --out "$h/report.pdf" >/dev/null || fail "report"
head -c 5 "$qt$h/report.pdf" | grep -q "%PDF-" || fail "report wrote no PDF"
run "$qt" advisor-planner export --db "$h/demo.sqlite" --out "$h/all.json" >/dev/null || fail "export json"
run "$qt" advisor-planner export --db "$h/demo.sqlite" --out "$h/people.csv" >/dev/null || fail "export csv"
grep -q '"stakeholder"' "$qt$h/all.json" || fail "the JSON export has no stakeholders"

# -- encryption: SQLCipher, Argon2id and AES-GCM inside the bundle --------------------------
step "encryption"
echo "correct horse battery staple" >"$qt$h/passphrase.txt"
run "$qt" advisor-planner demo --db "$h/secret.sqlite" --size small \
    --passphrase-file "$h/passphrase.txt" | grep -q "Encrypted" || fail "demo --passphrase-file"
run "$qt" advisor-planner encrypt --db "$h/demo.sqlite" --passphrase-file "$h/passphrase.txt" \
    >/dev/null || fail "encrypt"
for db in secret demo; do
    head -c 15 "$qt$h/$db.sqlite" | grep -q "SQLite format" && fail "$db.sqlite is not encrypted"
    out=$(run "$qt" advisor-planner check --db "$h/$db.sqlite" --passphrase-file "$h/passphrase.txt") \
        || fail "check of encrypted $db"
    grep -q "Encrypted: yes" <<<"$out" && grep -q "Status: healthy" <<<"$out" || fail "$db: $out"
done
set +e
run "$qt" advisor-planner check --db "$h/demo.sqlite" </dev/null >/dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "check of an encrypted database without its passphrase exited $code, not 2"

# -- the window, on a real X display --------------------------------------------------------
step "the window under Xvfb $display"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
chroot "$qt" /usr/bin/env -i HOME="$h" LANG=C.UTF-8 DISPLAY="$display" \
    "$work/advisor-planner/advisor-planner" --db "$h/window.sqlite" >"$qt$h/app.log" 2>&1 &
app_pid=$!
DISPLAY=$display timeout 60 xdotool search --sync --onlyvisible --name "Advisor Planner" \
    >/dev/null || { cat "$qt$h/app.log" >&2; fail "no window within 60 s"; }
kill -0 "$app_pid" || fail "the app ended after showing its window"
[ -z "${AP_SMOKE_SHOT:-}" ] || { sleep 3; DISPLAY=$display import -window root "$AP_SMOKE_SHOT" || true; }
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=

# -- without Qt's libraries: one line and exit 2, not Qt's abort ----------------------------
step "the bare root, without Qt's libraries"
set +e
said=$(run "$bare" env QT_QPA_PLATFORM=xcb advisor-planner --db "$h/x.sqlite" 2>&1)
code=$?
set -e
[ "$code" = 2 ] || fail "without Qt's libraries the app exited $code, not 2: $said"
step "it said: $said"
[ "$(wc -l <<<"$said")" = 1 ] && grep -q "apt-get install .*libxcb-cursor0" <<<"$said" \
    || fail "without Qt's libraries the app said: $said"

# -- the same data folder as the pip install ------------------------------------------------
if [ -x .venv/bin/advisor-planner ]; then
    step "the bundle and .venv open the same default database"
    home=$(mktemp -d)
    host() { env -u ADVISOR_PLANNER_DB -u XDG_DATA_HOME HOME="$home" QT_QPA_PLATFORM=offscreen "$@"; }
    default=$(host .venv/bin/python -c 'from advisor_planner.paths import default_db_path as d; print(d())')
    mkdir -p "$(dirname "$default")"
    host .venv/bin/advisor-planner demo --db "$default" --size small >/dev/null
    out=$(host "$qt$work/advisor-planner/advisor-planner" check) || fail "bundle check: $out"
    grep -qx "Database: $default" <<<"$out" || fail "the bundle opened another database: $out"
    rm -rf "$home"
fi
step "passed ($archive)"
