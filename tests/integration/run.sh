#!/usr/bin/env bash
#
# run.sh: runs the integration suite (pytest over real HTTP against the
# real binary; see conftest.py). Tests sit in one folder per domain
# (platform/, directory/, standards/, sharing/, interchange/); conftest.py
# and sharing_helpers.py stay here, so pytest applies them to every folder.
# Test file names must stay unique across the folders (no __init__.py).
#
#   tests/integration/run.sh [--pg] [--jobs N] [PYTEST-ARG...]
#
# --pg    run under tests/pg-harness.sh (a throwaway PostgreSQL 15) with
#         CCSCAP_REQUIRE_PG=1, so every test runs on sqlite and postgres
#         and a missing PostgreSQL is a failure, not a skip.
# --jobs N  run the tests in N pytest processes at once (1..16, default
#         CCSCAP_IT_JOBS or 1), each dealt its share by conftest.py
#         (CCSCAP_IT_SHARD); each one's output is printed when it ends.
#         A test mostly waits on the server, PostgreSQL and process
#         start-up, so two processes on two cores finish sooner (the
#         directory folder: 87 s as one, 64 s as two, 74 s as three). Tests marked `exclusive` (they stop the
#         PostgreSQL cluster the others use) run after them, alone.
#
# Environment:
#   CCSCAP_BIN            binary to test (default build/src/cli/ccscap; a
#                         relative path is taken from the current directory
#                         if it exists there, else from the repository root)
#   CCSCAP_TEST_PG_ADMIN  PostgreSQL URI for CREATE DATABASE (set by
#                         tests/pg-harness.sh); without it only sqlite runs
#   CCSCAP_REQUIRE_PG=1   fail instead of skipping the postgres runs
#   PYTHON                interpreter with pytest and requests (default:
#                         the first of python3, /usr/bin/python3 that has
#                         both; Debian's python3-pytest, python3-requests)
#
# Exit status: pytest's, except that "no tests collected" (5) is a failure.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ "${1:-}" = "--pg" ]; then
	shift
	if [ ! -x "$root/tests/pg-harness.sh" ]; then
		echo "run.sh: tests/pg-harness.sh is missing" >&2
		exit 2
	fi
	exec "$root/tests/pg-harness.sh" env CCSCAP_REQUIRE_PG=1 "$0" "$@"
fi

jobs=${CCSCAP_IT_JOBS:-1}
if [ "${1:-}" = "--jobs" ]; then
	jobs=${2:-}
	shift 2 || shift
fi
case $jobs in
[1-9] | 1[0-6]) ;;
*)
	echo "run.sh: --jobs (or CCSCAP_IT_JOBS) must be 1..16, got" \
	    "'$jobs'" >&2
	exit 2
	;;
esac

bin=${CCSCAP_BIN:-build/src/cli/ccscap}
case $bin in
/*) ;;
*)
	if [ -e "$bin" ]; then
		bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	else
		bin=$root/$bin
	fi
	;;
esac
if [ ! -x "$bin" ]; then
	echo "run.sh: no ccscap binary at $bin (build it, or set CCSCAP_BIN)" >&2
	exit 2
fi
export CCSCAP_BIN=$bin

py=
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
	if command -v "$candidate" >/dev/null 2>&1 &&
	    "$candidate" -c 'import pytest, requests' 2>/dev/null; then
		py=$candidate
		break
	fi
done
if [ -z "$py" ]; then
	echo "run.sh: no python3 with pytest and requests (apt-get install" \
	    "python3-pytest python3-requests)" >&2
	exit 2
fi

# Without packages pytest imports a test file by its base name: a second
# file of the same name stops the whole suite at collection. Say which.
dups=$(find "$here" -name 'test_*.py' -printf '%f\n' | sort | uniq -d)
if [ -n "$dups" ]; then
	echo "run.sh: test file names must be unique across folders:" $dups >&2
	exit 2
fi

# Paths among the arguments replace the default of the whole suite.
targets=(tests/integration)
for arg in "$@"; do
	case $arg in
	-*) ;;
	*) if [ -e "${arg%%::*}" ]; then targets=(); fi ;;
	esac
done

# Keep the tree clean: no .pytest_cache at the root, no __pycache__.
export PYTHONDONTWRITEBYTECODE=1
cd "$root"
if [ "$jobs" -eq 1 ]; then
	set +e
	"$py" -m pytest -q -p no:cacheprovider -rfEsxX "${targets[@]}" "$@"
	status=$?
	set -e
	if [ "$status" -eq 5 ]; then
		echo "run.sh: pytest collected no tests; treating that as a" \
		    "failure" >&2
		exit 1
	fi
	exit "$status"
fi

# N shards at once, each to its own log, then the tests marked
# `exclusive` (they stop the shared PostgreSQL cluster) alone. "No tests"
# in one shard is fine (a small selection); in all of them it is a
# failure, as above.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pids=()
for ((i = 0; i < jobs; i++)); do
	CCSCAP_IT_SHARD="$i/$jobs" "$py" -m pytest -q -p no:cacheprovider \
	    -rfEsxX "${targets[@]}" "$@" >"$logs/$i.log" 2>&1 &
	pids+=($!)
done
failed=0
empty=0
collect() {
	echo "--- run.sh: $1 (exit $2)"
	cat "$3"
	case $2 in
	0) ;;
	5) empty=$((empty + 1)) ;;
	*) failed=$((failed + 1)) ;;
	esac
}
for ((i = 0; i < jobs; i++)); do
	set +e
	wait "${pids[$i]}"
	status=$?
	set -e
	collect "shard $((i + 1)) of $jobs" "$status" "$logs/$i.log"
done
set +e
CCSCAP_IT_SHARD=exclusive "$py" -m pytest -q -p no:cacheprovider \
    -rfEsxX "${targets[@]}" "$@" >"$logs/x.log" 2>&1
status=$?
set -e
collect "the tests that run alone" "$status" "$logs/x.log"
if [ "$failed" -gt 0 ]; then
	echo "run.sh: $failed of $((jobs + 1)) runs failed" >&2
	exit 1
fi
if [ "$empty" -eq "$((jobs + 1))" ]; then
	echo "run.sh: pytest collected no tests; treating that as a failure" >&2
	exit 1
fi
exit 0
