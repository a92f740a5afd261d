"""Evidence items and their chain of custody over real HTTP, on both
backends.

What must hold: an item starts its log with its acquisition and its
acquirer holds it; only the holder hands it over (anyone else who may
read it gets 403 not_holder); a SHA-256 that is not 64 hex digits is a
400 naming the field; a hand-over whose SHA-256 differs from the
acquisition's is stored and flagged, never hidden; a transfer between
jurisdictions names both states and a courier; the log is read by the
owning state's NCPOC and CERT users, the RIFC, the holder and the lab's
staff, and anyone else gets the missing item's 404; every view and
change is audited; the log is append-only (the database refuses an
UPDATE or DELETE) and `ccscap verify-custody` names the first broken
entry when the rows are tampered with; the PDF for court carries the
entries and the mismatch.
"""
import subprocess

from conftest import assert_error
from forensics_helpers import SHA_A, SHA_B, handover, item_body, make_lab, post


def test_three_hands_one_mismatch(server, tmp_path):
    lab, staff = make_lab(server)
    jm = server.bearer("ncpoc.jm")
    r = post(server, jm, "/api/v1/evidence-items", item_body())
    assert r.status_code == 201, r.text
    item = r.json()
    iid = item["id"]
    assert item["holder"] == "ncpoc.jm" and item["you_hold"]
    assert item["verification"]["intact"]
    assert item["verification"]["entries"] == 1
    server.add_user("jcf.exhibits", "ncpoc", "JM")
    # jm -> jcf.exhibits (hash as acquired)
    r = post(server, jm, f"/api/v1/evidence-items/{iid}/handovers",
             handover("jcf.exhibits"))
    assert r.status_code == 201, r.text
    assert r.json()["seq"] == 1 and r.json()["hash_ok"] is True
    # the giver no longer holds it
    r = post(server, jm, f"/api/v1/evidence-items/{iid}/handovers",
             handover("analyst"))
    assert_error(r, 403, "not_holder")
    assert "jcf.exhibits" in r.json()["error"]["message"]
    # jcf.exhibits -> lab staff by courier, JM to BB, hash differs
    ex = server.bearer("jcf.exhibits")
    r = post(server, ex, f"/api/v1/evidence-items/{iid}/handovers",
             handover(staff, SHA_B.upper(), courier="LIAT cargo, bag 77",
                      from_state="JM", to_state="BB",
                      at="2026-11-22T08:00:00-04:00",
                      place="Bridgetown, airport"))
    assert r.status_code == 201, r.text
    assert r.json()["hash_ok"] is False and r.json()["sha256"] == SHA_B
    # the lab's staff reads it now (it holds it), and sees the flag
    lb = server.bearer(staff)
    r = server.get(f"/api/v1/evidence-items/{iid}/custody", session=lb)
    assert r.status_code == 200, r.text
    log = r.json()
    assert log["total"] == 3 and log["count"] == 3
    assert [e["receiver"] for e in log["items"]] == [
        "ncpoc.jm", "jcf.exhibits", staff]
    assert [e["hash_ok"] for e in log["items"]] == [True, True, False]
    assert log["items"][2]["courier"] == "LIAT cargo, bag 77"
    v = log["verification"]
    assert v["intact"] and v["mismatches"] == 1 and v["first_mismatch"] == 2
    r = server.get(f"/api/v1/evidence-items/{iid}", session=jm)
    assert r.json()["verification"]["mismatches"] == 1
    assert r.json()["holder"] == staff and not r.json()["you_hold"]
    # the list flags it too
    r = server.get("/api/v1/evidence-items", session=lb)
    assert [i["mismatches"] for i in r.json()["items"]
            if i["id"] == iid] == [1]
    # paging by seq with a cursor, nothing lost
    r = server.get(f"/api/v1/evidence-items/{iid}/custody?limit=2",
                   session=jm)
    first = r.json()
    assert first["count"] == 2 and first["next_cursor"] == "2"
    r = server.get(f"/api/v1/evidence-items/{iid}/custody?limit=2&cursor=2",
                   session=jm)
    assert [e["seq"] for e in r.json()["items"]] == [2]
    assert r.json()["next_cursor"] is None
    # the CLI agrees
    out = server.cli("verify-custody", str(iid))
    assert out.returncode == 0, out.stderr
    assert "custody chain OK" in out.stdout and "3 entries" in out.stdout
    assert "MISMATCH" in out.stdout and "entry 2" in out.stdout
    # the PDF for court
    r = server.get(f"/api/v1/evidence-items/{iid}/custody.pdf", session=jm)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/pdf"
    pdf = tmp_path / "custody.pdf"
    pdf.write_bytes(r.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Chain of custody" in text
    assert "Chain intact: 3 entries" in text
    assert "MISMATCH" in text
    assert "jcf.exhibits to " + staff in text
    assert "LIAT cargo, bag 77" in text
    assert SHA_A in text
    acts = [e["action"] for e in server.audit_events()]
    for a in ("evidence_item.create", "evidence_item.handover",
              "evidence_item.view", "custody.view", "custody.export"):
        assert a in acts, a


def test_access_is_404_for_others(server):
    jm = server.bearer("ncpoc.jm")
    r = post(server, jm, "/api/v1/evidence-items", item_body())
    iid = r.json()["id"]
    # readers: the owning state's NCPOC, the RIFC
    for who in ("ncpoc.jm", "analyst"):
        s = server.bearer(who)
        assert server.get(f"/api/v1/evidence-items/{iid}",
                          session=s).status_code == 200, who
    # others: exactly as a missing item
    missing = server.get("/api/v1/evidence-items/999999",
                         session=server.bearer("cert.bb"))
    assert_error(missing, 404, "not_found")
    for who in ("cert.bb", "coordinator", "partner", "steering"):
        s = server.bearer(who)
        for path in (f"/api/v1/evidence-items/{iid}",
                     f"/api/v1/evidence-items/{iid}/custody",
                     f"/api/v1/evidence-items/{iid}/custody.pdf"):
            r = server.get(path, session=s)
            assert_error(r, 404, "not_found")
            assert r.json()["error"]["message"] == \
                missing.json()["error"]["message"].replace(
                    "999999", str(iid)), who
        r = post(server, s, f"/api/v1/evidence-items/{iid}/handovers",
                 handover("cert.bb"))
        assert_error(r, 404, "not_found")
        r = server.get("/api/v1/evidence-items", session=s)
        assert iid not in [i["id"] for i in r.json()["items"]], who
    # the RIFC reads but does not hold: 403, not 404
    r = post(server, server.bearer("analyst"),
             f"/api/v1/evidence-items/{iid}/handovers", handover("cert.bb"))
    assert_error(r, 403, "not_holder")
    # a BB user may not record JM's evidence
    r = post(server, server.bearer("cert.bb"), "/api/v1/evidence-items",
             item_body())
    assert_error(r, 403, "forbidden")


def test_bad_input_nothing_stored(server):
    jm = server.bearer("ncpoc.jm")
    before = server.db.sql("SELECT COUNT(*) FROM evidence_items")[0][0]
    for sha in ("abc", SHA_A + "0", "z" * 64, 64):
        r = post(server, jm, "/api/v1/evidence-items", item_body(sha256=sha))
        assert_error(r, 400, "wrong_type" if sha == 64 else "invalid_sha256")
        assert "sha256" in r.json()["error"]["message"]
    r = post(server, jm, "/api/v1/evidence-items", item_body(copy="clone"))
    assert_error(r, 422, "invalid_copy")
    r = post(server, jm, "/api/v1/evidence-items",
             item_body(copy="working_copy"))
    assert_error(r, 422, "parent_required")
    r = post(server, jm, "/api/v1/evidence-items",
             item_body(acquired_at="yesterday"))
    assert_error(r, 422, "invalid_time")
    r = post(server, jm, "/api/v1/evidence-items", item_body(kind="floppy"))
    assert_error(r, 422, "invalid_kind")
    assert server.db.sql("SELECT COUNT(*) FROM evidence_items")[0][0] == \
        before
    iid = post(server, jm, "/api/v1/evidence-items", item_body()).json()["id"]
    events = server.db.sql("SELECT COUNT(*) FROM custody_events")[0][0]
    path = f"/api/v1/evidence-items/{iid}/handovers"
    r = post(server, jm, path, handover("analyst", sha="12" * 31))
    assert_error(r, 400, "invalid_sha256")
    r = post(server, jm, path, handover("nobody.here"))
    assert_error(r, 422, "unknown_receiver")
    r = post(server, jm, path, handover("ncpoc.jm"))
    assert_error(r, 422, "invalid_receiver")
    r = post(server, jm, path, handover("analyst", from_state="JM",
                                        to_state="BB"))
    assert_error(r, 422, "courier_required")
    r = post(server, jm, path, handover("analyst", from_state="JM"))
    assert_error(r, 422, "invalid_transfer")
    assert "to_state" in r.json()["error"]["message"]
    r = post(server, jm, path, handover("analyst",
                                        at="2026-11-19T00:00:00Z"))
    assert_error(r, 422, "invalid_time")
    assert server.db.sql("SELECT COUNT(*) FROM custody_events")[0][0] == \
        events
    # a working copy names its original
    r = post(server, jm, "/api/v1/evidence-items",
             item_body(copy="working_copy", parent_id=iid,
                       seal="JM-SEAL-0002"))
    assert r.status_code == 201, r.text
    assert r.json()["parent_id"] == iid


def test_append_only_and_tampering_detected(server):
    jm = server.bearer("ncpoc.jm")
    iid = post(server, jm, "/api/v1/evidence-items", item_body()).json()["id"]
    r = post(server, jm, f"/api/v1/evidence-items/{iid}/handovers",
             handover("analyst"))
    assert r.status_code == 201, r.text
    for sql in (f"UPDATE custody_events SET place = 'x' WHERE item_id = "
                f"{iid}",
                f"DELETE FROM custody_events WHERE item_id = {iid}"):
        try:
            server.db.sql(sql)
        except Exception as e:  # the trigger's refusal
            assert "append-only" in str(e)
        else:
            raise AssertionError(f"the database accepted: {sql}")
    out = server.cli("verify-custody", str(iid))
    assert out.returncode == 0 and "2 entries" in out.stdout, out.stdout
    # tampering by someone who drops the trigger is still caught
    if server.db.kind == "sqlite":
        server.db.sql("DROP TRIGGER custody_events_no_update")
    else:
        server.db.sql("DROP TRIGGER custody_events_no_change ON "
                      "custody_events")
    server.db.sql(f"UPDATE custody_events SET place = 'Montego Bay' WHERE "
                  f"item_id = {iid} AND seq = 1")
    out = server.cli("verify-custody", str(iid))
    assert out.returncode == 1, out.stdout
    assert "BROKEN" in out.stdout and "entry 1" in out.stdout
    assert "altered" in out.stdout
    r = server.get(f"/api/v1/evidence-items/{iid}",
                   session=server.bearer("analyst"))
    assert r.status_code == 200, r.text
    v = r.json()["verification"]
    assert v["intact"] is False and v["broken_seq"] == 1
    out = server.cli("verify-custody", "999999")
    assert out.returncode == 2 and "no evidence item" in out.stderr
    out = server.cli("verify-custody")
    assert out.returncode == 2


def test_the_lab_working_an_item_reads_it(server):
    lab, staff = make_lab(server)
    jm = server.bearer("ncpoc.jm")
    r = post(server, jm, "/api/v1/forensic-requests", {
        "lab_id": lab["id"], "state": "JM", "device_types": ["computer"],
        "volume": 1, "urgency": "routine", "legal_basis": "warrant 12/2026",
        "case_ref": "JCF-1"})
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    lb = server.bearer(staff)
    # the lab's staff record a working copy for the request they work
    orig = post(server, jm, "/api/v1/evidence-items",
                item_body(request_id=rid)).json()
    assert orig["lab_id"] == lab["id"]
    r = post(server, lb, "/api/v1/evidence-items",
             item_body(copy="working_copy", parent_id=orig["id"],
                       request_id=rid, seal="BB-LAB-7"))
    assert r.status_code == 201, r.text
    copy = r.json()
    assert copy["holder"] == staff and copy["lab_id"] == lab["id"]
    # handed back to Jamaica, the lab still reads what it works on
    r = post(server, lb, f"/api/v1/evidence-items/{copy['id']}/handovers",
             handover("ncpoc.jm"))
    assert r.status_code == 201, r.text
    for iid in (orig["id"], copy["id"]):
        r = server.get(f"/api/v1/evidence-items/{iid}/custody", session=lb)
        assert r.status_code == 200, r.text
    # but not as holder: it may not hand the copy on
    r = post(server, lb, f"/api/v1/evidence-items/{copy['id']}/handovers",
             handover("analyst"))
    assert_error(r, 403, "not_holder")
    # another BB user is no staff of the lab: the request is unknown
    other = server.bearer("cert.bb")
    r = post(server, other, "/api/v1/evidence-items",
             item_body(request_id=rid))
    assert_error(r, 422, "unknown_request")
    assert server.get(f"/api/v1/evidence-items/{copy['id']}",
                      session=other).status_code == 404
