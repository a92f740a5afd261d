#!/bin/bash
# lists_words.sh BIN DB LABEL: times (best of 5, curl) search and
# /api/v1/indicators?q= for a rare JM domain and "example" on a database
# filled by bench/lists_fill.py (issue 15 item 2, migration 0036).
set -u
bin=$1 db=$2 label=$3 port=18415
d=$(dirname $db)
t0=$(date +%s.%N)
for u in ncpoc.jm analyst; do "$bin" token create --user $u --name bench --db "sqlite:$db" > $d/tok.$u 2>/dev/null; done
echo "# $label: first open and two tokens $(echo "$(date +%s.%N) - $t0" | bc -l | cut -c1-6) s, load $(cut -d' ' -f1 /proc/loadavg)"
printf 'threads = 2\ndb_pool = 4\nlog_level = warn\n' > $d/c.conf
"$bin" serve --config $d/c.conf --db "sqlite:$db" --listen 127.0.0.1:$port >/dev/null 2>$d/serve.err &
srv=$!
until curl -sf http://127.0.0.1:$port/healthz >/dev/null; do sleep 0.2; done
q=$(sqlite3 $db "SELECT v.value FROM sightings s JOIN ind_values v ON v.id = s.value_id JOIN markings m ON m.id = s.marking_id WHERE m.src_state = 'JM' AND v.type = 'domain' ORDER BY s.id DESC LIMIT 1")
for u in ncpoc.jm analyst; do
  tok=$(cat $d/tok.$u)
  for path in "/api/v1/search?q=$q" "/api/v1/indicators?q=$q" "/api/v1/search?q=example" "/api/v1/indicators?q=example" "/api/v1/indicators?q=example&sort=value"; do
    ts=""; for i in 1 2 3 4 5; do ts="$ts $(curl -s -o $d/body -w '%{time_total}' -H "Authorization: Bearer $tok" "http://127.0.0.1:$port$path")"; done
    best=$(echo $ts | tr ' ' '\n' | sort -g | head -1)
    tot=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("total", d.get("parts_total","?")), d.get("parts_total",""))' $d/body 2>/dev/null)
    printf '%-8s %-4s %-60s best %6.1f ms of 5 (total %s)  load %s\n' "$label" ${u%%.*} "${path/$q/RARE}" $(echo "$best*1000" | bc -l) "$tot" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
kill $srv
