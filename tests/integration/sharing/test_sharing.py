"""Incidents, indicators, correlation, routing and search: behaviour a
reporter or an analyst notices, and bad input refused with nothing stored.
(Who sees what under each TLP level is test_tlp_matrix.py.)"""

import uuid

from conftest import assert_error


def incident(**kw):
    body = {"title": "Card skimming ring", "description": "ATM skimmers",
            "rsit": "fraud:masquerade", "severity": "medium", "tlp": "green"}
    body.update(kw)
    return body


def stored(server):
    """What an analyst could count: incidents, values, sightings, audit."""
    q = server.db.sql
    return (q("SELECT COUNT(*) FROM incidents")[0][0],
            q("SELECT COUNT(*) FROM ind_values")[0][0],
            q("SELECT COUNT(*) FROM sightings")[0][0],
            q("SELECT COUNT(*) FROM markings")[0][0],
            server.audit_seq())


def test_bad_reports_store_nothing(server):
    s = server.login("ncpoc.jm")
    before = stored(server)
    cases = [
        (incident(indicators=[{"type": "domain", "value": "good-one.com"},
                              {"type": "ipv4", "value": "300.1.2.3"}]),
         422, "invalid_indicator", "indicators[1]"),
        (incident(indicators=[{"type": "wallet", "value": "x"}]), 422,
         "unknown_indicator_type", "indicators[0]"),
        (incident(tlp="amber-ish"), 422, "unknown_tlp", "tlp"),
        (incident(tlp="red"), 422, "recipients_required", "recipient"),
        (incident(tlp="green", share_states=["BB"]), 422,
         "sharing_not_applicable", "AMBER"),
        (incident(tlp="amber", share_states=["XX"]), 422, "unknown_state",
         "share_states[0]"),
        (incident(tlp="red", recipients=["nobody.here"]), 422,
         "unknown_recipient", "recipients[0]"),
        (incident(rsit="fraud:carjacking"), 422, "invalid_rsit", "fraud"),
        (incident(sectors=["energy", "space"]), 422, "invalid_vocabulary",
         "sectors[1]"),
        (incident(occurred_at="2026-13-45T10:00:00Z"), 422, "invalid_time",
         "occurred_at"),
        (incident(state="BB"), 403, "forbidden", "BB"),
        (incident(related=[999999]), 422, "unknown_incident", "related[0]"),
        (incident(surprise=1), 400, "unknown_field", "surprise"),
    ]
    for body, status, code, mention in cases:
        r = server.request("POST", "/api/v1/incidents", session=s, json=body)
        msg = assert_error(r, status, code)
        assert mention in msg, (code, msg)
    assert stored(server) == before


def test_correlation_on_arrival_and_normalisation(server):
    jm = server.login("ncpoc.jm")
    bb = server.login("cert.bb")
    tag = uuid.uuid4().hex[:6]
    r = server.request("POST", "/api/v1/incidents", session=jm, json=incident(
        indicators=[{"type": "cidr", "value": "45.77.12.0/24"},
                    {"type": "url", "value": f"hxxps://PAY-{tag}[.]com/x#frag"},
                    {"type": "btc", "value": "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"}]))
    assert r.status_code == 201, r.text
    vals = {i["type"]: i["value"] for i in r.json()["indicators"]}
    assert vals["url"] == f"https://pay-{tag}.com/x"
    assert vals["cidr4"] == "45.77.12.0/24"
    # BB's address inside JM's network, JM's URL host, the same wallet
    r = server.request("POST", "/api/v1/indicators", session=bb, json={
        "tlp": "green", "indicators": [
            {"type": "ipv4", "value": "45.77.12.9"},
            {"type": "domain", "value": f"www.pay-{tag}.com"},
            {"type": "btc", "value": " 1BoatSLRHtKNngkdXEeobR76b53LETtpyT "}]})
    assert r.status_code == 201, r.text
    got = {i["value"]: i for i in r.json()["items"]}
    ip = got["45.77.12.9"]
    assert [(x["value"], x["relation"]) for x in ip["related"]] == \
        [("45.77.12.0/24", "network")]
    dom = got[f"www.pay-{tag}.com"]
    assert ("https://pay-%s.com/x" % tag, "registered_domain") in \
        [(x["value"], x["relation"]) for x in dom["related"]]
    wallet = got["1BoatSLRHtKNngkdXEeobR76b53LETtpyT"]
    assert wallet["sightings_visible"] == 2
    assert sorted(wallet["states"]) == ["BB", "JM"]
    # One row per distinct value, however often it is seen
    n = server.db.sql("SELECT COUNT(*) FROM ind_values WHERE value = "
                      "'1BoatSLRHtKNngkdXEeobR76b53LETtpyT'")[0][0]
    assert n == "1"


def test_warning_listed_values_are_flagged_and_not_clustered(server):
    for who in ("ncpoc.jm", "cert.bb"):
        r = server.request("POST", "/api/v1/indicators",
                           session=server.login(who), json={
                               "tlp": "green", "indicators": [
                                   {"type": "ipv4", "value": "8.8.8.8"}]})
        assert r.status_code == 201, r.text
        assert r.json()["items"][0]["warning"]
    c = server.get("/api/v1/clusters", session=server.login("analyst"))
    assert c.status_code == 200
    assert "8.8.8.8" not in [i["value"] for i in c.json()["items"]]


def test_status_workflow_and_versions(server):
    s = server.login("ncpoc.jm")
    r = server.request("POST", "/api/v1/incidents", session=s, json=incident())
    inc = r.json()
    path = f"/api/v1/incidents/{inc['id']}"
    r = server.request("PATCH", path, session=s,
                       json={"version": 1, "status": "investigating"})
    assert r.status_code == 200 and r.json()["version"] == 2, r.text
    assert_error(server.request("PATCH", path, session=s, json={
        "version": 1, "status": "contained"}), 409, "stale_version")
    assert_error(server.request("PATCH", path, session=s, json={
        "version": 2, "status": "triaged"}), 409, "invalid_transition")
    for v, st in ((2, "resolved"), (3, "investigating"), (4, "closed")):
        r = server.request("PATCH", path, session=s,
                           json={"version": v, "status": st})
        assert r.status_code == 200, r.text
    assert_error(server.request("PATCH", path, session=s, json={
        "version": 5, "status": "investigating"}), 409, "invalid_transition")
    # another state's team may read a GREEN incident but not change it
    assert_error(server.request("PATCH", path, session=server.login("cert.bb"),
                                json={"version": 5, "severity": "low"}),
                 403, "forbidden")


def test_constituency_claims_and_routing(server):
    # (the demo data already gives JM and BB their ccTLDs: use KN)
    bb = server.login(server.add_user("kn.cert", "cert", "KN"))
    coord = server.login("coordinator")
    assert_error(server.request("POST", "/api/v1/constituencies", session=bb,
                                json={"kind": "cctld", "value": "jm"}),
                 422, "invalid_claim")
    assert_error(server.request("POST", "/api/v1/constituencies", session=bb,
                                json={"kind": "cctld", "value": "kn",
                                      "state": "JM"}), 403, "forbidden")
    ids = []
    for body in ({"kind": "cctld", "value": ".KN"},
                 {"kind": "cidr", "value": "196.1.160.0/19"},
                 {"kind": "asn", "value": "AS27876"}):
        r = server.request("POST", "/api/v1/constituencies", session=bb,
                           json=body)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    assert r.json()["value"] == "AS27876" and r.json()["status"] == "pending"
    assert_error(server.request("POST", f"/api/v1/constituencies/{ids[0]}"
                                "/approve", session=bb), 403, "forbidden")
    assert_error(server.request("POST", f"/api/v1/constituencies/{ids[2]}"
                                "/reject", session=coord, json={}), 422,
                 "reason_required")
    for i in ids[:2]:
        r = server.request("POST", f"/api/v1/constituencies/{i}/approve",
                           session=coord)
        assert r.status_code == 200 and r.json()["status"] == "approved"
    assert_error(server.request("POST", f"/api/v1/constituencies/{ids[0]}"
                                "/approve", session=coord), 409,
                 "already_decided")
    # JM's overlapping network claim cannot be approved
    jm = server.login("ncpoc.jm")
    r = server.request("POST", "/api/v1/constituencies", session=jm,
                       json={"kind": "cidr", "value": "196.1.170.0/24"})
    assert_error(server.request("POST", "/api/v1/constituencies/%d/approve"
                                % r.json()["id"], session=coord), 409,
                 "claim_conflict")
    # JM reports a .kn host and an address in KN's network: both routed
    r = server.request("POST", "/api/v1/incidents", session=jm, json=incident(
        indicators=[{"type": "url", "value": "http://gov-kn-tax.gov.kn/a"},
                    {"type": "ipv4", "value": "196.1.161.4"},
                    {"type": "domain", "value": "unrelated-place.com"}]))
    assert r.status_code == 201, r.text
    q = server.get("/api/v1/queue", session=bb).json()
    assert sorted(i["value"] for i in q["items"]) == \
        ["196.1.161.4", "http://gov-kn-tax.gov.kn/a"]
    assert_error(server.get("/api/v1/queue?state=KN", session=jm), 403,
                 "forbidden")
    item = q["items"][0]["id"]
    r = server.request("POST", f"/api/v1/queue/{item}/done", session=bb)
    assert r.status_code == 200, r.text
    assert len(server.get("/api/v1/queue", session=bb).json()["items"]) == 1
    assert_error(server.request("POST", f"/api/v1/queue/{item}/done",
                                session=jm), 404, "not_found")


def test_search_is_full_text_and_never_query_syntax(server):
    s = server.login("cert.bb")
    r = server.request("POST", "/api/v1/incidents", session=s, json=incident(
        title="Ransomware at the port authority zx81",
        description="LockBit affiliate encrypted the cargo system",
        rsit="malicious-code:infected-system"))
    assert r.status_code == 201
    for q in ("zx81 ransomware", "zx81 cargo lockb", "PORT Authority zx81"):
        hits = server.get(f"/api/v1/search?q={q}", session=s).json()["items"]
        assert [h["title"] for h in hits] == \
            ["Ransomware at the port authority zx81"], q
    for q in ('"', "a OR b NEAR(", "x* AND -y", "title:(", "'; DROP"):
        r = server.get("/api/v1/search", params={"q": q}, session=s)
        assert r.status_code in (200, 422), r.text
        if r.status_code == 422:
            assert_error(r, 422, "invalid_query")
    assert_error(server.get("/api/v1/search?q=", session=s), 422,
                 "invalid_query")


def test_attachments_follow_the_incident_marking(server):
    jm = server.login("ncpoc.jm")
    r = server.request("POST", "/api/v1/evidence", session=jm,
                       data=b"%PDF-1.4 victim statement",
                       headers={"Content-Type": "application/pdf"})
    sha = r.json()["sha256"]
    server.add_user("red.reader", "cert", "TT")
    r = server.request("POST", "/api/v1/incidents", session=jm, json=incident(
        tlp="red", recipients=["red.reader"],
        files=[{"sha256": sha, "filename": "statement.pdf"}]))
    assert r.status_code == 201, r.text
    assert r.json()["files"][0]["filename"] == "statement.pdf"
    # regional roles read evidence of status records, not this file
    for who in ("admin", "coordinator", "analyst", "steering"):
        got = server.get(f"/api/v1/evidence/{sha}", session=server.bearer(who))
        assert_error(got, 404, "not_found")
    got = server.get(f"/api/v1/evidence/{sha}",
                     session=server.bearer("red.reader"))
    assert got.status_code == 200 and got.content.startswith(b"%PDF")


def test_subscribers_hear_of_incidents_they_may_read(server):
    bb = server.login("cert.bb")
    r = server.request("POST", "/api/v1/subscriptions", session=bb,
                       json={"topic": "sector", "value": "energy"})
    assert r.status_code == 201, r.text
    jm = server.login("ncpoc.jm")
    ids = {}
    for tlp in ("green", "amber"):
        r = server.request("POST", "/api/v1/incidents", session=jm,
                           json=incident(tlp=tlp, sectors=["energy"],
                                         title=f"Grid outage {tlp}"))
        assert r.status_code == 201, r.text
        ids[tlp] = r.json()["id"]
    inbox = server.get("/api/v1/inbox", session=bb).json()["items"]
    refs = [(i["kind"], i["ref_id"]) for i in inbox]
    assert ("incident", ids["green"]) in refs
    assert ("incident", ids["amber"]) not in refs


def test_advisory_indicators_are_correlated(server):
    jm = server.login("ncpoc.jm")
    r = server.request("POST", "/api/v1/incidents", session=jm, json=incident(
        indicators=[{"type": "domain", "value": "invoice-portal-tt.com"}]))
    assert r.status_code == 201, r.text
    rifc = server.login("analyst")
    body = {"title": "Invoice fraud kit", "summary": "Block these.",
            "severity": "high", "to_states": ["JM", "BB"], "tlp": "green",
            "actions": ["Block the domain at the resolvers"],
            "indicators": [{"type": "domain",
                            "value": "invoice-portal-tt[.]com"},
                           {"type": "ipv4", "value": "999.1.1.1"}]}
    before = stored(server)
    msg = assert_error(server.request("POST", "/api/v1/advisories",
                                      session=rifc, json=body),
                       422, "invalid_indicator")
    assert "indicators[1]" in msg
    assert stored(server) == before
    body["indicators"].pop()
    r = server.request("POST", "/api/v1/advisories", session=rifc, json=body)
    assert r.status_code == 201, r.text
    got = server.get(f"/api/v1/advisories/{r.json()['id']}",
                     session=server.login("cert.bb")).json()
    [ind] = got["indicators"]
    assert ind["value"] == "invoice-portal-tt.com"
    assert [s["state"] for s in ind["matches"]["sightings"]] == ["JM"]


def test_state_filter_never_tells_of_an_unreadable_sighting(server):
    """JM sees a value through its own GREEN report; BB also reports it at
    TLP:RED to someone else. Filtering JM's indicator list by BB must not
    reveal that BB's sighting exists."""
    server.add_user("tt.red", "cert", "TT")
    jm = server.login("ncpoc.jm")
    r = server.request("POST", "/api/v1/indicators", session=jm, json={
        "tlp": "green", "indicators": [{"type": "domain",
                                        "value": "red-filter-probe.com"}]})
    assert r.status_code == 201, r.text
    r = server.request("POST", "/api/v1/indicators",
                       session=server.login("cert.bb"), json={
                           "tlp": "red", "recipients": ["tt.red"],
                           "indicators": [{"type": "domain",
                                           "value": "red-filter-probe.com"}]})
    assert r.status_code == 201, r.text
    mine = server.get("/api/v1/indicators?state=JM", session=jm).json()
    assert "red-filter-probe.com" in [i["value"] for i in mine["items"]]
    bb = server.get("/api/v1/indicators?state=BB", session=jm).json()
    assert "red-filter-probe.com" not in [i["value"] for i in bb["items"]]
    # the named recipient does see it under BB
    tt = server.get("/api/v1/indicators?state=BB",
                    session=server.login("tt.red")).json()
    assert "red-filter-probe.com" in [i["value"] for i in tt["items"]]
