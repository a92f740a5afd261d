#!/usr/bin/env python3
"""taxii_reader_fill.py: grows a TAXII collection of a SQLite ccscap
database to N entries of which one in EVERY is readable by a reader who
may read only the collection's first entry's marking (bench/
taxii_reader.sh; python3 standard library only, deterministic by seed).

    bench/taxii_reader_fill.py DB.sqlite COLLECTION N EVERY

The collection must hold exactly two entries, filed by `ccscap import
stix`: the first under the marking the reader may read, the second under
one they may not. Each new entry copies the text and type of one of them
with a fresh id of that type: entry i is the readable one when
i % EVERY == EVERY // 2, so the readable entries are spread evenly
through the collection. date_added continues from the collection's
last_added, one microsecond apart (unique and increasing, as the server
hands them out), and last_added is moved to the end. One transaction,
executemany.
"""

import random
import sqlite3
import sys
import uuid


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    path, coll = sys.argv[1], sys.argv[2]
    want, every = int(sys.argv[3]), int(sys.argv[4])
    r = random.Random(15)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    src = con.execute(
        "SELECT stix_id, type, version, version_text, spec_version, "
        "marking_id, body FROM taxii_entries WHERE collection_id = ? "
        "ORDER BY date_added", (coll,)).fetchall()
    if len(src) != 2 or src[0][5] == src[1][5]:
        sys.exit("taxii_reader_fill: the collection must hold two entries "
                 "of two markings")
    (last,) = con.execute("SELECT last_added FROM taxii_collections "
                          "WHERE id = ?", (coll,)).fetchone()

    def rows():
        nonlocal last
        for i in range(want - 2):
            one = src[0] if i % every == every // 2 else src[1]
            sid, typ, ver, vtext, spec, mid, body = one
            new = f"{typ}--{uuid.UUID(int=r.getrandbits(128), version=4)}"
            last += 1
            yield (coll, last, new, typ, ver, vtext, spec, mid,
                   body.replace(sid, new))

    with con:
        con.executemany(
            "INSERT INTO taxii_entries (collection_id, date_added, "
            "stix_id, type, version, version_text, spec_version, "
            "marking_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
        con.execute("UPDATE taxii_collections SET last_added = ? WHERE "
                    "id = ?", (last, coll))
    (n,) = con.execute("SELECT COUNT(*) FROM taxii_entries WHERE "
                       "collection_id = ?", (coll,)).fetchone()
    con.close()
    print(n)


if __name__ == "__main__":
    main()
