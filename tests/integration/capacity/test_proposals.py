"""Closing the loop over real HTTP, on both backends.

What must hold: completing a training or campaign proposes a status
update for each standard it targets in each state it covered, at the
met level unless the record says otherwise, and not where the state
already meets it; a proposal is never made twice for the same source,
state and standard, and is decided once; only RIFC analysts see and
decide them; an accepted one is a pending status record (source
capacity_completion, evidence naming the training) that moves the gap
analysis once another analyst or a coordinator validates it.
"""
from conftest import assert_error
from training_helpers import (campaign_body, impacs, met, totals,
                              training_body, unmet)


def post(server, s, path, body=None):
    return server.request("POST", path, session=s, json=body)


def patch(server, s, path, body):
    return server.request("PATCH", path, session=s, json=body)


def proposals(server, q=""):
    r = server.get(f"/api/v1/proposals?{q}",
                   session=server.bearer("analyst"))
    assert r.status_code == 200, r.text
    return r.json()


def status_of(server, state, lineage):
    r = server.get(f"/api/v1/gaps?state={state}",
                   session=server.bearer("steering"))
    for a in r.json()["areas"]:
        for sa in a["specific_areas"]:
            for st in sa["standards"]:
                if st["lineage_id"] == lineage:
                    return st["status"]
    raise AssertionError(lineage)


def test_complete_accept_validate_moves_the_gaps(server):
    c = server.login("coordinator")
    std = unmet(server, c, "JM")
    r = post(server, c, "/api/v1/trainings", training_body(
        impacs(server, c), participants=[{"state": "JM"}],
        standards=[std["lineage_id"]]))
    assert r.status_code == 201, r.text
    t = r.json()
    assert proposals(server, "source=training")["total"] == 0
    r = patch(server, c, f"/api/v1/trainings/{t['id']}",
              {"status": "completed"})
    assert r.status_code == 200, r.text
    page = proposals(server, "source=training&state=JM&status=pending")
    assert page["total"] == 1
    pr = page["items"][0]
    assert pr["source"] == {"kind": "training", "id": t["id"],
                            "title": t["title"]}
    assert pr["lineage_id"] == std["lineage_id"]
    assert pr["standard"] == std["code"]
    assert pr["level"] == std["met_level"]
    assert pr["status"] == "pending"
    # only the RIFC sees and decides
    for login in ("coordinator", "ncpoc.jm", "partner", "steering"):
        s = server.bearer(login)
        assert_error(server.get("/api/v1/proposals", session=s), 403,
                     "forbidden")
        assert_error(post(server, s, f"/api/v1/proposals/{pr['id']}/accept"),
                     403, "forbidden")
    a = server.login("analyst")
    r = post(server, a, f"/api/v1/proposals/{pr['id']}/accept")
    assert r.status_code == 200, r.text
    acc = r.json()
    assert acc["status"] == "accepted" and acc["decided_by"] == "analyst"
    rec = server.get(f"/api/v1/assessments/{acc['assessment_id']}",
                     session=c).json()
    assert rec["status"] == "pending"
    assert rec["source"] == "capacity_completion"
    assert rec["state"] == "JM" and rec["level"] == std["met_level"]
    assert f"/api/v1/trainings/{t['id']}" in rec["evidence"]
    assert rec["links"] == ["https://example.org/slides.pdf"]
    assert rec["as_of"] == t["end"]
    assert status_of(server, "JM", std["lineage_id"]) != "met"
    # decided once
    assert_error(post(server, a, f"/api/v1/proposals/{pr['id']}/accept"),
                 409, "already_decided")
    assert_error(post(server, a, f"/api/v1/proposals/{pr['id']}/dismiss",
                      {"reason": "late"}), 409, "already_decided")
    # the analyst who accepted may not validate; a coordinator may
    assert_error(post(server, a, f"/api/v1/assessments/"
                      f"{acc['assessment_id']}/validate"), 403,
                 "own_submission")
    r = post(server, c, f"/api/v1/assessments/{acc['assessment_id']}/"
             "validate")
    assert r.status_code == 200, r.text
    assert status_of(server, "JM", std["lineage_id"]) == "met"
    actions = [e["action"] for e in server.audit_events()]
    for want in ("proposals.create", "proposal.accept",
                 "assessment.submit", "assessment.validate"):
        assert want in actions


def test_never_twice_and_never_where_met(server):
    c = server.bearer("coordinator")
    gap = unmet(server, c, "JM")
    done = met(server, c, "JM")
    bb = unmet(server, c, "BB")
    r = post(server, c, "/api/v1/trainings", training_body(
        impacs(server, c), participants=[{"state": "JM"}, {"state": "BB"}],
        standards=sorted({gap["lineage_id"], done["lineage_id"],
                          bb["lineage_id"]})))
    assert r.status_code == 201, r.text
    t = r.json()
    path = f"/api/v1/trainings/{t['id']}"
    assert patch(server, c, path, {"status": "completed"}).status_code == 200
    made = proposals(server, "source=training")["items"]
    pairs = {(p["state"], p["lineage_id"]) for p in made}
    assert ("JM", gap["lineage_id"]) in pairs
    assert ("JM", done["lineage_id"]) not in pairs
    assert len(pairs) == len(made)
    n = len(made)
    # completing again (after a correction) makes no second proposal
    assert patch(server, c, path, {"status": "planned"}).status_code == 200
    assert patch(server, c, path, {"status": "completed"}).status_code == 200
    assert proposals(server, "source=training")["total"] == n
    # nor does a change to a completed training
    assert patch(server, c, path, {"title": "Renamed"}).status_code == 200
    assert proposals(server, "source=training")["total"] == n


def test_record_level_and_campaign_state(server):
    c = server.bearer("coordinator")
    std = unmet(server, c, "LC")
    level = std["met_level"]
    r = post(server, c, "/api/v1/campaigns", campaign_body(
        impacs(server, c), standards=[{"standard": std["lineage_id"],
                                       "level": level}],
        status="completed"))
    assert r.status_code == 201, r.text
    k = r.json()
    assert k["proposals_made"] == 1
    made = proposals(server, f"source=campaign&source_id={k['id']}")["items"]
    assert [(p["state"], p["lineage_id"], p["level"]) for p in made] == [
        ("LC", std["lineage_id"], level)]
    assert made[0]["source"]["id"] == k["id"]


def test_dismiss_needs_a_reason(server):
    c = server.bearer("coordinator")
    std = unmet(server, c, "JM")
    t = post(server, c, "/api/v1/trainings", training_body(
        impacs(server, c), participants=[{"state": "JM"}],
        standards=[std["lineage_id"]], status="completed")).json()
    pr = proposals(server, "source=training")["items"][0]
    assert pr["source"]["id"] == t["id"]
    a = server.bearer("analyst")
    before = totals(server)
    assert_error(post(server, a, f"/api/v1/proposals/{pr['id']}/dismiss",
                      {}), 400, "missing_field")
    assert_error(post(server, a, f"/api/v1/proposals/{pr['id']}/dismiss",
                      {"reason": ""}), 400, "missing_field")
    assert totals(server) == before
    r = post(server, a, f"/api/v1/proposals/{pr['id']}/dismiss",
             {"reason": "Only two officers took part."})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "dismissed"
    assert r.json()["reason"] == "Only two officers took part."
    assert_error(post(server, a, f"/api/v1/proposals/{pr['id']}/accept"),
                 409, "already_decided")
    assert_error(post(server, a, "/api/v1/proposals/999999/accept"), 404,
                 "not_found")
    assert proposals(server, "status=dismissed")["total"] == 1


def test_proposal_paging_and_filters(server):
    c = server.bearer("coordinator")
    stds = []
    for st in ("JM", "BB", "GY"):
        stds.append(unmet(server, c, st)["lineage_id"])
    post(server, c, "/api/v1/trainings", training_body(
        impacs(server, c), participants=[{"state": "JM"}, {"state": "BB"},
                                         {"state": "GY"}],
        standards=sorted(set(stds)), status="completed"))
    total = proposals(server)["total"]
    assert total >= 3
    seen, cursor = [], None
    while True:
        page = proposals(server, "limit=2" + (f"&cursor={cursor}"
                                               if cursor else ""))
        assert page["total"] == total
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen) and len(seen) == total
    a = server.bearer("analyst")
    for q, st, code in [("status=open", 422, "invalid_status"),
                        ("source=budget", 422, "invalid_source"),
                        ("state=jm1", 422, "invalid_state_code"),
                        ("cursor=x", 400, "invalid_cursor"),
                        ("limit=5000", 400, "invalid_limit")]:
        assert_error(server.get(f"/api/v1/proposals?{q}", session=a), st,
                     code)


def test_closing_an_initiative_proposes(server):
    c = server.bearer("coordinator")
    std = unmet(server, c, "JM")
    r = post(server, c, "/api/v1/initiatives", {
        "iati_identifier": "XI-IATI-CCSCAP-TRAIN-1", "title":
        "E-evidence boot camp", "kind": "project", "status": 2,
        "planned_start": "2023-01-01", "planned_end": "2024-12-31",
        "states": [{"state": "JM", "percentage": "60"},
                   {"state": None, "percentage": "40"}],
        "standards": [std["lineage_id"]]})
    assert r.status_code == 201, r.text
    ini = r.json()
    assert proposals(server, "source=initiative")["total"] == 0
    r = patch(server, c, f"/api/v1/initiatives/{ini['id']}",
              {"version": ini["version"], "status": 4})
    assert r.status_code == 200, r.text
    made = proposals(server, "source=initiative")["items"]
    # the recipient states only: the regional share has no state
    assert [(p["state"], p["lineage_id"], p["level"]) for p in made] == [
        ("JM", std["lineage_id"], std["met_level"])]
    assert made[0]["source"]["title"] == "E-evidence boot camp"
    # closed -> finalisation is not a second completion
    r = patch(server, c, f"/api/v1/initiatives/{ini['id']}",
              {"version": r.json()["version"], "status": 3})
    assert r.status_code == 200, r.text
    assert proposals(server, "source=initiative")["total"] == 1
    a = server.bearer("analyst")
    r = post(server, a, f"/api/v1/proposals/{made[0]['id']}/accept")
    assert r.status_code == 200, r.text
    rec = server.get(f"/api/v1/assessments/{r.json()['assessment_id']}",
                     session=c).json()
    assert f"/api/v1/initiatives/{ini['id']}" in rec["evidence"]
    assert rec["as_of"] == "2024-12-31"


def test_proposals_follow_the_list_contract(server):
    from list_contract import check_list, check_q, get_page
    c = server.bearer("coordinator")
    states = ("JM", "BB", "GY", "KN", "LC", "TT")
    stds = {unmet(server, c, st)["lineage_id"] for st in states}
    r = post(server, c, "/api/v1/trainings", training_body(
        impacs(server, c), title="Contract list cyber drill",
        participants=[{"state": st} for st in states],
        standards=sorted(stds), status="completed"))
    assert r.status_code == 201, r.text
    a = server.bearer("analyst")
    url = "/api/v1/proposals"
    mine = get_page(server, a, f"{url}?source=training&source_id="
                    f"{r.json()['id']}", limit=200)
    assert mine["total"] >= 6
    check_list(server, a, url, ["created_at", "status", "state",
                                "source_kind", "standard_code"],
               int_sorts=("created_at",))
    # q over the state, status, standard code and title, and the reason
    std = mine["items"][0]
    assert check_q(server, a, url, std["standard"], "standard") >= 1
    tt = get_page(server, a, f"{url}?q=TT+pending", limit=200)
    assert tt["total"] >= 1
    assert all(p["state"] == "TT" for p in tt["items"])
    # a filter is bound to the cursor; from/to on the day it was made
    jm = get_page(server, a, f"{url}?state=JM", limit=1)
    assert_error(server.get(f"{url}?state=BB&limit=1&cursor=" +
                            (jm["next_cursor"] or "x"), session=a), 400,
                 "invalid_cursor")
    assert get_page(server, a, url, to="2000-01-01")["total"] == 0
    # the CSV is for the RIFC only, like the list
    assert_error(server.get(f"{url}?format=csv",
                            session=server.bearer("coordinator")), 403,
                 "forbidden")
    r = server.get(f"{url}?format=csv&source=training&source_id="
                   f"{r.json()['id']}", session=a)
    assert r.status_code == 200
    assert r.text.count("Contract list cyber drill") == mine["total"]
