"""The legal harmonisation tracker over real HTTP, on both backends.

What must hold: the seed holds the Budapest articles (2-35), the Second
Protocol articles and the HIPCAR outline (marked unverified), and the
public facts of D4 with their sources; an instrument's sections map to
provisions, and the matrix shows per state and provision the best step
any instrument reached, with the instruments behind it; an instrument in
force proposes the legal-environment standards its provisions show met,
through the capacity proposals the RIFC decides; bad input is refused
naming the field, and nothing is half-stored; a state's NCPOC writes only
that state's instruments and treaty track.
"""
import csv
import io

from conftest import assert_error
from legal_helpers import (CYBERCRIME, cell, instrument_body,
                           legal_proposals, matrix, standard,
                           state_without, totals)


def post(server, s, path, body=None):
    return server.request("POST", path, session=s, json=body)


def patch(server, s, path, body):
    return server.request("PATCH", path, session=s, json=body)


def test_seeded_provisions_instruments_and_treaties(server):
    s = server.bearer("steering")
    r = server.get("/api/v1/legal/provisions?limit=200", session=s)
    assert r.status_code == 200, r.text
    rows = {p["ref"]: p for p in r.json()["items"]}
    assert r.json()["total"] == len(rows)
    for n in range(2, 36):
        assert f"budapest-{n}" in rows, n
    assert "24/7" in rows["budapest-35"]["title"]
    assert rows["budapest-22"]["family"] == "budapest_jurisdiction"
    assert {f"sap-{n}" for n in (6, 7, 8, 9, 10, 12)} <= set(rows)
    hip = [p for p in rows.values() if p["treaty"] == "hipcar"]
    assert hip and not any(p["verified"] for p in hip)
    assert all(p["source_url"].startswith("https://") for p in rows.values())
    assert set(rows["budapest-9"]["standards"]) == {
        CYBERCRIME, "LEG-CHILD-EXPLOITATION-LAW"}
    # Grenada's Electronic Crimes Act, section by section
    r = server.get("/api/v1/legal/instruments?state=GD", session=s)
    eca = [i for i in r.json()["items"]
           if i["name"] == "Electronic Crimes Act"][0]
    assert eca["number"] == "No. 23 of 2013" and eca["in_force"]
    s19 = [m for m in eca["mappings"] if m["section"] == "s.19"][0]
    assert s19["provisions"] == ["budapest-16"]
    assert eca["source_url"].startswith("https://")
    m = matrix(server, s, "state=GD")
    c = cell(m, "GD", "budapest-16")
    assert c["status"] == "amended" and c["rank"] == 6
    assert c["instruments"][0]["sections"] == ["s.19"]
    assert cell(m, "GD", "budapest-3") is None
    # Trinidad and Tobago: two lapsed Bills and one in committee
    r = server.get("/api/v1/legal/instruments?state=TT&status=lapsed",
                   session=s)
    assert r.json()["total"] == 2
    # treaty tracks: Grenada acceded (date unverified), DR a Party
    r = server.get("/api/v1/legal/treaties", session=s)
    assert r.status_code == 200, r.text
    tracks = {(t["state"], t["treaty"]): t for t in r.json()["items"]}
    assert tracks[("GD", "budapest")]["status"] == "acceded"
    assert tracks[("GD", "budapest")]["verified"] is False
    assert tracks[("DO", "budapest")]["party_on"] == "2013-02-07"
    assert tracks[("JM", "budapest")]["status"] == "not_engaged"
    assert tracks[("JM", "sap")]["status"] == "not_engaged"
    assert len(tracks) == 2 * len(matrix(server, s)["states"])


def test_in_force_moves_the_matrix_and_proposes(server):
    c = server.login("coordinator")
    state = state_without(server, c, CYBERCRIME)
    std = standard(server, c, state, CYBERCRIME)
    r = post(server, c, "/api/v1/legal/instruments", instrument_body(state))
    assert r.status_code == 201, r.text
    inst = r.json()
    assert inst["proposals_made"] == 0 and not inst["in_force"]
    assert [m["provisions"] for m in inst["mappings"]] == [
        ["budapest-2"], ["budapest-29"]]
    m = matrix(server, c, f"state={state}")
    assert cell(m, state, "budapest-2")["status"] == "tabled"
    assert cell(m, state, "budapest-29")["partial"] is True
    assert legal_proposals(server, state)["total"] == 0
    # passed, assented, in force: the cell moves, a proposal appears
    r = patch(server, c, f"/api/v1/legal/instruments/{inst['id']}", {
        "kind": "act", "status": "in_force",
        "dates": {"tabled": "2025-02-03", "passed": "2025-05-01",
                  "assented": "2025-05-20", "in_force": "2025-06-01"}})
    assert r.status_code == 200, r.text
    assert r.json()["in_force"] and r.json()["proposals_made"] == 1
    m = matrix(server, c, f"state={state}")
    c2 = cell(m, state, "budapest-2")
    assert c2["status"] == "in_force" and c2["rank"] == 6
    assert c2["instruments"][0]["id"] == inst["id"]
    assert [s["in_force"] for s in m["states"]] == [2]
    page = legal_proposals(server, state)
    assert page["total"] == 1
    pr = page["items"][0]
    assert pr["source"] == {"kind": "legal_instrument", "id": inst["id"],
                            "title": inst["name"]}
    assert pr["standard"] == CYBERCRIME
    assert pr["level"] == std["met_level"] and pr["status"] == "pending"
    # a later edit in force proposes nothing twice
    r = patch(server, c, f"/api/v1/legal/instruments/{inst['id']}",
              {"notes": "Commenced by order."})
    assert r.status_code == 200, r.text
    assert r.json()["proposals_made"] == 0
    assert legal_proposals(server, state)["total"] == 1
    # the RIFC accepts: a pending status record from the legal source
    a = server.login("analyst")
    r = post(server, a, f"/api/v1/proposals/{pr['id']}/accept")
    assert r.status_code == 200, r.text
    rec = server.get(f"/api/v1/assessments/{r.json()['assessment_id']}",
                     session=c).json()
    assert rec["source"] == "legal_in_force" and rec["status"] == "pending"
    assert rec["as_of"] == "2025-06-01"
    assert f"/api/v1/legal/instruments/{inst['id']}" in rec["evidence"]
    events = [e["action"] for e in server.audit_events(50)]
    assert "legal_instrument.create" in events
    assert "legal_instrument.update" in events
    assert "proposals.create" in events


def test_bad_input_is_refused_naming_the_field(server):
    c = server.login("coordinator")
    before = totals(server, c)
    path = "/api/v1/legal/instruments"
    bad = instrument_body("JM")
    bad["mappings"][1]["provisions"] = ["budapest-29", "budapest-99"]
    msg = assert_error(post(server, c, path, bad), 422, "unknown_provision")
    assert msg.startswith("mappings[1]: provisions[1] 'budapest-99'")
    msg = assert_error(post(server, c, path, instrument_body("ZZ")), 422,
                       "unknown_state")
    assert "state" in msg
    msg = assert_error(post(server, c, path, instrument_body(
        "JM", status="enacted")), 422, "invalid_status")
    assert msg.startswith("status must be drafting, tabled")
    msg = assert_error(post(server, c, path, instrument_body(
        "JM", status="in_force", dates={"passed": "2025-05-01",
                                        "in_force": "2025-04-01"})),
        422, "invalid_date_order")
    assert "in_force (2025-04-01) is before passed (2025-05-01)" in msg
    assert_error(post(server, c, path, instrument_body(
        "JM", dates={"in_force": "2025-04-01"})), 422, "date_after_status")
    assert_error(post(server, c, path, instrument_body(
        "JM", dates={"tabled": "2025-02-30"})), 422, "invalid_date")
    assert_error(post(server, c, path, instrument_body(
        "JM", dates={"enacted": "2025"})), 422, "unknown_step")
    assert_error(post(server, c, path, instrument_body(
        "JM", kind="treaty")), 422, "invalid_kind")
    dup = instrument_body("JM")
    dup["mappings"].append({"section": "s.3", "provisions": ["budapest-2"]})
    assert_error(post(server, c, path, dup), 422, "duplicate_mapping")
    # a PATCH is checked as a whole: the seeded act cannot go back in time
    gd = server.get("/api/v1/legal/instruments?state=GD&limit=1",
                    session=c).json()["items"][0]
    assert_error(patch(server, c, f"{path}/{gd['id']}", {
        "mappings": [{"section": "s.5", "provisions": ["hipcar-nope"]}]}),
        422, "unknown_provision")
    assert_error(patch(server, c, f"{path}/999999", {"notes": "x"}), 404,
                 "not_found")
    assert totals(server, c) == before


def test_state_scope_of_writes(server):
    server.add_user("ncpoc.gd", "ncpoc", state="GD")
    jm = server.login("ncpoc.jm")
    others = [server.bearer(x) for x in ("cert.bb", "steering", "partner",
                                         "analyst")]
    before = totals(server, jm)
    path = "/api/v1/legal/instruments"
    msg = assert_error(post(server, jm, path, instrument_body("GD")), 403,
                       "forbidden")
    assert "JM" in msg and "GD" in msg
    gd = server.get(f"{path}?state=GD&limit=1", session=jm).json()
    gd_id = gd["items"][0]["id"]
    assert_error(patch(server, jm, f"{path}/{gd_id}", {"notes": "mine"}),
                 403, "forbidden")
    for other in others:
        assert_error(post(server, other, path, instrument_body("BB")), 403,
                     "forbidden")
    assert totals(server, jm) == before
    # the NCPOC writes its own state's, and cannot move it away
    r = post(server, jm, path, instrument_body("JM"))
    assert r.status_code == 201, r.text
    own = r.json()["id"]
    assert_error(patch(server, jm, f"{path}/{own}", {"state": "GD"}), 403,
                 "forbidden")
    assert server.get(f"{path}/{own}", session=jm).json()["state"] == "JM"
    g = server.login("ncpoc.gd")
    r = patch(server, g, f"{path}/{gd_id}", {"notes": "Checked."})
    assert r.status_code == 200, r.text
    # reads: members yes, the public no
    assert server.get(path, session=server.bearer("partner")).status_code \
        == 200
    assert_error(server.get(path), 401, "authentication_required")
    assert_error(server.get("/api/v1/legal/matrix"), 401,
                 "authentication_required")


def test_treaty_track(server):
    jm = server.login("ncpoc.jm")
    t = "/api/v1/legal/treaties"
    r = patch(server, jm, f"{t}/JM/budapest", {
        "status": "invited", "requested_on": "2024-03",
        "invited_on": "2024-10-09",
        "source_url": "https://example.org/invitation"})
    assert r.status_code == 200, r.text
    tr = r.json()
    assert tr["status"] == "invited"
    assert tr["invitation_expires"] == "2029-10-09"
    assert tr["updated_by"] == "ncpoc.jm"
    before = server.audit_seq()
    msg = assert_error(patch(server, jm, f"{t}/JM/budapest", {
        "status": "signed", "signed_on": "2024-01-01"}), 422,
        "invalid_date_order")
    assert msg.startswith("signed_on")
    assert_error(patch(server, jm, f"{t}/JM/budapest", {"status": "party"}),
                 422, "invalid_status")
    assert_error(patch(server, jm, f"{t}/JM/budapest", {"poc_on": "2025"}),
                 422, "poc_not_designated")
    assert_error(patch(server, jm, f"{t}/GD/sap", {"status": "signed"}),
                 403, "forbidden")
    assert_error(patch(server, jm, f"{t}/ZZ/sap", {"status": "signed"}),
                 404, "not_found")
    assert_error(patch(server, jm, f"{t}/JM/ets999", {"status": "signed"}),
                 404, "not_found")
    assert server.audit_seq() == before
    r = server.get(f"{t}?state=JM", session=jm)
    assert [x["status"] for x in r.json()["items"]] == ["invited",
                                                        "not_engaged"]
    c = server.login("coordinator")
    r = patch(server, c, f"{t}/GD/sap", {
        "status": "signed", "signed_on": "2025-09", "poc_designated": True,
        "poc_on": "2025-10-01"})
    assert r.status_code == 200, r.text
    assert r.json()["poc_designated"] is True


def test_list_pages_and_filters(server):
    s = server.bearer("steering")
    path = "/api/v1/legal/instruments"
    total = server.get(path, session=s).json()["total"]
    seen, cur = [], None
    while True:
        q = f"{path}?limit=3" + (f"&cursor={cur}" if cur else "")
        page = server.get(q, session=s).json()
        assert page["total"] == total and page["count"] <= 3
        seen += [i["id"] for i in page["items"]]
        cur = page["next_cursor"]
        if cur is None:
            break
    assert len(seen) == total == len(set(seen))
    r = server.get(f"{path}?state=TT&kind=bill", session=s).json()
    assert r["total"] == 3
    assert_error(server.get(f"{path}?status=enacted", session=s), 422,
                 "invalid_status")
    assert_error(server.get(f"{path}?state=jamaica", session=s), 422,
                 "invalid_state_code")
    assert_error(server.get(f"{path}?limit=0", session=s), 400,
                 "invalid_limit")
    assert_error(server.get("/api/v1/legal/matrix?treaty=ets", session=s),
                 422, "invalid_treaty")
    assert_error(server.get("/api/v1/legal/matrix?state=ZZ", session=s),
                 422, "unknown_state")


def test_matrix_csv(server):
    s = server.bearer("steering")
    r = server.get("/api/v1/legal/matrix?format=csv&treaty=budapest",
                   session=s)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    m = matrix(server, s, "treaty=budapest")
    assert len(rows) == len(m["rows"]) * len(m["states"])
    gd = [x for x in rows if x["state"] == "GD" and
          x["provision"] == "budapest-16"][0]
    assert gd["status"] == "amended" and gd["partial"] == "no"
    assert "Electronic Crimes Act No. 23 of 2013 (s.19)" in gd["instruments"]
    jm = [x for x in rows if x["state"] == "JM" and
          x["provision"] == "budapest-2"][0]
    assert jm["status"] == "" and jm["instruments"] == ""
    assert_error(server.get("/api/v1/legal/matrix?format=pdf", session=s),
                 400, "invalid_format")
