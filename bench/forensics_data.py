#!/usr/bin/env python3
"""Writes one evidence item with N hand-overs into a ccscap SQLite
database made by `ccscap init`: two accounts pass the item back and
forth, every 1,000th hand-over measures a different SHA-256 (flagged),
and each entry's hash is computed as core/forensics/custody.c does
(SHA-256 over a version tag and length-prefixed fields, big-endian
64-bit lengths and numbers), so `ccscap verify-custody` finds the chain
intact. usage: forensics_data.py DB.sqlite N"""
import hashlib
import sqlite3
import struct
import sys


def put(h, v):
    if isinstance(v, int):
        h.update(struct.pack(">Q", v & 0xFFFFFFFFFFFFFFFF))
    else:
        b = v.encode()
        h.update(struct.pack(">Q", len(b)))
        h.update(b)


def digest(fields):
    h = hashlib.sha256()
    for f in fields:
        put(h, f)
    return h.hexdigest()


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    con = sqlite3.connect(path)
    now = 1767225600
    ids = []
    for login in ("bench.a", "bench.b"):
        cur = con.execute(
            "INSERT INTO users (login, display_name, pw_hash, role, "
            "state_code, created_at, updated_at) VALUES (?, ?, 'x', "
            "'ncpoc', 'JM', ?, ?)", (login, login, now, now))
        ids.append((cur.lastrowid, login))
    sha = hashlib.sha256(b"bench image").hexdigest()
    bad = hashlib.sha256(b"bench image, altered").hexdigest()
    item = con.execute(
        "INSERT INTO evidence_items (state_code, kind, description, copy, "
        "seal, sha256, acquired_at, holder_id, created_by, created_at) "
        "VALUES ('JM', 'disk_image_e01', 'bench', 'original', 'S-1', ?, ?, "
        "?, 'bench', ?)", (sha, now, ids[n % 2][0], now)).lastrowid
    prev = digest(["ccscap-custody-item-v1", item, "JM", "disk_image_e01",
                   "original", "S-1", sha, now])
    rows = []
    for seq in range(n + 1):
        giver = "" if seq == 0 else ids[(seq - 1) % 2][1]
        gid = None if seq == 0 else ids[(seq - 1) % 2][0]
        rid, receiver = ids[seq % 2]
        m = bad if seq % 1000 == 999 else sha
        at = now + seq
        reason = "acquisition" if seq == 0 else "examination"
        h = digest(["ccscap-custody-v1", prev, seq, giver, receiver, at,
                    "Kingston", reason, "S-1", m, "", "", ""])
        rows.append((item, seq, gid, giver, rid, receiver, at, "Kingston",
                     reason, "S-1", m, int(m == sha), prev, h, now))
        prev = h
    con.executemany(
        "INSERT INTO custody_events (item_id, seq, giver_id, giver, "
        "receiver_id, receiver, at, place, reason, seal, sha256, hash_ok, "
        "prev_hash, entry_hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.commit()
    print(item)


if __name__ == "__main__":
    main()
