"""Advisories over real HTTP, on both backends.

What must hold: only RIFC analysts and CERT users send; recipients of a
TLP:AMBER advisory read it, others get 404 (never 403); TLP:RED is read by
the named recipients only; recipient states' NCPOC and CERT users who may
read it get an inbox entry; a recipient state acknowledges once (409 the
second time, 403 for a state it was not sent to); the sender and the RIFC
see overdue acknowledgements, and an acknowledged recipient leaves that
list.
"""
import pytest

from conftest import assert_error
from sharing_helpers import add_user, audit_actions, get, inbox, post

ADV = "/api/v1/advisories"


def advisory(**over):
    body = {"title": "Patch the VPN gateways", "summary": "CVE in VPN",
            "actions": ["Patch", "Rotate keys"], "severity": "high",
            "to_states": ["JM"], "tlp": "amber"}
    body.update(over)
    return {k: v for k, v in body.items() if v is not None}


def send(server, who="analyst", **over):
    r = post(server, who, ADV, advisory(**over))
    assert r.status_code == 201, r.text
    return r.json()


def test_amber_advisory_read_by_recipients_only(server):
    adv = send(server)
    assert adv["sharing"]["states"] == ["JM"]
    assert adv["ack_hours"] == 24
    assert [r["state"] for r in adv["recipient_states"]] == ["JM"]
    assert adv["recipient_states"][0]["due_at"] == adv["created_at"] + 24 * 3600
    path = f"{ADV}/{adv['id']}"
    for who in ("ncpoc.jm", "analyst"):
        r = get(server, who, path)
        assert r.status_code == 200, (who, r.text)
        assert r.json()["actions"] == ["Patch", "Rotate keys"]
    for who in ("cert.bb", "partner", "steering", "coordinator"):
        assert_error(get(server, who, path), 404, "not_found")
        ids = [a["id"] for a in get(server, who, ADV).json()["items"]]
        assert adv["id"] not in ids, who
    assert [e["ref_id"] for e in inbox(server, "ncpoc.jm")
            if e["kind"] == "advisory"] == [adv["id"]]
    assert not [e for e in inbox(server, "cert.bb") if e["kind"] == "advisory"]
    assert "advisory.create" in audit_actions(server)


def test_red_advisory_named_recipients_only(server):
    add_user(server, "cert.jm", "cert", "JM")
    adv = send(server, tlp="red", recipients=["ncpoc.jm"])
    path = f"{ADV}/{adv['id']}"
    assert get(server, "ncpoc.jm", path).status_code == 200
    assert get(server, "analyst", path).status_code == 200  # the author
    for who in ("cert.jm", "cert.bb", "coordinator"):
        assert_error(get(server, who, path), 404, "not_found")
    # cert.jm is a user of the recipient state but not named: no entry
    assert [e["ref_id"] for e in inbox(server, "ncpoc.jm")
            if e["kind"] == "advisory"] == [adv["id"]]
    assert inbox(server, "cert.jm") == []
    # and may not acknowledge what it may not read
    assert_error(post(server, "cert.jm", path + "/ack"), 404, "not_found")


def test_ack_flow_and_overdue(server):
    add_user(server, "cert.jm", "cert", "JM")
    adv = send(server, "cert.bb", tlp="green", to_states=["JM", "BB"],
               severity="critical")
    assert adv["sender_state"] == "BB"
    assert adv["ack_hours"] == 4
    path = f"{ADV}/{adv['id']}"
    # nothing is overdue yet
    assert get(server, "cert.bb", ADV + "/overdue").json()["items"] == []
    server.db.sql("UPDATE advisory_recipients SET due_at = due_at - 5 * "
                  f"3600 WHERE advisory_id = {adv['id']}")
    over = get(server, "cert.bb", ADV + "/overdue").json()["items"]
    assert sorted(o["state"] for o in over) == ["BB", "JM"]
    assert all(o["overdue_seconds"] >= 3600 for o in over)
    # the RIFC sees every sender's overdue recipients; others see their own
    rifc = get(server, "analyst", ADV + "/overdue").json()["items"]
    assert sorted(o["state"] for o in rifc) == ["BB", "JM"]
    assert get(server, "ncpoc.jm", ADV + "/overdue").json()["items"] == []
    unacked = get(server, "ncpoc.jm", ADV + "?state=JM&unacknowledged=1")
    assert [a["id"] for a in unacked.json()["items"]] == [adv["id"]]

    r = post(server, "ncpoc.jm", path + "/ack")
    assert r.status_code == 200, r.text
    jm = [x for x in r.json()["recipient_states"] if x["state"] == "JM"][0]
    assert jm["acked_by"] == "ncpoc.jm" and jm["acked_at"] is not None
    assert_error(post(server, "ncpoc.jm", path + "/ack"), 409,
                 "already_acknowledged")
    assert_error(post(server, "cert.jm", path + "/ack"), 409,
                 "already_acknowledged")
    over = get(server, "cert.bb", ADV + "/overdue").json()["items"]
    assert [o["state"] for o in over] == ["BB"]
    unacked = get(server, "ncpoc.jm", ADV + "?state=JM&unacknowledged=1")
    assert unacked.json()["items"] == []
    # regional roles do not acknowledge; a state not sent to is refused
    assert_error(post(server, "analyst", path + "/ack"), 403, "forbidden")
    only_jm = send(server, "cert.bb", tlp="green", to_states=["JM"])
    assert_error(post(server, "cert.bb", f"{ADV}/{only_jm['id']}/ack"), 403,
                 "not_a_recipient")
    assert "advisory.ack" in audit_actions(server)


def test_to_all_and_defaults(server):
    adv = send(server, to_states=None, to_all=True, tlp="clear",
               severity="low")
    states = get(server, "partner", "/api/v1/states").json()
    n = len(states["items"]) if isinstance(states, dict) else len(states)
    assert len(adv["recipient_states"]) == n
    assert adv["ack_hours"] == 168
    adv = send(server, severity="medium", ack_hours=2)
    assert adv["ack_hours"] == 2


@pytest.mark.parametrize("who,over,status,code", [
    ("ncpoc.jm", {}, 403, "forbidden"),
    ("partner", {}, 403, "forbidden"),
    ("coordinator", {}, 403, "forbidden"),
    ("analyst", {"severity": "urgent"}, 422, "invalid_severity"),
    ("analyst", {"to_all": True}, 422, "recipients_conflict"),
    ("analyst", {"to_states": []}, 422, "recipients_required"),
    ("analyst", {"to_states": ["XX"]}, 422, "unknown_state"),
    ("analyst", {"to_states": ["JM", "JM"]}, 422, "duplicate_state"),
    ("analyst", {"tlp": "amber+strict"}, 422, "tlp_excludes_recipients"),
    ("analyst", {"tlp": "red"}, 422, "recipients_required"),
    ("analyst", {"ack_hours": 0}, 422, "invalid_ack_hours"),
    ("analyst", {"incident_id": 999999}, 422, "unknown_incident"),
    ("analyst", {"actions": [""]}, 422, "invalid_action"),
    ("analyst", {"title": None}, 400, "missing_field"),
    ("analyst", {"bogus": 1}, 400, "unknown_field"),
])
def test_bad_advisories_store_nothing(server, who, over, status, code):
    server.bearer(who)  # the token is made (and audited) before counting
    before = server.audit_seq()
    assert_error(post(server, who, ADV, advisory(**over)), status, code)
    assert server.audit_seq() == before
    assert server.db.sql("SELECT COUNT(*) FROM advisories") == [("0",)]


def test_unknown_id_is_404(server):
    assert_error(get(server, "analyst", ADV + "/424242"), 404, "not_found")
    assert_error(post(server, "ncpoc.jm", ADV + "/424242/ack"), 404,
                 "not_found")
