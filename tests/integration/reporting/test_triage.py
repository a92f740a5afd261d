"""The triage API of public reports over real HTTP, on both backends.

What must hold: a report is seen only by the teams of the states it is
routed to and by the RIFC (anyone else gets the 404 of a missing
report, for reads and writes alike); the queue pages with a total and a
cursor, most urgent first, filtered by status, category, priority and
age; every read of a report's content is audited; the status moves by
the workflow's rules and an invalid move is a 409 that stores nothing;
a priority below the floor of imminent harm or child exploitation is
refused; a referral to another state puts the report in that state's
queue; the reporter's update reaches public_reports; converting makes
one incident whose indicators are the report's suspect identifiers and
links it; reports naming the same phone, however spelt, are bundled.
"""
from conftest import assert_error
from triage_helpers import report_id, submit

API = "/api/v1/public-reports"


def post(server, s, path, body):
    return server.request("POST", path, session=s, json=body)


def patch(server, s, path, body):
    return server.request("PATCH", path, session=s, json=body)


def filed(server, **kw):
    ref, _ = submit(server, **kw)
    return report_id(server, ref)


def test_routed_teams_and_rifc_only(server):
    rid = filed(server, state="JM", suspects={"phones": ["+1 876 555 0142"]})
    jm, bb = server.bearer("ncpoc.jm"), server.bearer("cert.bb")
    before = server.audit_seq()
    r = server.get(f"{API}/{rid}", session=jm)
    assert r.status_code == 200, r.text
    assert r.json()["body"]["what"].startswith("A caller took my savings")
    assert server.audit_seq() == before + 1
    assert server.get(f"{API}/{rid}",
                      session=server.bearer("analyst")).status_code == 200
    for who in ("cert.bb", "coordinator", "partner", "steering"):
        r = server.get(f"{API}/{rid}", session=server.bearer(who))
        assert_error(r, 404, "not_found")
        assert str(rid) in r.json()["error"]["message"]
    missing = server.get(f"{API}/{rid + 1000}", session=bb)
    assert_error(missing, 404, "not_found")
    assert (missing.json()["error"]["message"].replace(str(rid + 1000), "N")
            == server.get(f"{API}/{rid}", session=bb).json()["error"]
            ["message"].replace(str(rid), "N"))
    # Writes are refused the same way, and store nothing.
    snap = server.snapshot()
    r = patch(server, bb, f"{API}/{rid}", {"rsit": "fraud:phishing",
                                           "priority": "low"})
    assert_error(r, 404, "not_found")
    assert_error(post(server, bb, f"{API}/{rid}/convert", {}), 404,
                 "not_found")
    assert server.snapshot() == snap
    assert_error(server.get(f"{API}/{rid}"), 401, "authentication_required")


def test_queue_paging_order_filters_and_clock(server):
    ids = [filed(server, state="JM", category="fraud") for _ in range(3)]
    child = filed(server, state="JM", category="child_exploitation",
                  what="A link to abuse images")
    jm = server.bearer("ncpoc.jm")
    r = server.get(f"{API}?limit=2", session=jm)
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] >= 4 and len(page["items"]) == 2
    assert page["items"][0]["id"] == child
    assert page["items"][0]["priority"] == "urgent"
    seen = [it["id"] for it in page["items"]]
    while page["next_cursor"]:
        page = server.get(f"{API}?limit=2&cursor={page['next_cursor']}",
                          session=jm).json()
        seen += [it["id"] for it in page["items"]]
    assert len(seen) == len(set(seen)) == r.json()["total"]
    assert set(ids) <= set(seen)
    # no content in the queue
    assert "body" not in r.json()["items"][0]
    r = server.get(f"{API}?category=child_exploitation", session=jm)
    assert [it["id"] for it in r.json()["items"]] == [child]
    assert server.get(f"{API}?older_than_hours=48",
                      session=jm).json()["total"] == 0
    for q, code in (("priority=critical", "invalid_priority"),
                    ("status=open", "invalid_status"),
                    ("sort=random", "invalid_sort"),
                    ("cursor=abc", "invalid_cursor"),
                    ("older_than_hours=-1", "invalid_age"),
                    ("limit=500", "invalid_limit")):
        assert_error(server.get(f"{API}?{q}", session=jm), 400, code)
    assert_error(server.get(f"{API}?state=TT", session=jm), 403,
                 "forbidden")
    c = server.get(f"{API}/clock", session=jm).json()
    assert c["state"] == "JM" and c["received"] >= 4
    assert c["untriaged"] == c["received"] - c["triaged"]
    assert c["oldest_untriaged_age_seconds"] >= 0
    assert_error(server.get(f"{API}/clock?state=ZZ",
                            session=server.bearer("analyst")), 422,
                 "unknown_state")


def test_workflow_refusals_and_conversion(server):
    rid = filed(server, state="JM", suspects={
        "phones": ["+1 (876) 555-0199"], "emails": ["Boss@Fake-Bank.example"],
        "urls": ["hxxps://fake-bank[.]example/login"]})
    jm = server.bearer("ncpoc.jm")
    snap = server.snapshot()
    # not classified yet: no referral, no conversion
    assert_error(post(server, jm, f"{API}/{rid}/referrals",
                      {"target": "fiu"}), 409, "invalid_transition")
    assert_error(post(server, jm, f"{API}/{rid}/convert", {}), 409,
                 "invalid_transition")
    assert_error(patch(server, jm, f"{API}/{rid}", {
        "rsit": "fraud:phishing", "priority": "critical"}), 422,
        "invalid_priority")
    assert_error(patch(server, jm, f"{API}/{rid}", {
        "rsit": "fraud:phishing", "priority": "low",
        "imminent_harm": True}), 422, "priority_below_floor")
    assert_error(patch(server, jm, f"{API}/{rid}", {
        "rsit": "fraud:lottery", "priority": "low"}), 422, "invalid_rsit")
    assert server.snapshot() == snap
    r = patch(server, jm, f"{API}/{rid}", {"rsit": "fraud:phishing",
                                           "priority": "high"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "triaged"
    # referral to an unknown state, then to Barbados (a route)
    assert_error(post(server, jm, f"{API}/{rid}/referrals", {
        "target": "another_state", "state": "ZZ"}), 422, "unknown_state")
    assert_error(post(server, jm, f"{API}/{rid}/referrals", {
        "target": "interpol"}), 422, "invalid_referral")
    bb = server.bearer("cert.bb")
    assert server.get(f"{API}/{rid}", session=bb).status_code == 404
    r = post(server, jm, f"{API}/{rid}/referrals", {
        "target": "another_state", "state": "BB", "update": "Passed on"})
    assert r.status_code == 201, r.text
    assert server.get(f"{API}/{rid}", session=bb).status_code == 200
    ids = [it["id"] for it in server.get(f"{API}?state=BB",
                                         session=bb).json()["items"]]
    assert rid in ids
    # an update for the reporter
    r = post(server, jm, f"{API}/{rid}/updates", {
        "body": "We are looking <b>into</b> it", "for_reporter": True})
    assert r.status_code == 201, r.text
    # conversion: one incident, AMBER, with the identifiers
    r = post(server, jm, f"{API}/{rid}/convert", {})
    assert r.status_code == 201, r.text
    inc = r.json()["incident"]
    assert r.json()["report"]["status"] == "investigating"
    assert r.json()["report"]["triage"]["incident_id"] == inc["id"]
    got = server.get(f"/api/v1/incidents/{inc['id']}", session=jm).json()
    assert got["sharing"]["tlp"] == "amber"
    assert got["rsit_class"] == "fraud"
    values = {i["value"] for i in got["indicators"]}
    assert "+18765550199" in values
    assert "https://fake-bank.example/login" in values
    assert_error(post(server, jm, f"{API}/{rid}/convert", {}), 409,
                 "invalid_transition")
    r = post(server, jm, f"{API}/{rid}/close", {"reason": "Case open"})
    assert r.status_code == 200, r.text
    assert_error(post(server, jm, f"{API}/{rid}/close", {"reason": "x"}),
                 409, "invalid_transition")
    actions = [e["action"] for e in server.audit_events()]
    for a in ("public_report.read", "public_report.classify",
              "public_report.refer", "public_report.update",
              "public_report.convert", "incident.report",
              "public_report.close"):
        assert a in actions, a


def test_bundling_by_identifier(server):
    a = filed(server, state="JM", suspects={"phones": ["+1 876 555 0177"]})
    b = filed(server, state="JM", suspects={"phones": ["1-876-555-0177"]})
    t = filed(server, state="TT", suspects={"phones": ["18765550177"]})
    jm = server.bearer("ncpoc.jm")
    r = server.get(f"{API}/{a}/cluster", session=jm)
    assert r.status_code == 200, r.text
    assert r.json()["report_ids"] == [b]
    rifc = server.get(f"{API}/{a}/cluster", session=server.bearer("analyst"))
    assert sorted(rifc.json()["report_ids"]) == sorted([b, t])
    lst = server.get(f"{API}/clusters", session=jm).json()
    assert lst["total"] >= 1
    phone = [c for c in lst["items"] if c["value"] == "+18765550177"]
    assert phone and phone[0]["size"] == 2
    assert_error(server.get(f"{API}/{t}/cluster", session=jm), 404,
                 "not_found")


def test_queue_follows_the_list_contract(server):
    from list_contract import check_list, check_q
    for _ in range(5):
        filed(server, state="JM", category="fraud")
    jm = server.bearer("ncpoc.jm")
    check_list(server, jm, API,
               ["urgency", "created_at", "status", "category", "reference"],
               int_sorts=("created_at",))
    assert check_q(server, jm, API, "fraud", "category") >= 5
    # the CSV is the queue: what it shows, never what the reporter wrote
    r = server.get(f"{API}?format=csv", session=jm)
    assert r.status_code == 200, r.text
    assert r.text.splitlines()[0].startswith("id,reference,state,")


def test_clusters_follow_the_list_contract(server):
    from list_contract import check_list, check_q
    for k in range(6):
        for fmt in ("+1 876 555 01{:02d}", "1-876-555-01{:02d}"):
            filed(server, state="JM",
                  suspects={"phones": [fmt.format(k)]})
    # two Trinidad reports name one more phone: not a cluster JM sees
    for _ in range(2):
        filed(server, state="TT", suspects={"phones": ["+1 868 555 0199"]})
    jm = server.bearer("ncpoc.jm")
    url = f"{API}/clusters"
    total = check_list(server, jm, url,
                       ["size", "latest_at", "first_at", "kind", "value"],
                       int_sorts=("size", "latest_at", "first_at"))
    page = server.get(f"{url}?limit=200", session=jm).json()
    values = [c["value"] for c in page["items"]]
    assert "+18685550199" not in values
    assert len(values) == total and len(set(values)) == total
    for k in range(6):
        assert f"+187655501{k:02d}" in values
    assert check_q(server, jm, url, "8765550103", "value") == 1
    one = server.get(f"{url}?q=8765550103", session=jm).json()["items"][0]
    assert one["size"] == 2 and len(one["reports"]) == 2
    assert all(r["state"] == "JM" for r in one["reports"])
    csv_text = server.get(f"{url}?format=csv", session=jm).text
    assert "+18685550199" not in csv_text
    assert " ".join(r["reference"] for r in one["reports"]) in csv_text
    # the RIFC sees the Trinidad cluster too; ids do not move as
    # clusters come in
    rifc = server.bearer("analyst")
    ids = {c["value"]: c["id"] for c in server.get(
        f"{url}?limit=200", session=rifc).json()["items"]}
    assert "+18685550199" in ids
    for _ in range(2):
        filed(server, state="JM", suspects={"phones": ["+1 876 555 0000"]})
    again = {c["value"]: c["id"] for c in server.get(
        f"{url}?limit=200", session=rifc).json()["items"]}
    assert {v: again[v] for v in ids} == ids
    assert_error(server.get(f"{url}?state=TT", session=jm), 403,
                 "forbidden")
