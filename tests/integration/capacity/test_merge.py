"""Merging a duplicate pair decided "same work", over real HTTP, on both
backends.

What must hold: the coordinator names the initiative that survives; the
other is marked merged into it and stays readable with a link to the
survivor, and refuses edits; the survivor gains the states, needs,
standards, organisation roles and documents it lacked; money moves
unless the survivor already records the same money, and funding totals
count it once; the merged initiative leaves coverage and the candidates.
Bad input (keep missing or not one of the pair, keep on another
decision, a pair with a merged initiative) is refused with a clear code
and nothing changes. A training or campaign cannot be linked to the
merged initiative afterwards: refused, naming the survivor.
"""
from decimal import Decimal

from capacity_helpers import (INITIATIVES, cell_initiatives, create, org_id,
                              patch)
from conftest import assert_error
from sharing_helpers import audit_actions, get, post
from training_helpers import campaign_body, impacs, totals, training_body

DUPS = "/api/v1/initiatives/duplicates"
DECIDE = "/api/v1/initiatives/duplicates/decisions"
PLEDGE = {"type": 12, "date": "2024-02-01", "amount": "300",
          "currency": "USD"}


def candidates(server):
    items = get(server, "coordinator", f"{DUPS}?limit=200").json()["items"]
    return {frozenset((c["a"]["id"], c["b"]["id"])) for c in items}


def cell_ids(server, cov, need, state):
    return {i["id"] for i in cell_initiatives(server, "partner", cov, need,
                                              state)}


def pledged(server, state):
    doc = get(server, "partner", "/api/v1/funding").json()
    for row in doc["by"]["state"]:
        if row["key"] == state:
            return Decimal(row["totals"].get("USD", {}).get("pledged",
                                                            "0"))
    return Decimal(0)


def the_pair(server):
    """Two records of one course: same state and dates, the same pledge
    reported by both, and each with something the other lacks."""
    ctu = org_id(server, "Caribbean Telecommunications Union")
    keep = create(server, ident="XX-MRG-KEEP", needs=["T5.2"],
                  states=[{"state": "DM"}], transactions=[PLEDGE],
                  documents=[{"url": "https://example.org/keep.pdf",
                              "title": "Concept note"}])
    gone = create(server, ident="XX-MRG-GONE", needs=["T5.2", "T5.4"],
                  title="First responder e-evidence training course",
                  states=[{"state": "DM", "percentage": 50},
                          {"state": "LC", "percentage": 50}],
                  organisations=[{"id": ctu, "role": 4}],
                  transactions=[PLEDGE, {
                      "type": 3, "date": "2024-03-01", "amount": "120",
                      "currency": "USD", "state": "LC"}],
                  documents=[{"url": "https://example.org/gone.pdf",
                              "title": "Report"},
                             {"url": "https://example.org/keep.pdf",
                              "title": "Concept note"}])
    return keep, gone, ctu


def test_same_work_merges(server):
    base = pledged(server, "DM")
    keep, gone, ctu = the_pair(server)
    assert frozenset((keep["id"], gone["id"])) in candidates(server)
    # both records count: 300 to DM from one, half of 300 from the other
    assert pledged(server, "DM") == base + 450
    r = post(server, "coordinator", DECIDE, {
        "a": gone["id"], "b": keep["id"], "decision": "same_work",
        "keep": keep["id"], "reason": "One course reported twice"})
    assert r.status_code == 201, r.text
    m = r.json()["merge"]
    assert m["keep"] == keep["id"] and m["merged"] == gone["id"]
    assert m["added"] == {"states": 1, "needs": 1, "standards": 0,
                          "organisations": 1, "documents": 1}
    # the pledge both recorded stays behind; the disbursement moves
    assert m["moved"] == {"transactions": 1, "budgets": 0}
    assert m["left_on_merged"] == {"transactions": 1, "budgets": 0}

    k = get(server, "partner", f"{INITIATIVES}/{keep['id']}").json()
    assert k["merged_into"] is None
    assert {s["state"] for s in k["states"]} == {"DM", "LC"}
    assert k["needs"] == ["T5.2", "T5.4"]
    assert ctu in [o["id"] for o in k["organisations"] if o["role"] == 4]
    assert sorted(d["url"] for d in k["documents"]) == [
        "https://example.org/gone.pdf", "https://example.org/keep.pdf"]
    assert sorted(t["type"] for t in k["transactions"]) == [3, 12]
    assert k["version"] == keep["version"] + 1

    g = get(server, "partner", f"{INITIATIVES}/{gone['id']}").json()
    assert g["merged_into"]["id"] == keep["id"]
    assert g["merged_into"]["iati_identifier"] == "XX-MRG-KEEP"
    assert [t["type"] for t in g["transactions"]] == [12]
    assert_error(patch(server, "coordinator", gone["id"], {
        "version": g["version"], "title": "Still here"}), 409,
        "initiative_merged")

    cov = get(server, "partner", "/api/v1/coverage").json()
    assert gone["id"] not in cell_ids(server, cov, "T5.4", "LC")
    assert keep["id"] in cell_ids(server, cov, "T5.4", "LC")
    assert keep["id"] in cell_ids(server, cov, "T5.2", "DM")
    assert all(gone["id"] not in ids for ids in candidates(server))
    # the pledge is counted once, on the survivor
    assert pledged(server, "DM") == base + 300
    acts = audit_actions(server)
    assert "duplicate.decide" in acts and "initiative.merge" in acts


def test_merge_bad_input(server):
    keep, gone, _ = the_pair(server)
    other = create(server, ident="XX-MRG-OTHER", needs=["T5.2"],
                   states=[{"state": "DM"}])
    base = {"a": keep["id"], "b": gone["id"], "decision": "same_work",
            "reason": "r"}
    for over, status, code in (({}, 422, "missing_field"),
                               ({"keep": other["id"]}, 422,
                                "invalid_keep"),
                               ({"decision": "sibling",
                                 "keep": keep["id"]}, 422,
                                "invalid_keep")):
        b = dict(base)
        b.update(over)
        assert_error(post(server, "coordinator", DECIDE, b), status, code)
    r = post(server, "coordinator", DECIDE, dict(base, keep="a"))
    assert r.status_code in (400, 422) and \
        r.json()["error"]["code"] == "wrong_type", r.text
    g = get(server, "partner", f"{INITIATIVES}/{gone['id']}").json()
    assert g["merged_into"] is None
    assert frozenset((keep["id"], gone["id"])) in candidates(server)

    r = post(server, "coordinator", DECIDE, dict(base, keep=keep["id"]))
    assert r.status_code == 201, r.text
    # either side merged already: refused, nothing stored
    for a, b, k in ((other["id"], gone["id"], other["id"]),
                    (gone["id"], other["id"], gone["id"])):
        r = post(server, "coordinator", DECIDE, {
            "a": a, "b": b, "decision": "same_work", "keep": k,
            "reason": "again"})
        assert_error(r, 409, "already_merged")
    o = get(server, "partner", f"{INITIATIVES}/{other['id']}").json()
    assert o["merged_into"] is None and o["version"] == other["version"]
    assert_error(post(server, "partner", DECIDE, {
        "a": keep["id"], "b": other["id"], "decision": "same_work",
        "keep": keep["id"], "reason": "r"}), 403, "forbidden")


def test_merge_moves_every_child(server):
    """Results, related links (both ways), a training, a campaign and a
    proposal of the merged initiative all end on the survivor, each
    once; the merged one stays readable and points at the survivor."""
    from training_helpers import campaign_body, impacs, training_body, \
        unmet
    c = server.bearer("coordinator")
    std = unmet(server, c, "JM")
    ext = {"type": 1, "iati_identifier": "XM-EXT-PARENT-1"}
    same = {"type": 1, "title": "Officers trained", "measure": 1,
            "target": "40"}
    keep = create(server, ident="XX-KID-KEEP", needs=["T5.2"],
                  related=[ext], results=[same])
    gone = create(server, ident="XX-KID-GONE", needs=["T5.2"],
                  states=[{"state": "JM"}], standards=[std["lineage_id"]],
                  related=[ext, {"type": 3, "initiative_id": keep["id"]}],
                  results=[same, {"type": 2, "title": "Cases filed",
                                  "measure": 1, "target": "5"}])
    third = create(server, ident="XX-KID-THIRD", needs=["T1.2"],
                   related=[{"type": 3, "initiative_id": gone["id"]}])
    org = impacs(server, c)
    tr = server.request("POST", "/api/v1/trainings", session=c,
                        json=training_body(org, initiative_id=gone["id"]))
    assert tr.status_code == 201, tr.text
    ca = server.request("POST", "/api/v1/campaigns", session=c,
                        json=campaign_body(org, initiative_id=gone["id"]))
    assert ca.status_code == 201, ca.text
    # closing the merged one proposes its standard in JM
    r = patch(server, "coordinator", gone["id"],
              {"version": gone["version"], "status": 4})
    assert r.status_code == 200, r.text
    a = server.bearer("analyst")
    made = server.get(f"/api/v1/proposals?source=initiative&source_id="
                      f"{gone['id']}", session=a).json()
    assert made["total"] == 1

    r = post(server, "coordinator", DECIDE, {
        "a": keep["id"], "b": gone["id"], "decision": "same_work",
        "keep": keep["id"], "reason": "One course reported twice"})
    assert r.status_code == 201, r.text
    ch = r.json()["merge"]["children"]
    assert ch["moved"] == {"results": 1, "related": 2, "trainings": 1,
                           "campaigns": 1, "proposals": 1}
    assert ch["collapsed"] == {"results": 1, "related": 2,
                               "proposals": 0}
    assert ch["left_on_merged"] == {"proposals": 0}

    k = get(server, "partner", f"{INITIATIVES}/{keep['id']}").json()
    assert sorted(x["title"] for x in k["results"]) == [
        "Cases filed", "Officers trained"]
    # the two identical links to the parent collapsed into one; the
    # link between the pair is gone (it would point at itself)
    assert [(x["type"], x["iati_identifier"]) for x in k["related"]] == [
        (1, "XM-EXT-PARENT-1")]
    t = get(server, "partner", f"{INITIATIVES}/{third['id']}").json()
    assert [x["initiative_id"] for x in t["related"]] == [keep["id"]]
    assert get(server, "partner", f"/api/v1/trainings/{tr.json()['id']}"
               ).json()["initiative_id"] == keep["id"]
    assert get(server, "partner", f"/api/v1/campaigns/{ca.json()['id']}"
               ).json()["initiative_id"] == keep["id"]
    moved = server.get(f"/api/v1/proposals?source=initiative&source_id="
                       f"{keep['id']}", session=a).json()
    assert [p["id"] for p in moved["items"]] == [made["items"][0]["id"]]
    assert server.get(f"/api/v1/proposals?source=initiative&source_id="
                      f"{gone['id']}", session=a).json()["total"] == 0

    # the merged one answers as documented: readable, pointing on
    g = get(server, "partner", f"{INITIATIVES}/{gone['id']}").json()
    assert g["merged_into"]["id"] == keep["id"]
    assert g["results"] == [] and g["related"] == []
    acts = audit_actions(server)
    assert "initiative.merge" in acts


def test_no_link_to_a_merged_initiative(server):
    """A training or campaign is not linked to an initiative merged into
    another, on create or PATCH: 422 initiative_merged naming the field
    and the survivor, and nothing is stored; linked to the survivor it
    is accepted."""
    keep, gone, _ = the_pair(server)
    r = post(server, "coordinator", DECIDE, {
        "a": keep["id"], "b": gone["id"], "decision": "same_work",
        "keep": keep["id"], "reason": "One course reported twice"})
    assert r.status_code == 201, r.text
    c = server.bearer("coordinator")
    org = impacs(server, c)
    for path, make in (("/api/v1/trainings", training_body),
                       ("/api/v1/campaigns", campaign_body)):
        before = totals(server)
        r = server.request("POST", path, session=c, json=make(
            org, initiative_id=gone["id"]))
        assert_error(r, 422, "initiative_merged")
        msg = r.json()["error"]["message"]
        assert msg.startswith("initiative_id")
        assert f"merged into initiative {keep['id']}" in msg
        assert "XX-MRG-KEEP" in msg
        assert totals(server) == before
        # created unlinked, then a PATCH to the merged one is refused
        r = server.request("POST", path, session=c, json=make(org))
        assert r.status_code == 201, r.text
        rec = r.json()
        r = server.request("PATCH", f"{path}/{rec['id']}", session=c,
                           json={"initiative_id": gone["id"]})
        assert_error(r, 422, "initiative_merged")
        assert server.get(f"{path}/{rec['id']}", session=c).json() == rec
        # the survivor is accepted
        r = server.request("PATCH", f"{path}/{rec['id']}", session=c,
                           json={"initiative_id": keep["id"]})
        assert r.status_code == 200, r.text
        assert r.json()["initiative_id"] == keep["id"]
