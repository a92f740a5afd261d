#!/usr/bin/env bash
# Capacity benchmark (issue 9): `ccscap import iati` of 10,000 generated
#   activities (bench/iati_gen.py), wall time and peak memory from
#   /usr/bin/time -v, next to `xmllint --stream --noout` reading the same
#   file. Recorded, never a timed test.
# usage: bench/capacity.sh [activities, default 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
bin=${CCSCAP_BIN:-build/src/cli/ccscap}
out=bench/results
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
res="$out/capacity-$(date -u +%Y%m%dT%H%M%SZ).txt"
db="sqlite://$tmp/bench.db"

python3 bench/iati_gen.py "$n" > "$tmp/acts.xml"
"$bin" --db "$db" init > /dev/null
{
	echo "# bench/capacity.sh $n, $(date -u +%FT%TZ), $(nproc) cores (shared), $(uname -sr)"
	echo "# file: $(stat -c %s "$tmp/acts.xml") bytes, $n activities"
	for run in 1 2; do
		echo "## xmllint --stream --noout (run $run)"
		/usr/bin/time -v xmllint --stream --noout "$tmp/acts.xml" 2>&1 |
		    grep -E 'Elapsed|Maximum resident'
	done
	echo "## ccscap import iati --dry-run (checks and writes, rolled back)"
	/usr/bin/time -v "$bin" --db "$db" import iati "$tmp/acts.xml" \
	    --dry-run 2>&1 | grep -E 'activities|Elapsed|Maximum resident'
	echo "## ccscap import iati (committed)"
	/usr/bin/time -v "$bin" --db "$db" import iati "$tmp/acts.xml" 2>&1 |
	    grep -E 'activities|Elapsed|Maximum resident'
} | tee "$res"
echo "recorded in $res"
