#!/usr/bin/env bash
# Capacity benchmark (issue 9): `ccscap import iati` of 10,000 generated
#   activities (bench/iati_gen.py), wall time and peak memory from
#   /usr/bin/time -v, next to `xmllint --stream --noout` reading the same
#   file, on SQLite, and on PostgreSQL too when CCSCAP_TEST_PG names a
#   database (run under tests/pg-harness.sh). The import ends by
#   refreshing the kept duplicate candidates and coverage cells (one
#   rebuild from 200 activities), counted in its time and memory; the
#   number of candidates it kept is printed. Recorded, never a timed test.
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
	echo "# bench/capacity.sh $n, $(date -u +%FT%TZ), $(nproc) cores (shared, load $(cut -d' ' -f1-3 /proc/loadavg)), $(uname -sr)"
	echo "# file: $(stat -c %s "$tmp/acts.xml") bytes, $n activities"
	for run in 1 2; do
		echo "## xmllint --stream --noout (run $run)"
		/usr/bin/time -v xmllint --stream --noout "$tmp/acts.xml" 2>&1 |
		    grep -E 'Elapsed|Maximum resident'
	done
	echo "## ccscap import iati --dry-run (checks and writes, rolled back)"
	/usr/bin/time -v "$bin" --db "$db" import iati "$tmp/acts.xml" \
	    --dry-run 2>&1 | grep -E 'activities|Elapsed|Maximum resident|User time|System time'
	echo "## ccscap import iati (committed)"
	/usr/bin/time -v "$bin" --db "$db" import iati "$tmp/acts.xml" 2>&1 |
	    grep -E 'activities|Elapsed|Maximum resident|User time|System time'
	echo "kept: $(sqlite3 "$tmp/bench.db" "SELECT COUNT(*) FROM initiative_dup_candidates") duplicate candidates, $(sqlite3 "$tmp/bench.db" "SELECT COUNT(*) FROM initiative_coverage") coverage entries"
	if [ -n "${CCSCAP_TEST_PG:-}" ]; then
		export CCSCAP_KEY_FILE="$tmp/pg.key"
		"$bin" --db "$CCSCAP_TEST_PG" init > /dev/null
		echo "## PostgreSQL: ccscap import iati --dry-run"
		/usr/bin/time -v "$bin" --db "$CCSCAP_TEST_PG" import iati \
		    "$tmp/acts.xml" --dry-run 2>&1 |
		    grep -E 'activities|Elapsed|Maximum resident|User time|System time'
		echo "## PostgreSQL: ccscap import iati (committed)"
		/usr/bin/time -v "$bin" --db "$CCSCAP_TEST_PG" import iati \
		    "$tmp/acts.xml" 2>&1 |
		    grep -E 'activities|Elapsed|Maximum resident|User time|System time'
		echo "kept: $(psql -X -A -t "$CCSCAP_TEST_PG" -c "SELECT COUNT(*) FROM initiative_dup_candidates") duplicate candidates"
	fi
} | tee "$res"
echo "recorded in $res"
