"""Validating or rejecting a selection of status records at once
(POST /api/v1/assessments/review), over real HTTP, on both backends.

What must hold: each record is still one review (role, own submission,
already reviewed), audited on its own; the batch is all or nothing: one
record that cannot be reviewed refuses the whole batch, the answer names
every id's outcome, and nothing changes (no review, no audit event); a
missing id answers not_found like a single review.
"""
import datetime

import pytest

from conftest import assert_error

TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(n):
    return (TODAY - datetime.timedelta(days=n)).isoformat()


def a_standard(server, s):
    r = server.get("/api/v1/gaps?state=JM", session=s)
    assert r.status_code == 200, r.text
    return r.json()["areas"][0]["specific_areas"][0]["standards"][0]


def pending(server, s, n, state="JM", source=None):
    """Submits @n records as @s; returns their ids."""
    std = a_standard(server, s)
    ids = []
    for i in range(n):
        body = {"state": state, "standard": std["code"],
                "as_of": day(10 + i), "level": 1,
                "evidence": f"Batch test record {i}"}
        if source:
            body["source"] = source
        r = server.request("POST", "/api/v1/assessments", session=s,
                           json=body)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


def status_of(server, s, rid):
    r = server.get(f"/api/v1/assessments/{rid}", session=s)
    assert r.status_code == 200, r.text
    return r.json()


def review(server, s, ids, decision, reason=None):
    body = {"ids": ids, "decision": decision}
    if reason is not None:
        body["reason"] = reason
    return server.request("POST", "/api/v1/assessments/review", session=s,
                          json=body)


def test_validate_five_at_once_each_audited(server):
    ncpoc = server.login("ncpoc.jm")
    ids = pending(server, ncpoc, 5)
    analyst = server.login("analyst")
    seq = server.audit_seq()
    r = review(server, analyst, ids, "validate")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == 5
    assert [x["id"] for x in body["results"]] == ids
    assert {x["outcome"] for x in body["results"]} == {"validated"}
    for rid in ids:
        rec = status_of(server, ncpoc, rid)
        assert rec["status"] == "validated" and rec["reviewer"] == "analyst"
    events = [e for e in server.audit_events(50) if e["seq"] > seq]
    assert sorted(int(e["entity_id"]) for e in events
                  if e["action"] == "assessment.validate") == sorted(ids)


def test_reject_many_with_one_reason(server):
    ncpoc = server.login("ncpoc.jm")
    ids = pending(server, ncpoc, 3)
    analyst = server.login("analyst")
    before = server.audit_seq()
    assert_error(review(server, analyst, ids, "reject"), 422,
                 "reason_required")
    assert_error(review(server, analyst, ids, "reject", ""), 422,
                 "reason_required")
    assert server.audit_seq() == before
    r = review(server, analyst, ids, "reject", "No evidence attached.")
    assert r.status_code == 200, r.text
    for rid in ids:
        rec = status_of(server, ncpoc, rid)
        assert rec["status"] == "rejected"
        assert rec["reason"] == "No evidence attached."


def assert_refused(r, want):
    """A 409 batch_refused naming each id's outcome (@want: id -> code or
    None for a record that was ready)."""
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["error"]["code"] == "batch_refused"
    assert "nothing was changed" in body["error"]["message"]
    got = {x["id"]: x for x in body["results"]}
    assert list(got) == list(want)
    for rid, code in want.items():
        if code is None:
            assert got[rid]["outcome"] == "ready", got[rid]
        else:
            assert got[rid]["outcome"] == "refused", got[rid]
            assert got[rid]["error"]["code"] == code, got[rid]
            assert got[rid]["error"]["message"]


def test_own_submission_refuses_the_whole_batch(server):
    ncpoc = server.login("ncpoc.jm")
    coord = server.login("coordinator")
    theirs = pending(server, ncpoc, 3)
    own = pending(server, coord, 1, source="review_meeting")
    seq = server.audit_seq()
    ids = theirs[:2] + own + theirs[2:]
    r = review(server, coord, ids, "validate")
    assert_refused(r, {theirs[0]: None, theirs[1]: None,
                       own[0]: "own_submission", theirs[2]: None})
    for rid in ids:
        assert status_of(server, coord, rid)["status"] == "pending"
    assert server.audit_seq() == seq
    # without it the same batch goes through
    r = review(server, coord, theirs, "validate")
    assert r.status_code == 200, r.text


def test_missing_and_reviewed_ids_are_named(server):
    ncpoc = server.login("ncpoc.jm")
    ids = pending(server, ncpoc, 3)
    analyst = server.login("analyst")
    r = review(server, analyst, [ids[0]], "validate")
    assert r.status_code == 200, r.text
    seq = server.audit_seq()
    missing = 10 ** 9
    r = review(server, analyst, ids + [missing], "reject", "Out of date.")
    assert_refused(r, {ids[0]: "already_reviewed", ids[1]: None,
                       ids[2]: None, missing: "not_found"})
    assert status_of(server, analyst, ids[0])["status"] == "validated"
    assert status_of(server, analyst, ids[1])["status"] == "pending"
    assert server.audit_seq() == seq


@pytest.mark.parametrize("body,status,code", [
    ({"ids": [], "decision": "validate"}, 422, "invalid_ids"),
    ({"ids": [1, 1], "decision": "validate"}, 422, "invalid_ids"),
    ({"ids": ["1"], "decision": "validate"}, 422, "invalid_ids"),
    ({"ids": [0], "decision": "validate"}, 422, "invalid_ids"),
    ({"ids": [1], "decision": "approve"}, 422, "invalid_decision"),
    ({"ids": [1]}, 400, "missing_field"),
    ({"ids": list(range(1, 202)), "decision": "validate"}, 400,
     "field_too_long"),
])
def test_bad_batches_store_nothing(server, body, status, code):
    analyst = server.login("analyst")
    seq = server.audit_seq()
    r = server.request("POST", "/api/v1/assessments/review",
                       session=analyst, json=body)
    assert_error(r, status, code)
    assert server.audit_seq() == seq


def test_only_reviewers_review(server):
    ncpoc = server.login("ncpoc.jm")
    ids = pending(server, ncpoc, 1)
    assert_error(review(server, ncpoc, ids, "validate"), 403, "forbidden")
    assert_error(server.request("POST", "/api/v1/assessments/review",
                                json={"ids": ids, "decision": "validate"}),
                 401, "authentication_required")
    assert status_of(server, ncpoc, ids[0])["status"] == "pending"


def test_status_records_follow_the_list_contract(server):
    from list_contract import check_list, check_q, get_page
    ncpoc = server.login("ncpoc.jm")
    pending(server, ncpoc, 6)
    analyst = server.login("analyst")
    url = "/api/v1/assessments?status=pending"
    total = check_list(server, analyst, url,
                       ["submitted_at", "as_of", "state", "standard",
                        "status", "level"],
                       int_sorts=("submitted_at", "level"))
    assert check_q(server, analyst, url, "batch test record",
                   "evidence") >= 6
    # the filters narrow the total, and every row matches them
    jm = get_page(server, analyst, url, state="JM", limit=200)
    assert 6 <= jm["total"] <= total
    assert {r["state"] for r in jm["items"]} == {"JM"}
    old = get_page(server, analyst, url, older_than=1)
    assert old["total"] <= total - 6
    assert_error(server.get(url + "&older_than=x", session=analyst), 400,
                 "invalid_older_than")
