#!/usr/bin/env bash
# Search at scale (issue 15 item 1): GET /api/v1/search for a rare and a
#   common word, first page and a page deep in the result, for a JM
#   NCPOC (reads about 1%) and a RIFC analyst, over bench/lists_fill.py's
#   data (N sightings, N/10 incidents, each with its search document).
# usage: bench/search.sh [size, default 1000000] [binary...]
#   Each binary (default build/src/cli/ccscap) is timed on the same
#   database, so a before and an after sit side by side. The database is
#   kept in $CCSCAP_BENCH_DIR/<size> (default /tmp/ccscap-bench-search)
#   and filled only when missing. Needs sqlite3, curl, python3.
# Every figure is the best and the worst of three curl requests and the
# server's CPU time per request over them, with the one-minute load
# average it was taken at.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1000000}
shift || true
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=(build/src/cli/ccscap)
work=${CCSCAP_BENCH_DIR:-/tmp/ccscap-bench-search}
deep=${CCSCAP_BENCH_DEEP:-20}
out=bench/results
mkdir -p "$out" "$work/$size"
res="$out/search-$(date -u +%Y%m%dT%H%M%SZ).txt"
port=18187
base="http://127.0.0.1:$port"
dir="$work/$size"
db="$dir/lists.db"

srv=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null || true
}
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
say() { printf '%s\n' "$*" | tee -a "$res"; }
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=d.get(sys.argv[1]); print("" if v is None else v)' "$1"; }

if [ ! -f "$db" ]; then
	"${bins[0]}" init --demo --db "sqlite:$db" --demo-credentials \
	    "$dir/creds" >/dev/null 2>&1
	say "# $size: $(python3 bench/lists_fill.py "$db" "$size")"
fi
for u in ncpoc.jm analyst; do
	[ -s "$dir/tok.$u" ] || "${bins[0]}" token create --user $u --name \
	    bench --db "sqlite:$db" >"$dir/tok.$u" 2>/dev/null
done
# a rare word (the number of a CLEAR incident, in its title and text:
# both readers may read it) and a common one (in every title)
rare=$(sqlite3 "$db" "SELECT substr(d.title, instr(d.title, '#') + 1)
    FROM search_docs d JOIN markings m ON m.id = d.marking_id WHERE
    m.tlp = 'clear' AND d.title LIKE '%#%' ORDER BY d.id DESC LIMIT 1
    OFFSET 10")
common=reported
say "# bench/search.sh $(date -u +%FT%TZ), $size sightings, $(sqlite3 "$db" "SELECT COUNT(*) FROM search_docs") search documents, $(nproc) cores"

# CPU time (user + system, in clock ticks) the server has used
ticks() { awk '{print $14 + $15}' "/proc/$srv/stat"; }

# t NAME PATH: best / worst of three, the server's CPU time per request
# (what the load of other processes changes least), and the total
t() {
	local name=$1 path=$2 a b c n c0 c1
	n=$(curl -s --max-time 300 -H "Authorization: Bearer $tok" \
	    "$base$path" | field total)
	c0=$(ticks)
	a=$(curl -s -o /dev/null -w '%{time_total}' --max-time 300 \
	    -H "Authorization: Bearer $tok" "$base$path")
	b=$(curl -s -o /dev/null -w '%{time_total}' --max-time 300 \
	    -H "Authorization: Bearer $tok" "$base$path")
	c=$(curl -s -o /dev/null -w '%{time_total}' --max-time 300 \
	    -H "Authorization: Bearer $tok" "$base$path")
	c1=$(ticks)
	say "$(printf '%-13s %-4s %-28s total %6s %s  cpu %5.0f ms  load %s' \
	    "$tag" "$who" "$name" "$n" "$(printf '%s\n' "$a" "$b" "$c" |
	    sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%6.0f-%.0f ms", lo * 1000, hi * 1000}')" \
	    "$(echo "($c1 - $c0) * 1000 / $(getconf CLK_TCK) / 3" | bc -l)" \
	    "$(load)")"
}

for bin in "${bins[@]}"; do
	tag=$(basename "$bin")
	"$bin" serve --db "sqlite:$db" --listen "127.0.0.1:$port" \
	    >"$dir/serve.out" 2>"$dir/serve.err" &
	srv=$!
	until curl -sf "$base/healthz" >/dev/null; do
		kill -0 "$srv" 2>/dev/null || { cat "$dir/serve.err"; exit 1; }
		sleep 0.2
	done
	for u in ncpoc.jm analyst; do
		case $u in ncpoc.jm) who=jm ;; *) who=rifc ;; esac
		tok=$(cat "$dir/tok.$u")
		for w in "$rare" "$common"; do
			p="/api/v1/search?q=$w&kind=incident"
			t "q=$w kind=incident" "$p"
			t "q=$w" "/api/v1/search?q=$w"
			# a page deep in the result, by the cursor
			cur=
			for _ in $(seq 1 "$deep"); do
				nx=$(curl -s --max-time 300 -H \
				    "Authorization: Bearer $tok" \
				    "$base$p${cur:+&cursor=$cur}" |
				    field next_cursor)
				[ -n "$nx" ] || break
				cur=$nx
			done
			[ -z "$cur" ] || t "q=$w kind=incident p$((deep + 1))" \
			    "$p&cursor=$cur"
		done
	done
	kill "$srv"
	wait "$srv" 2>/dev/null || true
	srv=
done
say "# results: $res"
