#!/usr/bin/env bash
# test-deb.sh: proves the Debian package the way an administrator meets it.
#
#   tests/package/test-deb.sh [--keep] [--deb FILE]
#                                    (as root; `make package-check`)
#
# --keep leaves the work directory (build log, tree) for a look;
# --deb FILE skips the build and checks FILE (a kept earlier build).
#
# 1. Builds the package with `dpkg-buildpackage -us -uc -b` from a copy of
#    this working tree (tracked and untracked files, not build output), so
#    nothing lands beside the tree, and checks what it holds: the binary,
#    the unit, the sysusers file, the conffile and both manual pages.
# 2. Installs it with apt into a clean minbase Debian 12 tree (debootstrap,
#    the tarball scripts/fresh-debian.sh caches), which pulls its
#    dependencies from the Debian archive as any installation would.
# 3. Checks the installation: the ccscap system user, the conffile's owner
#    and mode, `ccscap --check-config` reading /etc/ccscap/ccscap.conf by
#    itself, `systemd-analyze verify` on the installed unit.
# 4. Starts the service as its unit says, without systemd (this machine
#    has no init to run it): the unit's User, Environment and
#    StateDirectory, its ExecStartPre twice (the second start must succeed
#    on the database the first made), then its ExecStart, in a network
#    namespace of its own so the packaged listen address (127.0.0.1:8080)
#    is used as shipped whatever this machine already runs there. Checks
#    that it answers /healthz, the home page, the sign-in page and
#    /metrics, and that its files belong to the ccscap user.
#
# Takes 5-15 minutes (the package build and apt's downloads). Prints one
# line per check and "package-check: ok" or the first failure.
#
# Environment:
#   FRESH_CACHE   where the base tarball is kept
#                 (default ~/.cache/ccscap-fresh-debian)
#   FRESH_MIRROR  Debian mirror (default: the one apt uses here)
set -euo pipefail

keep=0
prebuilt=
while [ $# -gt 0 ]; do
	case $1 in
	--keep) keep=1 ;;
	--deb) prebuilt=$(realpath "${2:?--deb needs a file}"); shift ;;
	*) echo "usage: $0 [--keep] [--deb FILE]" >&2; exit 2 ;;
	esac
	shift
done
if [ "$(id -u)" -ne 0 ]; then
	echo "test-deb.sh: must run as root (debootstrap, chroot)" >&2
	exit 2
fi
for c in dpkg-buildpackage dh debootstrap systemd-analyze unshare curl; do
	if ! command -v "$c" >/dev/null; then
		echo "test-deb.sh: $c is missing: scripts/install-deps.sh package" >&2
		exit 2
	fi
done

src=$(cd "$(dirname "$0")/../.." && pwd)
cache=${FRESH_CACHE:-$HOME/.cache/ccscap-fresh-debian}
mirror=${FRESH_MIRROR:-}
if [ -z "$mirror" ]; then
	mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources \
	    2>/dev/null | head -1)
	mirror=${mirror:-http://deb.debian.org/debian}
fi
base="$cache/bookworm-minbase.tar"
work=$(mktemp -d /var/tmp/ccscap-deb.XXXXXX)
chmod 755 "$work"
root="$work/root"
mounted=()

cleanup() {
	local i pid
	for pid in $(ls /proc | grep -E '^[0-9]+$'); do
		if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ]; then
			kill -9 "$pid" 2>/dev/null || true
		fi
	done
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		umount -l "${mounted[$i]}" 2>/dev/null || true
	done
	if [ $keep -eq 0 ]; then
		rm -rf --one-file-system "$work"
	else
		echo "test-deb: kept $work"
	fi
}
trap cleanup EXIT

fail() {
	echo "test-deb: FAILED: $*" >&2
	exit 1
}
ok() {
	echo "test-deb: ok: $*"
}

# --- 1. build -------------------------------------------------------------
mkdir -p "$work/src/ccscap"
if [ -n "$prebuilt" ]; then
	cp "$prebuilt" "$work/src/ccscap_prebuilt.deb"
else
	(cd "$src" && git ls-files -co --exclude-standard -z |
	    grep -zv -E '^(build[^/]*|node_modules|test-output|var|obj-[^/]*)/' |
	    tar --null -T - -cf -) | tar -C "$work/src/ccscap" -xf -
	echo "test-deb: dpkg-buildpackage -us -uc -b (log: $work/build.log)"
	if ! (cd "$work/src/ccscap" && dpkg-buildpackage -us -uc -b) \
	    >"$work/build.log" 2>&1; then
		tail -40 "$work/build.log"
		keep=1
		fail "dpkg-buildpackage"
	fi
fi
deb=$(ls "$work"/src/ccscap_*.deb 2>/dev/null | head -1 || true)
[ -n "$deb" ] || fail "no ccscap_*.deb was built"
ok "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/ccscap ./etc/ccscap/ccscap.conf \
    ./lib/systemd/system/ccscap.service ./usr/lib/sysusers.d/ccscap.conf \
    ./usr/share/man/man8/ccscap.8.gz ./usr/share/man/man5/ccscap.conf.5.gz; do
	grep -qx "$f" <<<"$contents" || fail "the package lacks $f"
done
ok "holds the binary, unit, sysusers file, conffile and manual pages"
dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles |
    grep -qx /etc/ccscap/ccscap.conf ||
    fail "/etc/ccscap/ccscap.conf is not a conffile"
ok "/etc/ccscap/ccscap.conf is a conffile"

# --- 2. install into a clean Debian 12 ------------------------------------
mkdir -p "$cache"
if [ ! -s "$base" ]; then
	echo "test-deb: debootstrap bookworm (minbase) from $mirror"
	tmp=$(mktemp -d "$cache/boot.XXXXXX")
	debootstrap --variant=minbase bookworm "$tmp" "$mirror" \
	    >"$cache/debootstrap.log" 2>&1 ||
	    fail "debootstrap, see $cache/debootstrap.log"
	tar -C "$tmp" -cf "$base.part" .
	mv "$base.part" "$base"
	rm -rf "$tmp"
fi
mkdir -p "$root"
tar -C "$root" -xf "$base"
chmod 755 "$root"
mount -t proc proc "$root/proc"
mounted+=("$root/proc")
mount --rbind /dev "$root/dev"
mounted+=("$root/dev")
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/" \
    2>/dev/null && rm -f "$root/etc/apt/sources.list"
for f in /etc/apt/apt.conf.d/99*; do
	[ -f "$f" ] && cp "$f" "$root/etc/apt/apt.conf.d/"
done
mkdir -p "$root/usr/local/share/ca-certificates" "$root/etc/ssl/certs"
cp -a /usr/local/share/ca-certificates/. \
    "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/" 2>/dev/null ||
    true
# no service starts inside a tree being built, as on a Debian installer
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp "$deb" "$root/tmp/"
echo "test-deb: apt-get install ./$(basename "$deb") (log: $work/install.log)"
in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
if ! in_root /bin/sh -c "apt-get update -qq && apt-get install -y -qq \
    --no-install-recommends /tmp/$(basename "$deb")" \
    >"$work/install.log" 2>&1; then
	tail -30 "$work/install.log"
	fail "apt-get install"
fi
ok "installed with its dependencies into a clean Debian 12"

# --- 3. what the installation made ----------------------------------------
pw=$(in_root getent passwd ccscap) || fail "no ccscap user"
uid=$(cut -d: -f3 <<<"$pw")
[ "$uid" -lt 1000 ] || fail "ccscap is not a system user (uid $uid)"
[ "$(cut -d: -f7 <<<"$pw")" = /usr/sbin/nologin ] ||
    fail "the ccscap user can log in"
ok "system user ccscap (uid $uid, no login shell)"
mode=$(in_root stat -c '%a %U:%G' /etc/ccscap/ccscap.conf)
[ "$mode" = "640 root:ccscap" ] ||
    fail "/etc/ccscap/ccscap.conf is $mode, want 640 root:ccscap"
ok "/etc/ccscap/ccscap.conf is 640 root:ccscap"
out=$(in_root runuser -u ccscap -- /usr/bin/ccscap --check-config 2>&1) ||
    fail "ccscap --check-config: $out"
[ "$out" = "configuration OK" ] || fail "ccscap --check-config said: $out"
# a bad line in the packaged file must be seen, proving it is the file read
echo "no_such_key = 1" >>"$root/etc/ccscap/ccscap.conf"
if out=$(in_root runuser -u ccscap -- /usr/bin/ccscap --check-config 2>&1); then
	fail "--check-config did not read /etc/ccscap/ccscap.conf"
fi
grep -q "/etc/ccscap/ccscap.conf:.*unknown key 'no_such_key'" <<<"$out" ||
    fail "unexpected --check-config error: $out"
sed -i '/^no_such_key = 1$/d' "$root/etc/ccscap/ccscap.conf"
ok "the binary reads /etc/ccscap/ccscap.conf by default"
in_root man -w ccscap.conf >/dev/null 2>&1 ||
    [ -f "$root/usr/share/man/man5/ccscap.conf.5.gz" ] ||
    fail "ccscap.conf(5) is not installed"
unit=/lib/systemd/system/ccscap.service
# man-db, so verify also finds the pages the unit's Documentation= names
in_root apt-get install -y -qq --no-install-recommends man-db \
    >>"$work/install.log" 2>&1 || fail "apt-get install man-db"
if ! out=$(in_root systemd-analyze verify "$unit" 2>&1); then
	echo "$out"
	fail "systemd-analyze verify $unit"
fi
if [ -n "$out" ]; then
	echo "$out"
	fail "systemd-analyze verify $unit printed warnings"
fi
ok "systemd-analyze verify $unit"

# --- 4. start it as the unit says -----------------------------------------
unitfile="$root$unit"
prop() {	# prop KEY: the unit's value(s) of KEY, one a line
	sed -n "s/^$1=//p" "$unitfile"
}
user=$(prop User)
statedir=/var/lib/$(prop StateDirectory)
statemode=$(prop StateDirectoryMode)
envs=$(prop Environment)
pre=$(prop ExecStartPre)
start=$(prop ExecStart)
[ "$user" = ccscap ] || fail "the unit runs as '$user'"
[ -n "$pre" ] && [ -n "$start" ] || fail "the unit lacks ExecStartPre/ExecStart"
grep -qx 'ReadWritePaths=/var/lib/ccscap' "$unitfile" ||
    fail "the unit does not confine writes to the state directory"
# what systemd does for StateDirectory= before the first ExecStartPre
mkdir -p "$root$statedir"
in_root chown "$user:$user" "$statedir"
chmod "${statemode:-0755}" "$root$statedir"
as_unit() {
	# shellcheck disable=SC2086
	in_root runuser -u "$user" -- /usr/bin/env $envs "$@"
}
# shellcheck disable=SC2086
as_unit $pre >"$work/init1.log" 2>&1 || {
	cat "$work/init1.log"
	fail "first ExecStartPre: $pre"
}
# shellcheck disable=SC2086
as_unit $pre >"$work/init2.log" 2>&1 || {
	cat "$work/init2.log"
	fail "second ExecStartPre (init is not idempotent)"
}
ok "ExecStartPre ($pre) ran twice as $user"
bad=$(in_root find "$statedir" ! -user "$user" | head -3)
[ -z "$bad" ] || fail "files in $statedir not owned by $user: $bad"
[ -f "$root$statedir/ccscap.db" ] || fail "no database in $statedir"
[ -f "$root$statedir/ccscap.db.key" ] || fail "no key file in $statedir"
ok "the database and its key are in $statedir, owned by $user"

# the server in a network namespace of its own: the packaged listen
# address as shipped, and curl from the same namespace
listen=$(sed -n 's/^listen *= *//p' "$root/etc/ccscap/ccscap.conf")
export root user envs start listen work
if ! unshare -n /bin/bash -c '
	set -euo pipefail
	ip link set lo up
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	    LANG=C.UTF-8 \
	    runuser -u "$user" -- /usr/bin/env $envs $start \
	    >"$work/serve.out" 2>"$work/serve.err" &
	srv=$!
	for _ in $(seq 1 100); do
		grep -q "listening on" "$work/serve.out" 2>/dev/null && break
		kill -0 $srv 2>/dev/null || break
		sleep 0.2
	done
	url="http://$listen"
	rc=0
	curl -fsS "$url/healthz" >"$work/healthz" || rc=1
	curl -fsS -o /dev/null "$url/" || rc=1
	curl -fsS -o /dev/null "$url/login" || rc=1
	curl -fsS "$url/metrics" >"$work/metrics" || rc=1
	kill -TERM $srv 2>/dev/null || true
	wait $srv 2>/dev/null || true
	exit $rc
'; then
	cat "$work/serve.out" "$work/serve.err" 2>/dev/null | tail -20
	fail "the packaged service did not answer on $listen"
fi
grep -q "ccscap listening on http://$listen/ (store: sqlite)" \
    "$work/serve.out" || fail "unexpected start line: $(cat "$work/serve.out")"
grep -q '"status": *"ok"' "$work/healthz" ||
    fail "/healthz said: $(cat "$work/healthz")"
grep -q '^ccscap_info{' "$work/metrics" ||
    fail "/metrics lacks ccscap_info"
ok "ExecStart ($start) answered /healthz, /, /login and /metrics on $listen"
echo "package-check: ok"
