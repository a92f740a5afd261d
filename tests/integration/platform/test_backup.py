"""Backup and restore: a backup restores into a fresh database of either
backend with the same directory, accounts, tokens and audit chain; a
non-empty database or a damaged file is refused and nothing changes."""

import pytest
import requests

from conftest import run_cli

VIEWS = ("/api/v1/contacts", "/api/v1/states", "/api/v1/organisations",
         "/api/v1/users")


def views(server, session):
    out = {}
    for path in VIEWS:
        r = server.get(path, session=session)
        assert r.status_code == 200, (path, r.text)
        out[path] = r.json()
    # the whole audit trail, page by page (cursors are the server's own)
    out["audit"], cursor = [], ""
    while cursor is not None:
        r = server.get("/api/v1/audit?limit=200" +
                       (f"&cursor={cursor}" if cursor else ""),
                       session=session)
        assert r.status_code == 200, r.text
        out["audit"] += r.json()["items"]
        cursor = r.json()["next_cursor"]
    return out


def busy_source(make_server):
    """A demo server with some history beyond the demo data."""
    src = make_server()
    coord = src.login("coordinator")
    r = src.request("POST", "/api/v1/contacts", session=coord, json={
        "name": "Backup Person \u00e9\u00e8 \u201cquoted\u201d",
        "role": "cert_duty", "state": "JM", "title": "Line\nbreak",
        "email": "backup@jm.example.org"})
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    r = src.request("PATCH", f"/api/v1/contacts/{cid}", session=coord,
                    json={"availability": "Weekdays", "version": 1})
    assert r.status_code == 200, r.text
    r = src.request("POST", "/api/v1/organisations", session=coord, json={
        "name": "Backup Test National Body", "kind": "national_body",
        "state": "BB"})
    assert r.status_code == 201, r.text
    victim = src.get("/api/v1/contacts?state=BB", session=coord).json()
    r = src.request("DELETE", f"/api/v1/contacts/{victim['items'][0]['id']}",
                    session=coord)
    assert r.status_code == 200
    return src


@pytest.mark.parametrize("target", ["sqlite", "postgres"])
def test_backup_restores_into_fresh_database(make_server, make_db, tmp_path,
                                             backend, target):
    src = busy_source(make_server)
    admin = src.login("admin")  # admin view includes /api/v1/users
    token = src.bearer("coordinator").token
    before = views(src, admin)
    n_events = src.audit_seq()

    path = tmp_path / "ccscap.backup.json"
    out = src.cli("backup", path)
    assert out.returncode == 0, out.stderr
    assert path.is_file() and path.stat().st_size > 1000
    assert not (tmp_path / "ccscap.backup.json.partial").exists()

    # The sealed TOTP secrets need the same key file.
    dst_db = make_db(target, "restored", key_file=src.db.key_file)
    out = run_cli(dst_db, "restore", path)
    assert out.returncode == 0, out.stderr
    assert "audit chain OK" in out.stdout
    out = run_cli(dst_db, "verify-audit")
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"{n_events} events" in out.stdout

    dst = make_server(db=dst_db, creds=src.creds)
    assert dst.store == target
    # The API token made before the backup works on the copy.
    b = requests.Session()
    b.headers["Authorization"] = f"Bearer {token}"
    assert dst.get("/api/v1/me", session=b).json()["login"] == "coordinator"
    # So do passwords and the administrator's one-time codes.
    admin2 = dst.login("admin")
    after = views(dst, admin2)
    for path_ in VIEWS:
        if path_.startswith("/api/v1/audit"):
            # Signing in on the copy added one event at the top.
            assert after[path_]["items"][1:] == \
                before[path_]["items"][:-1]
            continue
        assert after[path_] == before[path_], path_

    # New records get fresh ids on the copy (sequences moved past the
    # restored ids).
    max_id = max(c["id"] for c in before["/api/v1/contacts"]["items"])
    r = dst.request("POST", "/api/v1/contacts", session=admin2, json={
        "name": "After Restore", "role": "cert_duty", "state": "JM",
        "email": "after@jm.example.org"})
    assert r.status_code == 201, r.text
    assert r.json()["id"] > max_id
    r = dst.request("POST", "/api/v1/organisations", session=admin2, json={
        "name": "After Restore Body", "kind": "national_body",
        "state": "JM"})
    assert r.status_code == 201, r.text
    assert dst.cli("verify-audit").returncode == 0


def test_restore_into_non_empty_database_refused(make_server, tmp_path):
    src = make_server()
    path = tmp_path / "b.json"
    assert src.cli("backup", path).returncode == 0
    before = src.snapshot()
    admin_view = src.get("/api/v1/states",
                         session=src.bearer("coordinator")).json()
    out = src.cli("restore", path)
    assert out.returncode != 0
    assert "refusing to restore" in out.stderr
    assert "nothing was stored" in out.stderr
    assert src.snapshot() == before
    assert src.get("/api/v1/states", session=src.bearer(
        "coordinator")).json() == admin_view
    assert src.cli("verify-audit").returncode == 0


def test_damaged_backup_restores_nothing(make_server, make_db, tmp_path,
                                         backend):
    src = make_server()
    path = tmp_path / "b.json"
    assert src.cli("backup", path).returncode == 0
    data = path.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: len(data) * 2 // 3])
    dst_db = make_db(backend, "dst", key_file=src.db.key_file)
    out = run_cli(dst_db, "restore", cut)
    assert out.returncode != 0
    assert "nothing was stored" in out.stderr
    # Still empty: the good file restores afterwards.
    out = run_cli(dst_db, "restore", path)
    assert out.returncode == 0, out.stderr


def test_backup_cli_usage(make_server, tmp_path):
    src = make_server()
    out = src.cli("backup")
    assert out.returncode == 2 and "FILE" in out.stderr
    out = src.cli("restore", tmp_path / "missing.json")
    assert out.returncode != 0 and "missing.json" in out.stderr


@pytest.mark.parametrize("target", ["sqlite", "postgres"])
def test_backup_keeps_shared_records_searchable(make_server, make_db,
                                               tmp_path, backend, target):
    """The demo's incidents, indicators, markings and search index come
    back whole: the same reads through the TLP policy, full-text search
    rebuilt by the target's own index (FTS5 or tsvector)."""
    src = make_server()
    reads = ("/api/v1/incidents", "/api/v1/indicators",
             "/api/v1/clusters?days=30", "/api/v1/queue?state=JM",
             "/api/v1/search?q=ransom", "/api/v1/search?q=phishing")

    def snapshot(server):
        s = server.bearer("analyst")
        out = {}
        for p in reads:
            r = server.get(p, session=s)
            assert r.status_code == 200, (p, r.text)
            out[p] = r.json()
        return out

    before = snapshot(src)
    assert before["/api/v1/search?q=ransom"]["count"] >= 1
    assert before["/api/v1/clusters?days=30"]["count"] >= 1
    path = tmp_path / "sharing.backup.json"
    assert src.cli("backup", path).returncode == 0
    dst_db = make_db(target, "restored-sharing", key_file=src.db.key_file)
    out = run_cli(dst_db, "restore", path)
    assert out.returncode == 0, out.stderr
    dst = make_server(db=dst_db, creds=src.creds)
    assert snapshot(dst) == before
    # the reader sets are derived, left out of the backup, and rebuilt
    keys = ("SELECT m.id, s.keys, (SELECT c.n FROM reader_set_counts c "
            "WHERE c.set_id = s.id AND c.kind = 'incident') AS n FROM "
            "markings m JOIN reader_sets s ON s.id = m.reader_set "
            "ORDER BY 1")
    assert dst_db.sql(keys) == src.db.sql(keys)
    assert len(src.db.sql(keys)) > 0
    r = dst.request("POST", "/api/v1/incidents",
                    session=dst.bearer("ncpoc.jm"), json={
                        "title": "After restore", "description": "new",
                        "rsit": "other:other", "severity": "low",
                        "tlp": "green"})
    assert r.status_code == 201, r.text
    assert r.json()["id"] > max(i["id"] for i in
                                before["/api/v1/incidents"]["items"])
