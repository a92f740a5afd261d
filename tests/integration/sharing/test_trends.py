"""Incident trends for the start pages (issue 11, item 4): counts of the
last twelve months through the marking policy. A reader counts only what
they may read; records above their clearance whose existence they may
know are only counted as restricted (TLP:RED ones not even that); the chart is drawn from the same numbers."""

from conftest import assert_error
from sharing_helpers import get, insert_incident


def _trends(server, who):
    r = get(server, who, "/api/v1/incidents/trends")
    assert r.status_code == 200, r.text
    return r.json()


def test_counts_follow_the_marking(server):
    before_sc = _trends(server, "steering")
    before_jm = _trends(server, "ncpoc.jm")
    insert_incident(server, "clear", "JM", "ncpoc.jm")
    insert_incident(server, "amber", "JM", "ncpoc.jm")
    insert_incident(server, "red", "JM", "ncpoc.jm")
    sc = _trends(server, "steering")
    jm = _trends(server, "ncpoc.jm")
    # the Steering Committee reads the CLEAR one only; it may know the
    # AMBER one exists (counted as restricted), and not even that of the
    # RED one
    assert sc["total"] == before_sc["total"] + 1
    assert sc["restricted"] == before_sc["restricted"] + 1
    # the author reads all three
    assert jm["total"] == before_jm["total"] + 3
    assert len(sc["months"]) == 12
    assert sc["months"][-1]["count"] == before_sc["months"][-1]["count"] + 1
    assert sum(m["count"] for m in sc["months"]) == sc["total"]
    assert sum(c["count"] for c in sc["classes"]) == sc["total"]
    assert sum(s["count"] for s in sc["states"]) == sc["total"]
    by = {c["key"]: c["count"] for c in sc["classes"]}
    was = {c["key"]: c["count"] for c in before_sc["classes"]}
    assert by["malicious-code"] == was.get("malicious-code", 0) + 1


def test_chart_is_drawn_and_needs_sign_in(server):
    insert_incident(server, "clear", "JM", "ncpoc.jm")
    r = get(server, "steering", "/api/v1/incidents/trends.svg")
    assert r.status_code == 200, r.text[:200]
    assert r.headers["Content-Type"].startswith("image/svg+xml")
    assert r.content.lstrip().startswith(b"<?xml") or b"<svg" in r.content[:400]
    assert_error(server.get("/api/v1/incidents/trends"), 401,
                 "authentication_required")
