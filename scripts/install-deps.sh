#!/usr/bin/env bash
# Installs the Debian 12 packages ccscap needs, only those missing.
# usage: scripts/install-deps.sh [run|test]
#   run  - build and run (default)
#   test - also what `make check` needs (cmocka, PostgreSQL, pytest,
#          Chromium, clang, valgrind, Node.js for Playwright)
set -euo pipefail

run_pkgs=(gcc make meson ninja-build pkg-config libmicrohttpd-dev
	libsqlite3-dev libpq-dev libjansson-dev libsodium-dev libssl-dev
	libxlsxwriter-dev libidn2-dev libpsl-dev libcairo2-dev fonts-dejavu-core
	libyajl-dev libcurl4-openssl-dev)
test_pkgs=(libcmocka-dev postgresql python3-pytest python3-requests
	chromium clang valgrind nodejs npm sqlite3)

want=("${run_pkgs[@]}")
if [ "${1:-run}" = test ]; then
	want+=("${test_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		# node from another Debian repository counts if the command works
		if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
		if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
echo "ccscap: installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "ccscap: not root; run: sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
