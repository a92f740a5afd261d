"""Requests for information over real HTTP, on both backends.

What must hold: a request is read by its marking's readers only, and its
answers by exactly the same people (a non-reader gets 404 for the request
and for answering it); anyone who may read it answers while it is open;
only its author or the RIFC closes it, once; a closed request takes no
answers; links to missing indicators or unreadable incidents are refused.
"""
import pytest

from conftest import assert_error
from sharing_helpers import add_user, get, insert_incident, post

RFIS = "/api/v1/rfis"


def ask(server, who="ncpoc.jm", **over):
    body = {"question": "Has anyone seen this loader?", "tlp": "amber",
            "share_states": ["BB"]}
    body.update(over)
    body = {k: v for k, v in body.items() if v is not None}
    r = post(server, who, RFIS, body)
    assert r.status_code == 201, r.text
    return r.json()


def test_answers_visible_to_readers_only(server):
    add_user(server, "ncpoc.tt", "ncpoc", "TT")
    rfi = ask(server)
    assert rfi["status"] == "open" and rfi["answers"] == []
    path = f"{RFIS}/{rfi['id']}"
    r = post(server, "cert.bb", path + "/answers", {"answer": "Yes, in BB"})
    assert r.status_code == 201, r.text
    assert [a["answer"] for a in r.json()["answers"]] == ["Yes, in BB"]
    assert r.json()["answers"][0]["state"] == "BB"
    for who in ("ncpoc.jm", "analyst", "cert.bb"):
        got = get(server, who, path)
        assert got.status_code == 200, who
        assert [a["author"] for a in got.json()["answers"]] == ["cert.bb"]
    for who in ("ncpoc.tt", "partner", "coordinator", "steering"):
        assert_error(get(server, who, path), 404, "not_found")
        assert_error(post(server, who, path + "/answers", {"answer": "x"}),
                     404, "not_found")
        ids = [x["id"] for x in get(server, who, RFIS).json()["items"]]
        assert rfi["id"] not in ids
    assert server.db.sql("SELECT COUNT(*) FROM rfi_answers") == [("1",)]


def test_green_request_answered_by_any_member(server):
    rfi = ask(server, "analyst", tlp="green", share_states=None)
    r = post(server, "partner", f"{RFIS}/{rfi['id']}/answers",
             {"answer": "Seen at a bank"})
    assert r.status_code == 201, r.text


def test_close(server):
    rfi = ask(server)
    path = f"{RFIS}/{rfi['id']}"
    assert_error(post(server, "cert.bb", path + "/close"), 403, "forbidden")
    r = post(server, "ncpoc.jm", path + "/close")
    assert r.status_code == 200 and r.json()["status"] == "closed", r.text
    assert_error(post(server, "ncpoc.jm", path + "/close"), 409,
                 "already_closed")
    assert_error(post(server, "cert.bb", path + "/answers", {"answer": "x"}),
                 409, "rfi_closed")
    closed = get(server, "ncpoc.jm", RFIS + "?status=closed").json()["items"]
    assert [x["id"] for x in closed] == [rfi["id"]]
    assert get(server, "ncpoc.jm", RFIS + "?status=open").json()["items"] == []
    # the RIFC closes anyone's request
    other = ask(server)
    r = post(server, "analyst", f"{RFIS}/{other['id']}/close")
    assert r.status_code == 200, r.text


def test_links(server):
    hidden = insert_incident(server, "red", "BB", "cert.bb")
    assert_error(post(server, "ncpoc.jm", RFIS, {
        "question": "q", "tlp": "green", "incident_id": hidden}), 422,
        "unknown_incident")
    assert_error(post(server, "ncpoc.jm", RFIS, {
        "question": "q", "tlp": "green", "value_id": 424242}), 422,
        "unknown_indicator")
    mine = insert_incident(server, "green", "JM", "ncpoc.jm")
    rfi = ask(server, tlp="green", share_states=None, incident_id=mine)
    assert rfi["incident_id"] == mine


@pytest.mark.parametrize("who", ["partner", "steering", "admin"])
def test_who_may_not_ask(server, who):
    assert_error(post(server, who, RFIS, {"question": "q", "tlp": "green"}),
                 403, "forbidden")


def test_bad_input(server):
    rfi = ask(server)
    assert_error(post(server, "ncpoc.jm", f"{RFIS}/{rfi['id']}/answers",
                      {"answer": ""}), 400, "missing_field")
    assert_error(post(server, "ncpoc.jm", RFIS, {"tlp": "green"}), 400,
                 "missing_field")
    assert_error(get(server, "ncpoc.jm", RFIS + "?status=maybe"), 400,
                 "invalid_status")
    assert_error(get(server, "ncpoc.jm", RFIS + "/999999"), 404, "not_found")
