"""GET /api/v1/vocabularies: the one source of every word list the pages
read. Public (the words are published taxonomies and the plan's names);
the keys it lists are the keys the API accepts."""

from conftest import assert_error, assert_security_headers

SEVERITIES = ["low", "medium", "high", "critical"]
STATUSES = ["reported", "triaged", "investigating", "contained", "resolved",
            "closed"]
WORDS = ["severities", "statuses", "contact_roles", "ncpoc_categories",
         "organisation_kinds", "user_roles", "state_statuses", "gci_pillars",
         "cmm_dimensions", "training_audiences", "participant_roles",
         "campaign_audiences", "campaign_channels", "event_statuses",
         # monitoring: meetings, recommendations, plan versions
         "meeting_kinds", "recommendation_timeframes",
         "recommendation_statuses", "plan_item_changes",
         "evaluation_findings", "dac_criteria",
         # public reports (reporting)
         "report_categories", "report_victim_types",
         "report_first_contacts", "report_payment_methods",
         "report_statuses",
         # public report triage
         "public_report_statuses", "public_report_priorities",
         "public_report_referrals",
         # legal harmonisation tracker
         "legal_kinds", "legal_statuses", "legal_treaty_statuses",
         "legal_treaties", "legal_families",
         # 24/7 preservation requests (evidence24)
         "preservation_statuses", "preservation_actions",
         "preservation_legal_bases", "preservation_urgencies",
         "preservation_data_categories", "preservation_identifier_kinds",
         "preservation_dues",
         # forensics: pooled labs and chain of custody
         "forensic_statuses", "forensic_urgencies", "forensic_devices",
         "evidence_copies", "evidence_kinds",
         # cyber crisis management
         "crisis_statuses", "crisis_roles", "crisis_log_kinds",
         "crisis_audiences", "crisis_channels", "crisis_task_statuses",
         "crisis_template_kinds", "crisis_tiers"]


def test_public_and_complete(server):
    r = server.get("/api/v1/vocabularies")
    assert r.status_code == 200, r.text
    assert_security_headers(r)
    v = r.json()
    # The keys and shapes the answer had before the words moved to core.
    assert list(v)[:5] == ["rsit", "sectors", "crime_links", "severities",
                           "statuses"]
    assert v["severities"] == SEVERITIES
    assert v["statuses"] == STATUSES
    assert "_comment" not in v
    fraud = next(c for c in v["rsit"] if c["key"] == "fraud")
    assert "phishing" in [t["key"] for t in fraud["types"]]
    assert next(s for s in v["sectors"] if s["key"] == "energy")["critical"]
    assert v["crime_links"] and all("name" in c for c in v["crime_links"])
    assert sorted(v["words"]) == sorted(WORDS)
    for name, words in v["words"].items():
        assert words, name
        for w in words:
            assert w["key"] and w["name"], (name, w)
    assert [w["key"] for w in v["words"]["severities"]] == SEVERITIES
    assert [w["key"] for w in v["words"]["statuses"]] == STATUSES
    assert {w["key"]: w["name"] for w in v["words"]["contact_roles"]}[
        "e_evidence_24x7"] == "24/7 e-evidence contact"
    assert v["words"]["state_statuses"][0] == {
        "key": "member", "name": "Member state", "plural": "Member states"}
    # Signed in, the same answer.
    s = server.login("ncpoc.jm")
    assert server.get("/api/v1/vocabularies", session=s).json() == v


def test_status_moves_are_the_workflow(server):
    moves = server.get("/api/v1/vocabularies").json()["status_moves"]
    assert moves == {
        "reported": STATUSES[1:],
        "triaged": STATUSES[2:],
        "investigating": STATUSES[3:],
        "contained": ["investigating", "resolved", "closed"],
        "resolved": ["investigating", "closed"],
        "closed": [],
    }


def test_listed_moves_are_accepted_and_others_refused(server):
    """The served workflow is the one PATCH enforces: walk an incident
    along the moves, and try each unlisted move from where it stands."""
    moves = server.get("/api/v1/vocabularies").json()["status_moves"]
    s = server.login("ncpoc.jm")
    r = server.request("POST", "/api/v1/incidents", session=s, json={
        "title": "Vocabulary walk", "description": "Workflow check.",
        "rsit": "fraud:phishing", "severity": "low", "tlp": "green"})
    assert r.status_code == 201, r.text
    path = f"/api/v1/incidents/{r.json()['id']}"
    version = r.json()["version"]
    for here, there in (("reported", "contained"),
                        ("contained", "resolved"),
                        ("resolved", "investigating"),
                        ("investigating", "closed")):
        for st in STATUSES:
            if st != here and st not in moves[here]:
                assert_error(server.request("PATCH", path, session=s, json={
                    "version": version, "status": st}), 409,
                    "invalid_transition")
        assert there in moves[here]
        r = server.request("PATCH", path, session=s,
                           json={"version": version, "status": there})
        assert r.status_code == 200, r.text
        version = r.json()["version"]
    for st in STATUSES[:-1]:
        assert_error(server.request("PATCH", path, session=s, json={
            "version": version, "status": st}), 409, "invalid_transition")


def test_words_are_what_the_api_accepts(server):
    v = server.get("/api/v1/vocabularies").json()["words"]
    s = server.bearer("coordinator")
    for w in v["contact_roles"]:
        r = server.get(f"/api/v1/contacts?role={w['key']}", session=s)
        assert r.status_code == 200, (w, r.text)
    assert server.get("/api/v1/contacts?role=NCPOC",
                      session=s).status_code == 422
    assert [w["key"] for w in v["user_roles"]] == [
        "admin", "coordinator", "rifc_analyst", "ncpoc", "cert", "steering",
        "partner"]
    states = server.get("/api/v1/states").json()["items"]
    keys = {w["key"] for w in v["state_statuses"]}
    assert {st["status"] for st in states} <= keys
    orgs = server.get("/api/v1/organisations", session=s).json()["items"]
    assert {o["kind"] for o in orgs} <= {w["key"] for w in
                                         v["organisation_kinds"]}
