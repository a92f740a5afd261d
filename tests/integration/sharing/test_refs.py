"""References by id in writes, written as the attacks of issue 8 (F4).

Ids are sequential, so a write that answers "accepted" for an id its
author may not read and "unknown" for a missing one maps what exists. A
write may cite only what its author may read, and an unreadable id gets
the answer of a missing one (the message differs only by the id sent).
The full user x level matrix of these oracles is in test_tlp_matrix.py.
"""
import re
import uuid

from conftest import assert_error


def incident(**kw):
    body = {"title": "Phishing wave", "description": "bank lookalikes",
            "rsit": "fraud:phishing", "severity": "medium", "tlp": "green"}
    body.update(kw)
    return body


def answer(r):
    """Status, code and message with the ids in it blotted out."""
    e = r.json().get("error", {})
    return r.status_code, e.get("code"), re.sub(r"\d+", "N",
                                                 e.get("message", ""))


def red_value(server, tlp="red"):
    """A value seen only in one JM incident at @tlp (RED names
    red.rec); returns (value id, incident id)."""
    jm = server.login("ncpoc.jm")
    server.add_user("red.rec", "cert", "BB")
    extra = {"recipients": ["red.rec"]} if tlp == "red" else {}
    value = f"only-{uuid.uuid4().hex[:10]}.example"
    r = server.request("POST", "/api/v1/incidents", session=jm, json=incident(
        tlp=tlp, indicators=[{"type": "domain", "value": value}], **extra))
    assert r.status_code == 201, r.text
    return r.json()["indicators"][0]["id"], r.json()["id"]


def test_rfi_value_id_of_a_red_only_value_is_answered_as_missing(server):
    vid, _ = red_value(server)
    tt = server.bearer(server.add_user("tt.prober", "cert", "TT"))
    ask = lambda v: server.request(  # noqa: E731
        "POST", "/api/v1/rfis", session=tt,
        json={"question": "Who saw this?", "tlp": "green", "value_id": v})
    r = ask(vid)
    assert_error(r, 422, "unknown_indicator")
    assert answer(r) == answer(ask(vid + 100000))
    # the value is readable to its recipient, who may ask about it
    r = server.request("POST", "/api/v1/rfis",
                       session=server.bearer("red.rec"),
                       json={"question": "Who else saw it?", "tlp": "green",
                             "value_id": vid})
    assert r.status_code == 201, r.text
    # and a GREEN request does not pass the RED value's id on
    rid = r.json()["id"]
    got = server.get(f"/api/v1/rfis/{rid}", session=tt).json()
    assert got["value_id"] is None
    got = server.get(f"/api/v1/rfis/{rid}",
                     session=server.bearer("red.rec")).json()
    assert got["value_id"] == vid


def test_rfi_value_id_seen_only_above_clearance_is_missing(server):
    """AMBER+STRICT: TT may learn a match exists in correlation, but the
    value's page is 404 for TT, so the reference is refused alike."""
    vid, _ = red_value(server, "amber+strict")
    tt = server.bearer(server.add_user("tt.prober", "cert", "TT"))
    assert_error(server.get(f"/api/v1/indicators/{vid}", session=tt), 404,
                 "not_found")
    r = server.request("POST", "/api/v1/rfis", session=tt, json={
        "question": "?", "tlp": "green", "value_id": vid})
    assert_error(r, 422, "unknown_indicator")
    # a value also reported in a record TT reads is TT's to cite
    jm = server.login("ncpoc.jm")
    value = server.get(f"/api/v1/indicators/{vid}", session=jm).json()
    r = server.request("POST", "/api/v1/incidents", session=jm, json=incident(
        indicators=[{"type": value["type"], "value": value["value"]}]))
    assert r.status_code == 201, r.text
    r = server.request("POST", "/api/v1/rfis", session=tt, json={
        "question": "?", "tlp": "green", "value_id": vid})
    assert r.status_code == 201, r.text


def test_incident_references_are_answered_as_missing(server):
    """incident_id and related ids through every write that takes them:
    unreadable and missing are one answer."""
    _, iid = red_value(server)
    tt = server.bearer(server.add_user("tt.prober", "cert", "TT"))
    writes = [
        ("/api/v1/rfis", lambda i: {"question": "?", "tlp": "green",
                                    "incident_id": i}, "unknown_incident"),
        ("/api/v1/lessons", lambda i: {"title": "t", "what_happened": "a",
                                       "what_worked": "b",
                                       "what_to_change": "c", "tlp": "green",
                                       "incident_ids": [i]},
         "unknown_incident"),
        ("/api/v1/advisories", lambda i: {"title": "t", "summary": "s",
                                          "severity": "low", "tlp": "green",
                                          "to_states": ["TT"],
                                          "incident_id": i},
         "unknown_incident"),
        ("/api/v1/incidents", lambda i: incident(state="TT", related=[i]),
         "unknown_incident"),
    ]
    for path, body, code in writes:
        r = server.request("POST", path, session=tt, json=body(iid))
        assert_error(r, 422, code)
        assert answer(r) == answer(server.request(
            "POST", path, session=tt, json=body(iid + 100000))), path
    own = server.request("POST", "/api/v1/incidents", session=tt,
                         json=incident(state="TT")).json()
    patch = lambda i: server.request(  # noqa: E731
        "PATCH", f"/api/v1/incidents/{own['id']}", session=tt,
        json={"version": own["version"], "related": [i]})
    r = patch(iid)
    assert_error(r, 422, "unknown_incident")
    assert answer(r) == answer(patch(iid + 100000))
