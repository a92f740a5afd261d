"""The post-incident review of a closed crisis: one request files a
lesson in the lessons library and recommendations in the monitoring
domain, and marks the crisis reviewed; a refusal of any part leaves
nothing behind."""
import datetime

from conftest import assert_error
from crisis_helpers import declare, incident, patch

# due dates inside the immediate (6 months) and medium timeframes from
# the day the review is filed
SOON = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
LATER = (datetime.date.today() + datetime.timedelta(days=300)).isoformat()


def review(**kw):
    body = {"title": "Port ransomware: lessons",
            "what_happened": "Cargo systems encrypted for 3 days.",
            "what_worked": "Offline backups; the RIFC liaison.",
            "what_to_change": "Segment the OT network.", "tlp": "green",
            "recommendations": [
                {"text": "Segment port OT networks from corporate IT.",
                 "due_date": LATER, "timeframe": "medium"},
                {"text": "Exercise the crisis plan yearly.",
                 "due_date": SOON, "timeframe": "immediate"}]}
    body.update(kw)
    return body


def closed_crisis(server, s):
    inc = incident(server, s)
    c = declare(server, s, [inc], severity=3)
    return patch(server, s, c, status="closed").json(), inc


def test_review_files_lesson_and_recommendations(server):
    jm = server.login("ncpoc.jm")
    c, inc = closed_crisis(server, jm)
    r = server.request("POST", f"/api/v1/crises/{c['id']}/review",
                       session=jm, json=review())
    assert r.status_code == 201, r.text
    out = r.json()
    lesson = out["lesson"]
    assert lesson["title"] == "Port ransomware: lessons"
    assert lesson["incident_ids"] == [inc]
    # the lesson is in the lessons library for its readers
    got = server.get(f"/api/v1/lessons/{lesson['id']}", session=server
                     .bearer("cert.bb"))
    assert got.status_code == 200, got.text
    lib = server.get("/api/v1/lessons", session=jm).json()["items"]
    assert lesson["id"] in [x["id"] for x in lib]
    # the recommendations are the monitoring domain's, owned by JM
    assert len(out["recommendations"]) == 2
    for rid in out["recommendations"]:
        rec = server.get(f"/api/v1/recommendations/{rid}",
                         session=server.bearer("coordinator"))
        assert rec.status_code == 200, rec.text
        assert rec.json()["owner"]["code"] == "JM"
        assert rec.json()["status"] == "open"
    got = server.get(f"/api/v1/crises/{c['id']}", session=jm).json()
    assert got["status"] == "reviewed"
    assert got["review"]["lesson_id"] == lesson["id"]
    assert [x["recommendation_id"] for x in
            got["review"]["recommendations"]] == out["recommendations"]
    acts = [e["action"] for e in server.audit_events()]
    for a in ("crisis.review", "lesson.create", "recommendation.create"):
        assert a in acts
    # reviewed is final
    assert_error(server.request("POST", f"/api/v1/crises/{c['id']}/review",
                                session=jm, json=review()), 409,
                 "already_reviewed")
    assert_error(patch(server, jm, got, title="x"), 409,
                 "invalid_transition")


def test_review_refused_leaves_nothing(server):
    jm = server.login("ncpoc.jm")
    c, _ = closed_crisis(server, jm)
    path = f"/api/v1/crises/{c['id']}/review"
    coord = server.bearer("coordinator")
    lessons = server.get("/api/v1/lessons", session=jm).json()["items"]
    recs = server.get("/api/v1/recommendations?limit=1",
                      session=coord).json()["total"]
    seq = server.audit_seq()
    bad_rec = review(recommendations=[
        {"text": "fine", "due_date": LATER, "timeframe": "medium"},
        {"text": "bad date", "due_date": "soon", "timeframe": "medium"}])
    r = server.request("POST", path, session=jm, json=bad_rec)
    assert r.status_code == 422, r.text
    assert "recommendations[1]" in r.json()["error"]["message"]
    for body, status, code in [
            (review(tlp="purple"), 422, "unknown_tlp"),
            (review(recommendations=["x"]), 422, "invalid_recommendation"),
            (review(recommendations=[{"text": "x"}]), 422,
             "missing_field"),
            (review(recommendations=[{"text": "x", "due_date":
                                      LATER, "timeframe": "medium",
                                      "colour": 1}]), 422,
             "unknown_field"),
            ({"title": "x"}, 400, "missing_field")]:
        assert_error(server.request("POST", path, session=jm, json=body),
                     status, code)
    assert server.get("/api/v1/lessons", session=jm).json()["items"] == \
        lessons
    assert server.get("/api/v1/recommendations?limit=1",
                      session=coord).json()["total"] == recs
    assert server.audit_seq() == seq
    assert server.get(f"/api/v1/crises/{c['id']}", session=jm) \
        .json()["status"] == "closed"


def test_review_only_when_closed_and_by_the_team(server):
    jm = server.login("ncpoc.jm")
    c = declare(server, jm, [incident(server, jm)])
    path = f"/api/v1/crises/{c['id']}/review"
    assert_error(server.request("POST", path, session=jm, json=review()),
                 409, "crisis_not_closed")
    c = patch(server, jm, c, status="closed").json()
    for who in ("cert.bb", "analyst", "coordinator", "steering"):
        assert_error(server.request("POST", path, session=server.bearer(
            who), json=review()), 404, "not_found")
