"""The keyring of public reports from the command line, on both
backends: `ccscap report-keys rotate` adds a key and re-seals every
sealed value (bodies, contacts, additions, file names, evidence files)
so that the new key opens them all; the server then reads and writes
with it; a lost keyring is not silently replaced while reports exist."""
import os

from reporting_helpers import follow, post, receipt, report


def restart(server):
    """Starts @server again after stop(); the fixture then stops it (and
    checks its exit status) at teardown as any other."""
    server.exit_code = None
    server.start()


def key_ids(server):
    rows = server.db.sql("SELECT key_id FROM public_reports UNION "
                         "SELECT key_id FROM public_report_additions UNION "
                         "SELECT key_id FROM public_report_files")
    return sorted({int(r[0]) for r in rows})


def test_rotate_reseals_everything(server):
    png = b"\x89PNG\r\n\x1a\n" + b"\2" * 50
    r = post(server, report(contact_email="ann@example.org"),
             files=[("evidence", ("s.png", png, "image/png"))])
    assert r.status_code == 201
    ref, secret = receipt(r)
    assert follow(server, ref, secret, action="add",
                  text="later").status_code == 200
    before = server.db.sql("SELECT body_enc, contact_enc FROM "
                           "public_reports")
    assert key_ids(server) == [1]
    assert server.stop() == 0
    keyring = str(server.db.key_file) + ".reports"
    for want in (2, 3):
        out = server.cli("report-keys", "rotate")
        assert out.returncode == 0, out.stderr
        assert f"report key {want} now seals" in out.stdout
        # every value was opened with the old key to be re-sealed, so a
        # second rotation proves the first one's output opens
        assert key_ids(server) == [want]
    with open(keyring) as f:
        assert [line.split()[0] for line in f] == ["1", "2", "3"]
    after = server.db.sql("SELECT body_enc, contact_enc FROM public_reports")
    assert after[0][0] != before[0][0] and after[0][1] != before[0][1]
    actions = [e for e in server.db.sql("SELECT action FROM audit_events")
               if e[0] == "public_report.keys_rotate"]
    assert len(actions) == 2
    restart(server)
    assert follow(server, ref, secret, action="add",
                  text="after rotation").status_code == 200
    assert key_ids(server) == [3]
    bad = server.cli("report-keys", "spin")
    assert bad.returncode == 2


def test_lost_keyring_is_not_replaced(server):
    assert post(server, report()).status_code == 201
    assert server.stop() == 0
    keyring = str(server.db.key_file) + ".reports"
    os.rename(keyring, keyring + ".away")
    out = server.cli("report-keys", "rotate")
    assert out.returncode != 0
    assert "is missing but the database holds 1 sealed report" in out.stderr
    assert not os.path.exists(keyring)
    os.rename(keyring + ".away", keyring)
    restart(server)
    assert post(server, report(what="again")).status_code == 201
