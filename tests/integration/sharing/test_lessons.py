"""Lessons learnt over real HTTP, on both backends.

What must hold: NCPOC, CERT, RIFC analysts and coordinators record lessons
(the author's state is the source state), administrators, the Steering
Committee and partners do not; readers follow the TLP marking and anyone
else gets 404; linked incidents must exist and be readable by the author
(an unreadable one is reported exactly like a missing one), and a reader
sees only the linked incidents they may read; each lesson has a search
document.
"""
import pytest

from conftest import assert_error
from sharing_helpers import get, insert_incident, post

LESSONS = "/api/v1/lessons"


def lesson(**over):
    body = {"title": "Ransomware at the port", "what_happened": "Encrypted",
            "what_worked": "Offline backups", "what_to_change": "MFA on VPN",
            "tlp": "amber"}
    body.update(over)
    return {k: v for k, v in body.items() if v is not None}


def record(server, who="ncpoc.jm", **over):
    r = post(server, who, LESSONS, lesson(**over))
    assert r.status_code == 201, r.text
    return r.json()


def test_amber_lesson_readers(server):
    les = record(server)
    assert les["state"] == "JM"
    assert les["author"] == "ncpoc.jm"
    assert les["tlp"] == "amber"
    path = f"{LESSONS}/{les['id']}"
    assert get(server, "analyst", path).status_code == 200
    for who in ("cert.bb", "partner", "coordinator"):
        assert_error(get(server, who, path), 404, "not_found")
        ids = [x["id"] for x in get(server, who, LESSONS).json()["items"]]
        assert les["id"] not in ids
    # (one line per row: psql prints a multi-line body over several)
    doc = server.db.sql(
        "SELECT title, CASE WHEN body LIKE '%Encrypted%' AND body LIKE "
        "'%Offline backups%' AND body LIKE '%MFA on VPN%' THEN 1 ELSE 0 END "
        f"FROM search_docs WHERE kind = 'lesson' AND ref_id = {les['id']}")
    assert doc == [("Ransomware at the port", "1")]


def test_shared_and_green_lessons(server):
    shared = record(server, share_states=["BB"])
    green = record(server, "analyst", tlp="green", title="Phishing wave")
    assert green["state"] is None
    assert get(server, "cert.bb", f"{LESSONS}/{shared['id']}").status_code \
        == 200
    assert get(server, "partner", f"{LESSONS}/{green['id']}").status_code \
        == 200
    ids = [x["id"] for x in get(server, "partner", LESSONS).json()["items"]]
    assert ids == [green["id"]]


def test_incident_links_follow_the_policy(server):
    readable = insert_incident(server, "green", "JM", "ncpoc.jm")
    hidden = insert_incident(server, "amber+strict", "BB", "cert.bb")
    assert_error(post(server, "ncpoc.jm", LESSONS,
                      lesson(incident_ids=[hidden])), 422, "unknown_incident")
    assert_error(post(server, "ncpoc.jm", LESSONS,
                      lesson(incident_ids=[987654])), 422, "unknown_incident")
    les = record(server, "cert.bb", tlp="green",
                 incident_ids=[readable, hidden])
    # the author sees both links; a reader who may not read one does not
    mine = get(server, "cert.bb", f"{LESSONS}/{les['id']}").json()
    assert mine["incident_ids"] == sorted([readable, hidden])
    theirs = get(server, "ncpoc.jm", f"{LESSONS}/{les['id']}").json()
    assert theirs["incident_ids"] == [readable]


@pytest.mark.parametrize("who,status,code", [
    ("partner", 403, "forbidden"),
    ("steering", 403, "forbidden"),
    ("admin", 403, "forbidden"),
])
def test_who_may_not_record(server, who, status, code):
    assert_error(post(server, who, LESSONS, lesson()), status, code)


def test_coordinator_records(server):
    les = record(server, "coordinator", tlp="green")
    assert les["author"] == "coordinator"


@pytest.mark.parametrize("over,status,code", [
    ({"tlp": "purple"}, 422, "unknown_tlp"),
    ({"tlp": "green", "share_states": ["BB"]}, 422, "sharing_not_applicable"),
    ({"share_states": ["XX"]}, 422, "unknown_state"),
    ({"tlp": "red"}, 422, "recipients_required"),
    ({"tlp": "red", "recipients": ["nobody"]}, 422, "unknown_recipient"),
    ({"incident_ids": ["1"]}, 422, "invalid_incident"),
    ({"what_worked": None}, 400, "missing_field"),
    ({"title": ""}, 400, "missing_field"),
])
def test_bad_lessons_store_nothing(server, over, status, code):
    server.bearer("ncpoc.jm")
    before = server.audit_seq()
    assert_error(post(server, "ncpoc.jm", LESSONS, lesson(**over)), status,
                 code)
    assert server.audit_seq() == before
    assert server.db.sql("SELECT COUNT(*) FROM lessons") == [("0",)]


def test_red_lesson_named_only(server):
    les = record(server, tlp="red", recipients=["cert.bb"])
    assert get(server, "cert.bb", f"{LESSONS}/{les['id']}").status_code == 200
    assert_error(get(server, "analyst", f"{LESSONS}/{les['id']}"), 404,
                 "not_found")
