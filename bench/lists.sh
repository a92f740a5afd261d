#!/usr/bin/env bash
# TLP-filtered lists (issue 15 item 2): incidents, indicators, search (a
#   domain, and a word a fifth of the records hold) and the state queue
#   for a JM state user (reads about 1%) and a RIFC analyst, first page
#   and a page ~100 pages deep, wrk -c1, next to the plain SQL.
# usage: bench/lists.sh [--pg] [sizes, default "100000 1000000 10000000"]
#        [seconds per wrk run, default 5]
# --pg (or CCSCAP_BENCH_PG=1): the same on PostgreSQL. The SQLite file
#   filled as below is backed up and restored with `ccscap restore` into
#   a fresh database of the throwaway cluster of tests/pg-harness.sh (the
#   script re-runs itself under it unless CCSCAP_TEST_PG_ADMIN names a
#   server); restore builds the derived tables (reader sets, their
#   counts, ind_reads) as after any restore, then VACUUM (ANALYZE) runs,
#   as an operator does after a bulk load (statistics for the planner,
#   and the visibility map index-only scans need; autovacuum would do
#   the same a minute later, in the middle of the measurements). Plain
#   SQL by psql's \timing.
# CCSCAP_BENCH_KEEP=1 keeps the databases; CCSCAP_BENCH_REUSE=1 measures
#   kept ones again (another build, which migrates them on its first
#   open), on either backend.
# A size is the number of sightings; the incidents are a tenth of it
# (bench/lists_fill.py). Needs wrk, sqlite3, curl, bc, python3 (and psql
# and PostgreSQL 15's server binaries with --pg); about 6 GB of
# disk in $CCSCAP_BENCH_DIR (default /tmp/ccscap-bench-lists) at 10M.
# Every figure carries the one-minute load average it was taken at.
set -euo pipefail
cd "$(dirname "$0")/.."
pg=${CCSCAP_BENCH_PG:-}
if [ "${1:-}" = --pg ]; then
	pg=1
	shift
fi
if [ -n "$pg" ] && [ -z "${CCSCAP_TEST_PG_ADMIN:-}" ]; then
	exec tests/pg-harness.sh env CCSCAP_BENCH_PG=1 "$PWD/bench/lists.sh" \
	    "$@"
fi
sizes=${1:-100000 1000000 10000000}
secs=${2:-5}
bin=${CCSCAP_BIN:-build/src/cli/ccscap}
bin=$(realpath "$bin")
# a request slower than this (seconds) is timed three times with curl,
# not under wrk; one slower than req_max is given up
probe_max=${CCSCAP_BENCH_PROBE_MAX:-1}
req_max=${CCSCAP_BENCH_REQ_MAX:-300}
# the deep page: after walk_pages pages, or the pages walked in walk_secs
walk_pages=${CCSCAP_BENCH_WALK:-100}
walk_secs=${CCSCAP_BENCH_WALK_SECS:-120}
work=${CCSCAP_BENCH_DIR:-/tmp/ccscap-bench-lists}
out=bench/results
mkdir -p "$out" "$work"
for tool in wrk sqlite3 curl python3 bc ${pg:+psql}; do
	command -v $tool >/dev/null || { echo "bench: install $tool"; exit 1; }
done
res="$out/lists-${pg:+pg-}$(date -u +%Y%m%dT%H%M%SZ).txt"
# its own port with --pg, so a SQLite run can go on beside it
port=${CCSCAP_BENCH_PORT:-${pg:+18186}}
port=${port:-18185}
base="http://127.0.0.1:$port"

srv=
pgdb=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null || true
	[ -z "$pgdb" ] || [ -n "${CCSCAP_BENCH_KEEP:-}" ] ||
	    psql -X -q -d "$CCSCAP_TEST_PG_ADMIN" -c "DROP DATABASE IF EXISTS \
	    $pgname WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
say() { printf '%s\n' "$*" | tee -a "$res"; }

# json FIELD < body: one top-level field of a JSON body
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=d.get(sys.argv[1]); print("" if v is None else v)' "$1"; }

# dbq QUERY: one query on the database measured, unaligned rows
dbq() {
	if [ -n "$pg" ]; then
		psql -X -q -At -v ON_ERROR_STOP=1 -d "$pgdb" -c "$1"
	else
		sqlite3 "$db" "$1"
	fi
}

# the reader keys of a user (core/tlp_keys.c, ccs_tlp_principal_keys) as
# an SQL list, for the plain SQL
keys_of() {
	dbq "SELECT '''*'',''m''' || ',''u:' || id || '''' ||
	    CASE WHEN role = 'rifc_analyst' THEN ',''r''' ELSE '' END ||
	    CASE WHEN organisation_id IS NOT NULL THEN ',''o:' ||
	    organisation_id || '''' ELSE '' END ||
	    CASE WHEN state_code IS NOT NULL THEN ',''s:' || state_code ||
	    '''' ELSE '' END FROM users WHERE login = '$1'"
}

# readable KEYS: the clause "this marking m may be read" in plain SQL,
# on the reader sets when the schema has them, on 0029's rows otherwise
readable() {
	if [ -n "$pg" ] || [ "$(dbq "SELECT COUNT(*) FROM sqlite_master WHERE name = 'reader_set_keys'")" = 1 ]; then
		echo "m.reader_set IN (SELECT set_id FROM reader_set_keys WHERE reader IN ($1))"
	else
		echo "m.id IN (SELECT marking_id FROM marking_readers WHERE reader IN ($1))"
	fi
}

# sql NAME QUERY: best of three with the sqlite3 shell's .timer or
# psql's \timing (the statements of one run added up), in ms
sql() {
	local name=$1 q=$2 best how
	if [ -n "$pg" ]; then
		how='psql \timing'
		best=$(for _ in 1 2 3; do
			printf '\\timing on\n\\o /dev/null\n%s;\n' "$q" |
			    psql -X -q -d "$pgdb" 2>&1 |
			    awk '/^Time:/ {s += $2} END {print s + 0}'
		done | sort -g | head -1)
	else
		how='sqlite3 .timer'
		best=$(for _ in 1 2 3; do
			printf '.timer on\n.output /dev/null\n%s;\n' "$q" |
			    sqlite3 "$db" 2>&1 |
			    awk '/Run Time/ {s += $4} END {print s * 1000}'
		done | sort -g | head -1)
	fi
	say "$(printf '%-8s %-6s %-34s %6.0f ms  (plain SQL, %s)  load %s' \
	    "$size" "$who" "$name" "$best" "$how" "$(load)")"
}

# api NAME PATH: wrk -t1 -c1 (latency = time per request) unless one
# request takes longer than probe_max seconds
api() {
	local name=$1 path=$2 t w mean p50 p99 n i ts
	t=$(curl -s -o "$work/body" -w '%{http_code} %{time_total}' \
	    --max-time "$req_max" -H "Authorization: Bearer $tok" \
	    "$base$path" || true)
	if [ "${t%% *}" = 000 ]; then
		say "$(printf '%-8s %-6s %-34s no answer within %s s  load %s' \
		    "$size" "$who" "$name" "$req_max" "$(load)")"
		return
	fi
	if [ "${t%% *}" != 200 ]; then
		say "$(printf '%-8s %-6s %-34s FAILED: %s %s' "$size" "$who" \
		    "$name" "$t" "$(head -c 200 "$work/body")")"
		return
	fi
	if [ "$(echo "${t#* } > $probe_max" | bc -l)" = 1 ]; then
		ts=${t#* }
		# repeated only when it takes under ten times probe_max
		[ "$(echo "$ts > 10 * $probe_max" | bc -l)" = 1 ] ||
		for i in 2 3; do
			t=$(curl -s -o /dev/null -w '%{time_total}' --max-time \
			    "$req_max" -H "Authorization: Bearer $tok" \
			    "$base$path" || true)
			ts="$ts / $t"
		done
		say "$(printf '%-8s %-6s %-34s %s s  (curl)  load %s' \
		    "$size" "$who" "$name" "$ts" "$(load)")"
		return
	fi
	w=$(wrk -t1 -c1 -d"${secs}s" --latency --timeout 60s \
	    -H "Authorization: Bearer $tok" "$base$path" 2>&1)
	mean=$(printf '%s\n' "$w" | awk '$1 == "Latency" {print $2; exit}')
	p50=$(printf '%s\n' "$w" | awk '$1 == "50%" {print $2}')
	p99=$(printf '%s\n' "$w" | awk '$1 == "99%" {print $2}')
	n=$(printf '%s\n' "$w" | awk '/requests in/ {print $1}')
	say "$(printf '%-8s %-6s %-34s mean %8s p50 %8s p99 %8s (%s req)  load %s' \
	    "$size" "$who" "$name" "$mean" "$p50" "$p99" "$n" "$(load)")"
}

# walk PATH: follows next_cursor up to walk_pages pages; prints the
# cursor of the last page reached and how many pages were walked
walk() {
	local path=$1 cur= next i=0 sep='?' end=$((SECONDS + walk_secs))
	case $path in *\?*) sep='&' ;; esac
	while [ $i -lt "$walk_pages" ] && [ $SECONDS -lt $end ]; do
		# (a page slower than walk_secs ends the walk after it)
		next=$(curl -s --max-time "$req_max" -H "Authorization: Bearer $tok" \
		    "$base$path${cur:+${sep}cursor=$cur}" | json next_cursor)
		[ -z "$next" ] && break
		cur=$next
		i=$((i + 1))
	done
	echo "$i $cur"
}

# fill: a fresh database of $size sightings (and, with --pg, into
# PostgreSQL as an operator moves a database: backup, whose first open
# builds SQLite's derived tables; restore, which builds them on
# PostgreSQL; VACUUM (ANALYZE))
fill() {
	rm -rf "$dir"
	mkdir -p "$dir"
	"$bin" init --demo --db "sqlite:$db" --demo-credentials "$dir/creds" \
	    >/dev/null 2>&1
	t0=$(date +%s.%N)
	say "# $size: $(python3 bench/lists_fill.py "$db" "$size")"
	say "# $size: fill $(echo "$(date +%s.%N) - $t0" | bc -l | cut -c1-6) s, file $(du -m "$db" | cut -f1) MB, load $(load)"
	if [ -n "$pg" ]; then
		PGOPTIONS="-c client_min_messages=warning" psql -X -q \
		    -d "$CCSCAP_TEST_PG_ADMIN" -c "DROP DATABASE IF \
		    EXISTS $pgname WITH (FORCE)" -c "CREATE DATABASE $pgname" \
		    >/dev/null
		t0=$(date +%s.%N)
		"$bin" backup --db "sqlite:$db" "$dir/lists.json" >/dev/null
		say "# $size: backup of the SQLite file (after its first open) $(echo "$(date +%s.%N) - $t0" | bc -l | cut -c1-6) s, $(du -m "$dir/lists.json" | cut -f1) MB, load $(load)"
		t0=$(date +%s.%N)
		CCSCAP_LOG_LEVEL=warn "$bin" restore --db "$pgdb" \
		    "$dir/lists.json" >/dev/null
		say "# $size: restore into PostgreSQL (reader sets, counts and ind_reads built) $(echo "$(date +%s.%N) - $t0" | bc -l | cut -c1-6) s, load $(load)"
		t0=$(date +%s.%N)
		dbq "VACUUM (ANALYZE)" >/dev/null
		say "# $size: VACUUM (ANALYZE) $(echo "$(date +%s.%N) - $t0" | bc -l | cut -c1-6) s, database $(dbq "SELECT pg_size_pretty(pg_database_size(current_database()))"), load $(load)"
		rm -f "$dir/lists.json"
	fi
}

say "# bench/lists.sh $(date -u +%FT%TZ), sizes: $sizes, wrk ${secs}s"
say "# $(uname -srm), $(nproc) cores, $(sqlite3 --version | cut -d' ' -f1)"
[ -z "$pg" ] || say "# $(psql -X -At -d "$CCSCAP_TEST_PG_ADMIN" -c "SELECT version()" | cut -d, -f1), shared_buffers $(psql -X -At -d "$CCSCAP_TEST_PG_ADMIN" -c "SHOW shared_buffers"), work_mem $(psql -X -At -d "$CCSCAP_TEST_PG_ADMIN" -c "SHOW work_mem")"
say "# binary: $bin"

for size in $sizes; do
	dir="$work/$size"
	db="$dir/lists.db"
	uri="sqlite:$db"
	metas="SELECT group_concat(k) FROM meta"
	qset="SELECT COUNT(*) FROM pragma_table_info('state_queue') WHERE
	    name = 'reader_set'"
	if [ -n "$pg" ]; then
		export CCSCAP_KEY_FILE="$db.key"
		pgname="ccs_bench_lists_$size"
		pgdb="${CCSCAP_TEST_PG_ADMIN%/*}/$pgname"
		uri=$pgdb
		metas="SELECT string_agg(k, ',') FROM meta"
		qset="SELECT COUNT(*) FROM information_schema.columns WHERE
		    table_name = 'state_queue' AND column_name = 'reader_set'"
	fi
	# CCSCAP_BENCH_REUSE=1 measures again the database a run with
	# CCSCAP_BENCH_KEEP=1 left (another build, another setting)
	if [ -n "${CCSCAP_BENCH_REUSE:-}" ] && [ -f "$db.key" ] &&
	    [ "$(dbq "SELECT 1" 2>/dev/null)" = 1 ]; then
		say "# $size: the database of an earlier run, as it was left"
	else
		fill
	fi
	# the first open builds the derived tables the filler asked for
	t0=$(date +%s.%N)
	for u in ncpoc.jm analyst; do
		"$bin" token create --user $u --name bench --db "$uri" \
		    >"$dir/tok.$u" 2>/dev/null
	done
	say "# $size: first open (derived tables built) and two tokens $(echo "$(date +%s.%N) - $t0" | bc -l | cut -c1-6) s, meta left: '$(dbq "$metas")', load $(load)"
	cat > "$dir/ccscap.conf" <<CONF
threads = 2
db_pool = 4
log_level = warn
CONF
	"$bin" serve --config "$dir/ccscap.conf" --db "$uri" \
	    --listen "127.0.0.1:$port" >"$dir/serve.out" 2>"$dir/serve.err" &
	srv=$!
	until curl -sf "$base/healthz" >/dev/null; do
		kill -0 "$srv" 2>/dev/null || { cat "$dir/serve.err"; exit 1; }
		sleep 0.2
	done
	ninc=$(dbq "SELECT COUNT(*) FROM incidents")
	nval=$(dbq "SELECT COUNT(*) FROM ind_values")
	# a value the JM user may read, to search for
	q=$(dbq "SELECT v.value FROM sightings s JOIN ind_values v
	    ON v.id = s.value_id JOIN markings m ON m.id = s.marking_id
	    WHERE m.src_state = 'JM' AND v.type = 'domain' ORDER BY s.id
	    DESC LIMIT 1")
	for u in ncpoc.jm analyst; do
		case $u in ncpoc.jm) who=jm ;; *) who=rifc ;; esac
		tok=$(cat "$dir/tok.$u")
		k=$(keys_of $u)
		rd=$(readable "$k")
		# the measured share this reader may read (the API's totals)
		ti=$(curl -s -H "Authorization: Bearer $tok" \
		    "$base/api/v1/incidents?limit=1" | json total || true)
		tv=$(curl -s -H "Authorization: Bearer $tok" \
		    "$base/api/v1/indicators?limit=1" | json total || true)
		if ! kill -0 "$srv" 2>/dev/null || [ -z "$ti" ] ||
		    [ -z "$tv" ]; then
			say "# $size $who: no total from the server; it ended: $(tail -c 300 "$dir/serve.err" | tr '\n' ' ') (dmesg: $(dmesg 2>/dev/null | grep -i 'killed process' | tail -1))"
			break
		fi
		say "# $size $who: reads $ti of $ninc incidents ($(echo "scale=2; 100 * $ti / $ninc" | bc)%), $tv of $nval indicator values ($(echo "scale=2; 100 * $tv / $nval" | bc)%)"

		api "incidents, first page" "/api/v1/incidents?limit=50"
		sql "incidents, first page" "SELECT i.id, i.title,
		    i.state_code, i.reported_at, m.tlp FROM incidents i JOIN
		    markings m ON m.id = i.marking_id WHERE $rd ORDER BY
		    i.reported_at DESC, i.id DESC LIMIT 50"
		sql "incidents, total" "SELECT COUNT(*) FROM incidents i JOIN
		    markings m ON m.id = i.marking_id WHERE $rd"
		read -r pages cur <<<"$(walk "/api/v1/incidents?limit=50")"
		if [ -n "$cur" ]; then
			api "incidents, page $((pages + 1))" \
			    "/api/v1/incidents?limit=50&cursor=$cur"
			first=$(curl -s -H "Authorization: Bearer $tok" \
			    "$base/api/v1/incidents?limit=50&cursor=$cur" |
			    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
			sql "incidents, page $((pages + 1))" "SELECT i.id,
			    i.title, i.state_code, i.reported_at, m.tlp FROM
			    incidents i JOIN markings m ON m.id = i.marking_id
			    WHERE $rd AND (i.reported_at, i.id) <= (SELECT
			    reported_at, id FROM incidents WHERE id = $first)
			    ORDER BY i.reported_at DESC, i.id DESC LIMIT 50"
		fi

		api "indicators, first page" "/api/v1/indicators?limit=50"
		sql "indicators, first page" "SELECT v.id, v.type, v.value,
		    v.last_seen FROM ind_values v WHERE EXISTS (SELECT 1 FROM
		    sightings s JOIN markings m ON m.id = s.marking_id WHERE
		    s.value_id = v.id AND $rd) ORDER BY v.last_seen DESC, v.id
		    DESC LIMIT 50"
		read -r pages cur <<<"$(walk "/api/v1/indicators?limit=50")"
		if [ -n "$cur" ]; then
			api "indicators, page $((pages + 1))" \
			    "/api/v1/indicators?limit=50&cursor=$cur"
			first=$(curl -s -H "Authorization: Bearer $tok" \
			    "$base/api/v1/indicators?limit=50&cursor=$cur" |
			    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
			sql "indicators, page $((pages + 1))" "SELECT v.id,
			    v.type, v.value, v.last_seen FROM ind_values v
			    WHERE EXISTS (SELECT 1 FROM sightings s JOIN
			    markings m ON m.id = s.marking_id WHERE s.value_id =
			    v.id AND $rd) AND (v.last_seen, v.id) <= (SELECT
			    last_seen, id FROM ind_values WHERE id = $first)
			    ORDER BY v.last_seen DESC, v.id DESC LIMIT 50"
		fi

		api "search q=$q" "/api/v1/search?q=$q"
		# the documents' words: FTS5 phrase, or tsquery as search.c
		if [ -n "$pg" ]; then
			tq=$(printf '%s' "$q" | tr -cs '[:alnum:]' ' ' |
			    sed 's/ *$//; s/ / \& /g; s/$/:*/')
			docs="SELECT d.id, d.title FROM search_docs d JOIN
			    markings m ON m.id = d.marking_id WHERE d.tsv @@
			    to_tsquery('simple', '$tq') AND $rd ORDER BY
			    ts_rank(d.tsv, to_tsquery('simple', '$tq')) DESC,
			    d.id DESC LIMIT 50"
		else
			docs="SELECT d.id, d.title FROM search_fts JOIN
			    search_docs d ON d.id = search_fts.rowid JOIN
			    markings m ON m.id = d.marking_id WHERE search_fts
			    MATCH '\"$q\"' AND $rd ORDER BY bm25(search_fts),
			    d.id DESC LIMIT 50"
		fi
		sql "search (FTS + value)" "$docs; SELECT s.id FROM ind_values v JOIN sightings
		    s ON s.value_id = v.id JOIN markings m ON m.id =
		    s.marking_id WHERE v.type = 'domain' AND v.value = '$q'
		    AND $rd"

		# a word a fifth of the records hold (the fill's RSIT types):
		# every match the reader may read is ranked
		api "search q=phishing (a fifth of records)" \
		    "/api/v1/search?q=phishing"

		api "queue of JM" "/api/v1/queue?state=JM"
		# since 0038 the queue row carries its marking's reader set
		if [ "$(dbq "$qset")" = 1 ]; then
			qrd=${rd/m.reader_set/q.reader_set}
		else
			qrd="q.marking_id IN (SELECT m.id FROM markings m
			    WHERE $rd)"
		fi
		sql "queue of JM, first 50" "SELECT q.id, q.created_at,
		    v.value FROM state_queue q LEFT JOIN sightings s ON
		    s.id = q.sighting_id LEFT JOIN ind_values v ON v.id =
		    s.value_id WHERE q.state_code = 'JM' AND q.done_at IS NULL
		    AND $qrd ORDER BY q.created_at DESC, q.id DESC LIMIT 50"
	done
	kill "$srv" 2>/dev/null || true
	wait "$srv" 2>/dev/null || true
	srv=
	[ -n "${CCSCAP_BENCH_KEEP:-}" ] || rm -rf "$dir"
	[ -z "$pg" ] || [ -n "${CCSCAP_BENCH_KEEP:-}" ] ||
	    psql -X -q -d "$CCSCAP_TEST_PG_ADMIN" -c "DROP DATABASE \
	    $pgname WITH (FORCE)" >/dev/null
	pgdb=
done
say "# results: $res"
