#!/usr/bin/env bash
# `make check`: builds with ASan+UBSan (gcc) and with clang, then runs every
# suite against a throwaway PostgreSQL cluster and SQLite:
#   banned-function and style checks, unit (cmocka), store (both backends), svc
#   (services without HTTP, with fault injection), integration (pytest over
#   HTTP, both backends), e2e (Playwright + Chromium), valgrind over the
#   unit, store and svc suites (gcc build) except the fault sweeps (suite
#   svc-faults, run under ASan/LSan), every C suite once more from the
#   clang build, and every libFuzzer target for FUZZ_SECONDS (default 10)
#   from the corpus in the tree: a crash fails the run.
# Prints one line per suite and a closing "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mkdir -p test-output

if [ -z "${CCSCAP_IN_HARNESS:-}" ]; then
	set -e
	[ -f build-san/build.ninja ] || meson setup build-san -Dtests=enabled \
	    --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
	ninja -C build-san
	[ -f build-clang/build.ninja ] || CC=clang meson setup build-clang \
	    -Dtests=enabled --buildtype=debugoptimized
	ninja -C build-clang
	# valgrind cannot read clang 14's debug information: a gcc build
	[ -f build-vg/build.ninja ] || meson setup build-vg -Dtests=enabled \
	    --buildtype=debugoptimized
	ninja -C build-vg
	# libFuzzer targets: clang, coverage-instrumented (tests/fuzz/run.sh)
	[ -f build-fuzz/build.ninja ] || CC=clang meson setup build-fuzz \
	    -Dfuzz=true -Dtests=disabled -Dpostgres=disabled -Db_lundef=false \
	    --buildtype=debugoptimized
	ninja -C build-fuzz
	set +e
	CCSCAP_IN_HARNESS=1 exec tests/pg-harness.sh "$0" "$@"
fi

export CCSCAP_REQUIRE_PG=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
passed=0
failed=0
failed_names=()

suite() {
	local name=$1
	shift
	echo
	echo "=== $name"
	if "$@"; then
		passed=$((passed + 1))
		echo "=== $name: ok"
	else
		failed=$((failed + 1))
		failed_names+=("$name")
		echo "=== $name: FAILED"
	fi
}

e2e() {
	if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
		npm ci --no-audit --no-fund --loglevel=error || return 1
	fi
	# several files at once, as many as cores (tests/e2e/run.mjs)
	CCSCAP_BIN="$root/build-san/src/cli/ccscap" node tests/e2e/run.mjs
}

valgrind_suites() {
	meson test -C build-vg --suite unit --suite store --suite svc \
	    --print-errorlogs \
	    --timeout-multiplier 10 \
	    --wrapper 'valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --quiet'
}

suite "banned functions" scripts/check-banned.sh
suite "style (width, comments, conditions, bound LIMIT)" \
	/usr/bin/python3 scripts/check-style.py
suite "unit + store + svc (ASan/UBSan; SQLite and PostgreSQL)" \
	meson test -C build-san --print-errorlogs
# As many pytest processes as cores (at most 4): the suite mostly waits.
it_jobs=$(nproc 2>/dev/null || echo 1)
[ "$it_jobs" -le 4 ] || it_jobs=4
suite "integration (HTTP; SQLite and PostgreSQL; $it_jobs processes)" \
	env CCSCAP_BIN="$root/build-san/src/cli/ccscap" \
	tests/integration/run.sh --jobs "$it_jobs"
suite "browser (Playwright + Chromium)" e2e
suite "valgrind (unit + store + svc)" valgrind_suites
suite "unit + store + svc (clang)" meson test -C build-clang \
	--print-errorlogs
suite "fuzz (libFuzzer, ${FUZZ_SECONDS:-10} s per target from tests/fuzz/corpus)" \
	env FUZZ_SECONDS="${FUZZ_SECONDS:-10}" FUZZ_BUILD=build-fuzz \
	tests/fuzz/run.sh

echo
if [ $failed -gt 0 ]; then
	echo "failed suites: ${failed_names[*]}"
fi
echo "check: $passed passed, $failed failed"
[ $failed -eq 0 ]
