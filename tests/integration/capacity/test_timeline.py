"""The plan's timeline over real HTTP, on both backends: Figure 1's
milestones, due dates that follow the adoption date, coordinators alone
write, bad input stores nothing."""
from conftest import assert_error
from training_helpers import TODAY, TOMORROW


def put(server, s, path, body):
    return server.request("PUT", path, session=s, json=body)


def patch(server, s, path, body):
    return server.request("PATCH", path, session=s, json=body)


def test_milestones_follow_adoption(server):
    s = server.bearer("steering")
    r = server.get("/api/v1/timeline", session=s)
    assert r.status_code == 200, r.text
    tl = r.json()
    keys = [m["key"] for m in tl["milestones"]]
    assert keys == ["consle_approval", "rcc_established",
                    "standards_identified", "status_review",
                    "implementation_resources", "monitoring_review"]
    assert tl["adoption"]["date"] is None and tl["horizon"] is None
    assert all(m["due"] is None for m in tl["milestones"])
    c = server.login("coordinator")
    r = put(server, c, "/api/v1/timeline/adoption", {"date": "2016-05-31"})
    assert r.status_code == 200, r.text
    tl = r.json()
    due = {m["key"]: m["due"] for m in tl["milestones"]}
    assert due["consle_approval"] == "2016-05-31"
    assert due["rcc_established"] == "2016-06-30"
    assert due["standards_identified"] == "2016-08-31"
    assert due["status_review"] == "2016-10-31"
    assert due["monitoring_review"] is None
    ongoing = {m["key"]: m["ongoing"] for m in tl["milestones"]}
    assert ongoing["implementation_resources"] is True
    assert tl["horizon"] == "2021-05-31"
    assert "initiatives" in tl
    mid = tl["milestones"][1]["id"]
    r = patch(server, c, f"/api/v1/timeline/milestones/{mid}",
              {"status": "done", "evidence": "RCC terms of reference",
               "links": ["https://example.org/rcc"]})
    assert r.status_code == 200, r.text
    m = r.json()["milestones"][1]
    assert m["status"] == "done" and m["completed_on"] == TODAY.isoformat()
    assert m["links"] == ["https://example.org/rcc"]
    r = patch(server, c, f"/api/v1/timeline/milestones/{mid}",
              {"duration_months": 3})
    assert r.json()["milestones"][1]["due"] == "2016-08-31"
    actions = [e["action"] for e in server.audit_events()]
    assert "timeline.adopt" in actions and "milestone.update" in actions


def test_timeline_writes_refused(server):
    c = server.bearer("coordinator")
    mid = server.get("/api/v1/timeline", session=c).json()[
        "milestones"][0]["id"]
    others = [server.bearer(login) for login in
              ("analyst", "ncpoc.jm", "steering", "partner", "admin")]
    before = (server.get("/api/v1/timeline", session=c).json(),
              server.audit_seq())
    for s in others:
        assert_error(put(server, s, "/api/v1/timeline/adoption",
                         {"date": "2016-05-31"}), 403, "forbidden")
        assert_error(patch(server, s, f"/api/v1/timeline/milestones/{mid}",
                           {"status": "done"}), 403, "forbidden")
    for body, st, code in [
            ({"status": "finished"}, 422, "invalid_status"),
            ({"status": "done", "completed_on": TOMORROW}, 422,
             "invalid_date"),
            ({"completed_on": "2020-01-01"}, 422, "invalid_date"),
            ({"links": ["ftp://x"]}, 422, "invalid_url"),
            ({"offset_months": -1}, 422, "invalid_months"),
            ({"duration_months": 10000}, 422, "invalid_months"),
            ({"key": "x"}, 400, "unknown_field")]:
        assert_error(patch(server, c, f"/api/v1/timeline/milestones/{mid}",
                           body), st, code)
    assert_error(put(server, c, "/api/v1/timeline/adoption",
                     {"date": "31/05/2016"}), 422, "invalid_date")
    assert_error(put(server, c, "/api/v1/timeline/adoption", {}), 400,
                 "missing_field")
    assert_error(patch(server, c, "/api/v1/timeline/milestones/999999",
                       {"status": "done"}), 404, "not_found")
    assert (server.get("/api/v1/timeline", session=c).json(),
            server.audit_seq()) == before
