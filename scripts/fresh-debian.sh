#!/usr/bin/env bash
# fresh-debian.sh: proves the README's two commands on a genuine fresh
# Debian 12, the way a new user meets them.
#
#   scripts/fresh-debian.sh [--keep] [--skip-check]
#
# Builds a minbase Debian 12 (bookworm) tree with debootstrap (cached as a
# tarball after the first run), installs only git and make in it, copies
# this working tree in (tracked and untracked files, not build output or
# node_modules), brings this machine's CA certificates, apt settings and
# npm configuration along (the package registries are reached through
# them), then, as root inside the tree:
#   1. `make run` on a spare port: waits until it serves the home page and
#      the sign-in page, prints the sign-in help, stops it;
#   2. `make check`: every suite.
# It prints the result of each and exits non-zero when either fails.
#
# Needs root (chroot, mounts). Not part of CI: it takes 20-40 minutes.
#
# Environment:
#   FRESH_CACHE   where the base tarball is kept
#                 (default ~/.cache/ccscap-fresh-debian)
#   FRESH_MIRROR  Debian mirror (default: the one apt uses here)
#   FRESH_PORT    port for `make run` (default 18080)
set -euo pipefail

keep=0
skip_check=0
for a in "$@"; do
	case $a in
	--keep) keep=1 ;;
	--skip-check) skip_check=1 ;;
	*) echo "usage: $0 [--keep] [--skip-check]" >&2; exit 2 ;;
	esac
done

if [ "$(id -u)" -ne 0 ]; then
	echo "fresh-debian.sh: must run as root (debootstrap, chroot)" >&2
	exit 2
fi

src=$(cd "$(dirname "$0")/.." && pwd)
cache=${FRESH_CACHE:-$HOME/.cache/ccscap-fresh-debian}
port=${FRESH_PORT:-18080}
mirror=${FRESH_MIRROR:-}
if [ -z "$mirror" ]; then
	mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources \
	    2>/dev/null | head -1)
	mirror=${mirror:-http://deb.debian.org/debian}
fi
base="$cache/bookworm-minbase.tar"

if ! command -v debootstrap >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap \
	    >/dev/null
fi

mkdir -p "$cache"
if [ ! -s "$base" ]; then
	echo "fresh-debian: debootstrap bookworm (minbase) from $mirror"
	tmp=$(mktemp -d "$cache/boot.XXXXXX")
	debootstrap --variant=minbase bookworm "$tmp" "$mirror" \
	    >"$cache/debootstrap.log" 2>&1 || {
		echo "fresh-debian: debootstrap failed, see $cache/debootstrap.log" >&2
		exit 1
	}
	tar -C "$tmp" -cf "$base.part" .
	mv "$base.part" "$base"
	rm -rf "$tmp"
fi

root=$(mktemp -d /var/tmp/ccscap-fresh.XXXXXX)
mounted=()
cleanup() {
	local m
	# a server left running inside would keep the mounts busy
	for pid in $(ls /proc | grep -E '^[0-9]+$'); do
		if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ]; then
			kill -9 "$pid" 2>/dev/null || true
		fi
	done
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		m=${mounted[$i]}
		umount -l "$m" 2>/dev/null || true
	done
	if [ $keep -eq 0 ]; then
		rm -rf --one-file-system "$root"
	else
		echo "fresh-debian: tree kept in $root"
	fi
}
trap cleanup EXIT

tar -C "$root" -xf "$base"
# mktemp made both the tree and the cached tarball's "." 0700: the tree's /
# must be traversable by its own users (PostgreSQL's initdb runs as postgres)
chmod 755 "$root"
for d in proc sys dev dev/pts dev/shm; do
	mkdir -p "$root/$d"
	case $d in
	proc) mount -t proc proc "$root/proc" ;;
	sys) mount --rbind /sys "$root/sys" ;;
	dev) mount --rbind /dev "$root/dev" ;;
	*) continue ;;
	esac
	mounted+=("$root/$d")
done

# the registries as this machine reaches them
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/" \
    2>/dev/null && rm -f "$root/etc/apt/sources.list"
for f in /etc/apt/apt.conf.d/99*; do
	[ -f "$f" ] && cp "$f" "$root/etc/apt/apt.conf.d/"
done
mkdir -p "$root/usr/local/share/ca-certificates" "$root/etc/ssl/certs"
cp -a /usr/local/share/ca-certificates/. \
    "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
# the full bundle too, for tools that read it before ca-certificates is in
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/" 2>/dev/null || true
[ -f /root/.npmrc ] && cp /root/.npmrc "$root/root/.npmrc"
cat >"$root/root/fresh-env" <<EOF
export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
export SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
export LANG=C.UTF-8
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EOF

echo "fresh-debian: installing git and make only"
chroot "$root" /bin/bash -c '. /root/fresh-env &&
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends git make ca-certificates >/dev/null'

echo "fresh-debian: copying the working tree"
mkdir -p "$root/src/ccscap"
(cd "$src" && git ls-files -co --exclude-standard -z |
    grep -zv -E '^(build[^/]*|node_modules|test-output|var)/' |
    tar --null -T - -cf -) | tar -C "$root/src/ccscap" -xf -
chroot "$root" /bin/bash -c 'cd /src/ccscap && git init -q && git add -A &&
    git -c user.name=fresh -c user.email=fresh@localhost commit -qm tree'

run_rc=1
echo
echo "=== fresh Debian 12: make run"
chroot "$root" /bin/bash -c ". /root/fresh-env && cd /src/ccscap &&
    exec make run LISTEN=127.0.0.1:$port" >"$root/make-run.log" 2>&1 &
runner=$!
for _ in $(seq 1 900); do
	if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null &&
	    curl -fsS -o /dev/null "http://127.0.0.1:$port/login" 2>/dev/null; then
		run_rc=0
		break
	fi
	if ! kill -0 $runner 2>/dev/null; then
		break
	fi
	sleep 1
done
sed -n '/ccscap: open/,/Stop the server/p' "$root/make-run.log"
if [ $run_rc -eq 0 ]; then
	echo "=== make run: serving on 127.0.0.1:$port (home and sign-in pages answered)"
else
	tail -30 "$root/make-run.log"
	echo "=== make run: FAILED"
fi
kill $runner 2>/dev/null || true
for pid in $(ls /proc | grep -E '^[0-9]+$'); do
	if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ]; then
		kill "$pid" 2>/dev/null || true
	fi
done
wait $runner 2>/dev/null || true

check_rc=0
if [ $skip_check -eq 0 ]; then
	echo
	echo "=== fresh Debian 12: make check"
	set +e
	chroot "$root" /bin/bash -c '. /root/fresh-env && cd /src/ccscap &&
	    make check; rc=$?; echo "Node.js $(node --version)";
	    /usr/bin/chromium --version 2>/dev/null; exit $rc' \
	    >"$root/make-check.log" 2>&1
	check_rc=$?
	set -e
	grep -E '^=== |^check: |^failed suites|^Node.js|^Chromium|passed' \
	    "$root/make-check.log" || true
	if [ $check_rc -ne 0 ]; then
		cp "$root/make-check.log" "$cache/make-check.log"
		echo "=== make check: FAILED (log: $cache/make-check.log)"
	else
		echo "=== make check: passed"
	fi
fi

echo
echo "fresh-debian: make run $([ $run_rc -eq 0 ] && echo ok || echo FAILED)," \
    "make check $([ $skip_check -eq 1 ] && echo skipped ||
    { [ $check_rc -eq 0 ] && echo ok || echo FAILED; })"
[ $run_rc -eq 0 ] && [ $check_rc -eq 0 ]
