"""Each state's national crisis plan and incident-response protocol,
versioned: every edit a new version, the history readable, an edit from
a stale version refused; the state's team writes, the RIFC reads,
others get 404."""
from conftest import assert_error


def write(server, s, state, kind, base, title="Plan", body="Text"):
    return server.request(
        "POST", f"/api/v1/crisis-templates/{state}/{kind}/versions",
        session=s, json={"title": title, "body": body,
                         "note": f"edit from {base}",
                         "base_version": base})


def test_versions_and_history(server):
    jm = server.login("ncpoc.jm")
    lst = server.get("/api/v1/crisis-templates?state=JM", session=jm)
    assert lst.status_code == 200, lst.text
    assert [(i["kind"], i["version"]) for i in lst.json()["items"]] == \
        [("crisis_plan", None), ("ir_protocol", None)]
    assert_error(server.get("/api/v1/crisis-templates/JM/crisis_plan",
                            session=jm), 404, "not_found")
    r = write(server, jm, "JM", "crisis_plan", 0, body="v1 text")
    assert r.status_code == 201, r.text
    assert r.json()["version"] == 1
    r = write(server, jm, "JM", "crisis_plan", 1, body="v2 text")
    assert r.json()["version"] == 2 and r.json()["current_version"] == 2
    assert_error(write(server, jm, "JM", "crisis_plan", 1), 409,
                 "version_conflict")
    cur = server.get("/api/v1/crisis-templates/JM/crisis_plan",
                     session=jm).json()
    assert cur["version"] == 2 and cur["body"] == "v2 text"
    old = server.get("/api/v1/crisis-templates/JM/crisis_plan/versions/1",
                     session=jm).json()
    assert old["body"] == "v1 text" and old["current_version"] == 2
    hist = server.get("/api/v1/crisis-templates/JM/crisis_plan/versions"
                      "?limit=1", session=jm).json()
    assert hist["total"] == 2 and [v["version"] for v in hist["items"]] \
        == [2]
    hist2 = server.get("/api/v1/crisis-templates/JM/crisis_plan/versions"
                       f"?limit=1&cursor={hist['next_cursor']}",
                       session=jm).json()
    assert [v["version"] for v in hist2["items"]] == [1]
    assert hist2["next_cursor"] is None
    acts = [e["action"] for e in server.audit_events()]
    assert acts.count("crisis_template.write") == 2
    # the protocol is versioned on its own
    assert write(server, jm, "JM", "ir_protocol", 0).json()["version"] == 1


def test_template_access(server):
    jm = server.login("ncpoc.jm")
    assert write(server, jm, "JM", "crisis_plan", 0).status_code == 201
    rifc = server.bearer("analyst")
    assert server.get("/api/v1/crisis-templates/JM/crisis_plan",
                      session=rifc).status_code == 200
    assert_error(write(server, rifc, "JM", "crisis_plan", 1), 404,
                 "not_found")
    for who in ("cert.bb", "coordinator", "partner"):
        s = server.bearer(who)
        assert_error(server.get("/api/v1/crisis-templates/JM/crisis_plan",
                                session=s), 404, "not_found")
        assert_error(write(server, s, "JM", "crisis_plan", 1), 404,
                     "not_found")
    assert_error(write(server, jm, "BB", "crisis_plan", 0), 404,
                 "not_found")
    assert_error(server.get("/api/v1/crisis-templates/JM/war_plan",
                            session=jm), 404, "not_found")
    assert_error(server.get("/api/v1/crisis-templates/JMX/crisis_plan",
                            session=jm), 422, "invalid_state_code")
    assert_error(server.get("/api/v1/crisis-templates", session=jm), 422,
                 "missing_field")
    assert server.get("/api/v1/crisis-templates/JM/crisis_plan",
                      session=jm).json()["version"] == 1
