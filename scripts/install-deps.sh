#!/usr/bin/env bash
# Installs the Debian 12 packages ccscap needs, only those missing, then
# checks the versions the build and the tests rely on and says plainly
# which one is too old.
# usage: scripts/install-deps.sh [run|test|package]
#   run     - build and run (default)
#   test    - also what `make check` needs (cmocka, PostgreSQL, pytest,
#             Chromium, clang, valgrind, Node.js and npm for Playwright,
#             nginx-light and openssl for the TLS and proxy tests)
#   package - also what `make package-check` needs: the Debian package
#             build (debhelper, dpkg-dev, fakeroot), a clean Debian 12
#             tree to install it into (debootstrap) and
#             `systemd-analyze verify` (systemd)
#
# Everything comes from Debian 12 (bookworm) itself: Node.js 18 and
# Chromium from its main and security archives. Nothing is fetched from
# another repository.
set -euo pipefail

mode=${1:-run}
run_pkgs=(gcc make meson ninja-build pkg-config libmicrohttpd-dev
	libsqlite3-dev libpq-dev libjansson-dev libsodium-dev libssl-dev
	libxlsxwriter-dev libidn2-dev libpsl-dev libcairo2-dev fonts-dejavu-core
	libyajl-dev libxml2-dev libcurl4-openssl-dev oathtool curl
	libpango1.0-dev gettext libgnutls28-dev libseccomp-dev)
test_pkgs=(libcmocka-dev postgresql python3-pytest python3-requests
	chromium clang valgrind nodejs npm sqlite3 libxml2-utils
	poppler-utils wrk python3-yaml nginx-light openssl)
package_pkgs=(debhelper dpkg-dev fakeroot debootstrap systemd curl)

want=("${run_pkgs[@]}")
case $mode in
run) ;;
test) want+=("${test_pkgs[@]}") ;;
package) want+=("${package_pkgs[@]}") ;;
*) echo "usage: $0 [run|test|package]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		# node from another Debian repository counts if the command
		# works; its version is checked below all the same
		if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
		if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "ccscap: installing Debian packages: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "ccscap: not root; run: sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# `ccscap serve` started as root becomes this user (conf `user`) and
# refuses to run when it is missing; the test suite runs as root here
if ! getent passwd ccscap >/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "ccscap: adding the system user ccscap"
		useradd --system --no-create-home --home-dir /nonexistent \
		    --shell /usr/sbin/nologin ccscap
	else
		echo "ccscap: no user ccscap; as root: useradd --system --no-create-home ccscap" >&2
	fi
fi

# --- versions -------------------------------------------------------------
# Each check names the component, what was found, what is needed and where
# it comes from, then the script fails once with every problem listed.
problems=()

# version_ge A B: true when version A >= B (dpkg's ordering)
version_ge() {
	dpkg --compare-versions "$1" ge "$2"
}

need_pc() {	# need_pc PKGCONFIG-NAME MINIMUM DEBIAN-PACKAGE
	local have
	if ! have=$(pkg-config --modversion "$1" 2>/dev/null); then
		problems+=("$1: not found by pkg-config (install $3)")
		return
	fi
	if ! version_ge "$have" "$2"; then
		problems+=("$1 $have is too old: ccscap needs $2 or newer ($3 from Debian 12 has it)")
	fi
}

need_cmd() {	# need_cmd NAME FOUND-VERSION MINIMUM HINT
	if [ -z "$2" ]; then
		problems+=("$1: not found ($4)")
	elif ! version_ge "$2" "$3"; then
		problems+=("$1 $2 is too old: ccscap needs $3 or newer ($4)")
	fi
}

need_pc libmicrohttpd 0.9.75 libmicrohttpd-dev
need_pc sqlite3 3.35 libsqlite3-dev
need_pc libcurl 7.85 libcurl4-openssl-dev
need_pc cairo 1.16 libcairo2-dev
meson_v=$(meson --version 2>/dev/null || true)
need_cmd meson "$meson_v" 1.0 "Debian 12's meson is 1.0.1"

if [ "$mode" = test ]; then
	# playwright-core 1.61 (package.json) is the newest release that
	# runs on Debian 12's Node.js 18; it needs 18.19 or newer
	node_v=$(node --version 2>/dev/null | sed 's/^v//' || true)
	need_cmd Node.js "$node_v" 18.19 "Debian 12's nodejs is 18.19.0 or newer"
	chromium_v=$(/usr/bin/chromium --version 2>/dev/null |
	    awk '{print $2}' || true)
	# the browser tests use the DevTools protocol features of 120+
	need_cmd Chromium "$chromium_v" 120 "Debian 12's chromium from bookworm-security"
	need_pc cmocka 1.1 libcmocka-dev
	pg_v=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)
	need_cmd PostgreSQL "$pg_v" 15 "Debian 12's postgresql is 15"
	# Debian's interpreter, whatever python3 is first on PATH
	py_v=$(/usr/bin/python3 -c 'import pytest; print(pytest.__version__)' \
	    2>/dev/null || true)
	need_cmd pytest "$py_v" 7.0 "python3-pytest"
fi

if [ ${#problems[@]} -gt 0 ]; then
	echo "ccscap: these components are missing or too old:" >&2
	for p in "${problems[@]}"; do
		echo "  - $p" >&2
	done
	echo "ccscap: ccscap is built and tested on Debian 12 (bookworm); install its packages (apt-get install ...) or upgrade." >&2
	exit 1
fi
