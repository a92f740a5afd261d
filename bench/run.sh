#!/usr/bin/env bash
# `make bench [BENCH="name ..."]`: runs the named benchmarks (bench/NAME.sh,
# each with its own defaults; see bench/README.md) against the release build,
# one after another, each writing its result file to bench/results/. With no
# name it lists them: several need minutes and gigabytes of disk, so none is
# run by surprise.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCSCAP_BIN=${CCSCAP_BIN:-$PWD/build/src/cli/ccscap}

if [ $# -eq 0 ]; then
	echo "benchmarks (run with: make bench BENCH=\"name ...\"):"
	for f in bench/*.sh; do
		n=$(basename "$f" .sh)
		[ "$n" = run ] && continue
		# the first comment line that says what it measures
		d=$(sed -n '2,4{s/^# *//;/^$/d;p}' "$f" | head -1)
		printf '  %-14s %s\n' "$n" "$d"
	done
	exit 0
fi
for n in "$@"; do
	case $n in
	*[!a-z0-9_]*|run)
		echo "bench: no benchmark named '$n' (make bench lists them)" >&2
		exit 2 ;;
	esac
	[ -x "bench/$n.sh" ] || {
		echo "bench: no benchmark named '$n' (make bench lists them)" >&2
		exit 2
	}
	echo "== bench/$n.sh"
	"bench/$n.sh"
done
