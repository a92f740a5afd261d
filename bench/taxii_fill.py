#!/usr/bin/env python3
"""taxii_fill.py: grows a TAXII collection of a SQLite ccscap database to
N entries for bench/taxii.sh (python3 standard library only,
deterministic by seed).

    bench/taxii_fill.py DB.sqlite COLLECTION N [--seed S]

The collection must already hold entries (filed by `ccscap import stix`
of a bench/stix_gen.py bundle): their texts, types and markings are
copied round-robin, each copy with a fresh id of the same type, so the
page sizes, the object mix and the TLP mix stay those of the real
import. date_added continues from the collection's last_added, one
microsecond apart (unique and increasing, as the server hands them out),
and last_added is moved to the end. One transaction, executemany: a
million rows in well under a minute, not a million HTTP POSTs.
"""

import random
import sqlite3
import sys
import uuid


def main():
    args = sys.argv[1:]
    seed = 14
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    path, coll, want = args[0], args[1], int(args[2])
    r = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    src = con.execute(
        "SELECT stix_id, type, version, version_text, spec_version, "
        "marking_id, body FROM taxii_entries WHERE collection_id = ? "
        "ORDER BY date_added", (coll,)).fetchall()
    have = len(src)
    if have == 0:
        sys.exit("taxii_fill: the collection holds no entries to copy")
    (last,) = con.execute("SELECT last_added FROM taxii_collections "
                          "WHERE id = ?", (coll,)).fetchone()

    def rows():
        nonlocal last
        for i in range(want - have):
            sid, typ, ver, vtext, spec, mid, body = src[i % have]
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
