#!/usr/bin/env bash
# Duplicate candidates and coverage benchmark (issue 9): N initiatives
#   (default 20,000) x 21 states x 30 needs from bench/capacity_dup_data.py,
#   timed through the service code (ccs-bench-capacity: ccs_dup_candidates
#   first page and every candidate, ccs_coverage) next to the plain SQL of
#   the same pairs (bench/capacity_dup.sql) run by the sqlite3 CLI, and by
#   psql when CCSCAP_TEST_PG names a database (run under
#   tests/pg-harness.sh). The data is loaded by SQL, so `ccscap capacity
#   --rebuild` fills initiative_dup_candidates first (timed); the
#   service then reads that table. Asserts here, not in a test, that the
#   kept candidates with a need or standard in common are exactly the
#   pairs the SQL lists, and that those raised by similar text alone share
#   a place and dates and nothing else. Recorded, never a timed test.
# usage: bench/capacity_dup.sh [initiatives] [rounds]
#   CCSCAP_BIN (default build/src/cli/ccscap); the bench program is
#   bench/ccs-bench-capacity of the same build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
rounds=${2:-5}
bin=${CCSCAP_BIN:-build/src/cli/ccscap}
bench=${CCSCAP_BENCH_CAPACITY:-$(dirname "$bin")/../../bench/ccs-bench-capacity}
export CCSCAP_LOG_LEVEL=warn
out=bench/results
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stamp=$(date -u +%Y%m%dT%H%M%SZ)
res="$out/capacity-dup-$stamp.txt"

# The pairs of FILE (one "a b" a line) that fail the rest of the rule:
# no place or no overlap, or a need or standard in common. Prints a count.
check_text_sql() {
	echo "CREATE TEMP TABLE tp (a BIGINT, b BIGINT);"
	awk '{ printf "INSERT INTO tp VALUES (%s, %s);\n", $1, $2 }' "$1"
	cat <<'EOF'
SELECT COUNT(*) FROM tp
JOIN initiatives x ON x.id = tp.a JOIN initiatives y ON y.id = tp.b
WHERE NOT (
	(COALESCE(x.actual_start, x.planned_start) IS NULL
	    OR COALESCE(y.actual_end, y.planned_end) IS NULL
	    OR COALESCE(x.actual_start, x.planned_start)
		<= COALESCE(y.actual_end, y.planned_end))
	AND (COALESCE(y.actual_start, y.planned_start) IS NULL
	    OR COALESCE(x.actual_end, x.planned_end) IS NULL
	    OR COALESCE(y.actual_start, y.planned_start)
		<= COALESCE(x.actual_end, x.planned_end))
	AND (EXISTS (SELECT 1 FROM initiative_states s JOIN initiative_states t
		ON t.initiative_id = tp.b AND t.state_code = s.state_code
		WHERE s.initiative_id = tp.a)
	    OR (EXISTS (SELECT 1 FROM initiative_states s
		WHERE s.initiative_id = tp.a AND s.state_code IS NULL)
	      AND EXISTS (SELECT 1 FROM initiative_states s
		WHERE s.initiative_id = tp.b AND s.state_code IS NULL))))
   OR EXISTS (SELECT 1 FROM initiative_needs p JOIN initiative_needs q
	ON q.initiative_id = tp.b AND q.need_ref = p.need_ref
	WHERE p.initiative_id = tp.a)
   OR EXISTS (SELECT 1 FROM initiative_standards p
	JOIN initiative_standards q ON q.initiative_id = tp.b
	AND q.lineage_id = p.lineage_id WHERE p.initiative_id = tp.a);
EOF
}

# run NAME SQLCLI...: one backend, its database filled already.
run() {
	local name=$1 db=$2 t0 t1
	shift 2
	echo "## $name: ccscap capacity --rebuild (the data was loaded by SQL)"
	/usr/bin/time -f 'rebuild: %e s wall, %U s user + %S s system CPU, %M KB peak RSS' \
	    "$bin" --db "$db" capacity --rebuild 2>&1
	echo "## $name: service ($rounds rounds)"
	"$bench" "$db" "$rounds" "$tmp/$name"
	echo "## $name: plain SQL of the same pairs (bench/capacity_dup.sql)"
	t0=$(date +%s.%N)
	"$@" < bench/capacity_dup.sql > "$tmp/$name.sql"
	t1=$(date +%s.%N)
	printf 'plain SQL: %s pairs in %.0f ms (CLI, output included)\n' \
	    "$(wc -l < "$tmp/$name.sql")" "$(echo "($t1 - $t0) * 1000" | bc)"
	sort "$tmp/$name.topic" > "$tmp/$name.topic.s"
	sort "$tmp/$name.sql" > "$tmp/$name.sql.s"
	if ! cmp -s "$tmp/$name.topic.s" "$tmp/$name.sql.s"; then
		echo "FAIL: candidates with a need or standard differ from the SQL:"
		diff "$tmp/$name.topic.s" "$tmp/$name.sql.s" | head -20
		exit 1
	fi
	echo "same set: $(wc -l < "$tmp/$name.topic") candidates with a need or standard = the SQL's pairs"
	check_text_sql "$tmp/$name.text" > "$tmp/$name.check.sql"
	bad=$("$@" < "$tmp/$name.check.sql" | tail -1 | tr -d ' ')
	if [ "$bad" != "0" ]; then
		echo "FAIL: $bad text-only candidates break the rule"
		exit 1
	fi
	echo "text alone: $(wc -l < "$tmp/$name.text") candidates, each sharing a place and dates and no need or standard"
	echo "all: $(wc -l < "$tmp/$name.all") candidates"
}

{
echo "# bench/capacity_dup.sh $n $rounds, $(date -u +%FT%TZ), $(nproc) cores (shared, load $(cut -d' ' -f1-3 /proc/loadavg)), $(uname -sr)"
db="$tmp/dup.db"
"$bin" --db "sqlite:$db" init > /dev/null
first=$(sqlite3 "$db" "SELECT COALESCE(MAX(id), 0) + 1 FROM initiatives")
python3 bench/capacity_dup_data.py "$n" "$first" > "$tmp/data.sql"
sqlite3 -cmd "PRAGMA foreign_keys = ON" "$db" < "$tmp/data.sql"
sqlite3 "$db" "ANALYZE"
echo "# data: $(sqlite3 "$db" "SELECT COUNT(*) FROM initiatives") initiatives, $(sqlite3 "$db" "SELECT COUNT(*) FROM needs") needs, $(sqlite3 "$db" "SELECT COUNT(*) FROM states") states, $(sqlite3 "$db" "SELECT COUNT(*) FROM initiative_states") recipient rows, $(sqlite3 "$db" "SELECT COUNT(*) FROM initiative_transactions") transactions"
run sqlite "sqlite:$db" sqlite3 -separator ' ' "$db"
if [ -n "${CCSCAP_TEST_PG:-}" ]; then
	export CCSCAP_KEY_FILE="$tmp/pg.key"
	"$bin" --db "$CCSCAP_TEST_PG" init > /dev/null
	psql -X -q -v ON_ERROR_STOP=1 "$CCSCAP_TEST_PG" < "$tmp/data.sql"
	psql -X -q "$CCSCAP_TEST_PG" -c "VACUUM ANALYZE" > /dev/null
	run postgres "$CCSCAP_TEST_PG" psql -X -q -A -t -F ' ' \
	    -v ON_ERROR_STOP=1 "$CCSCAP_TEST_PG"
fi
} | tee "$res"
echo "recorded in $res"
