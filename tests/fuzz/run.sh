#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz and runs each for
# FUZZ_SECONDS (default 20) on a copy of its seed corpus. New inputs go to
# build-fuzz/corpus/<target>, crashes to build-fuzz/crashes/<target>.
# Usage: tests/fuzz/run.sh [target...]   (conf, jsonv, text, csv, indicator,
# stix, pattern, misp, iati, named, form; default all)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-20}
build=${FUZZ_BUILD:-build-fuzz}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(conf jsonv text csv indicator stix pattern misp iati named form)

if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" -Dfuzz=true -Dtests=disabled \
	    -Dpostgres=disabled -Db_lundef=false --buildtype=debugoptimized
fi
ninja -C "$build"

fail=0
for t in "${targets[@]}"; do
	exe="$build/tests/fuzz/fuzz_$t"
	if [ ! -x "$exe" ]; then
		echo "fuzz: $exe was not built (is subdir('fuzz') in tests/meson.build?)" >&2
		exit 2
	fi
	mkdir -p "$build/corpus/$t" "$build/crashes/$t"
	dict=()
	[ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
	echo "== fuzz_$t for ${secs}s"
	if ! "$exe" -max_total_time="$secs" -print_final_stats=1 \
	    -artifact_prefix="$build/crashes/$t/" "${dict[@]}" \
	    "$build/corpus/$t" "tests/fuzz/corpus/$t" 2>"$build/fuzz_$t.log"; then
		echo "fuzz_$t FAILED; see $build/fuzz_$t.log and $build/crashes/$t/" >&2
		tail -40 "$build/fuzz_$t.log" >&2
		fail=1
	fi
	grep -E '^stat::number_of_executed_units|^Done ' "$build/fuzz_$t.log" || true
done
exit $fail
