"""Plan versions and their evaluation over real HTTP, on both backends.

What must hold: the 2016 plan is seeded item by item, its needs and
solutions in the words of the needs catalogue (linked, not copied) and
the items of sections 4-10 with their own text; a new version derived
from it carries every item as kept with its predecessor, and the old
item shows its successor; items are changed, dropped or added all or
none, an unknown item refused naming it; the adopted plan itself is
never changed. An evaluation lists every item with the evidence the
records hold and takes findings and OECD DAC scores (1-4) per item.
"""
from conftest import assert_error
from meetings_helpers import (PLANS, RECS, all_pages, call, count,
                              rec_body)
from sharing_helpers import audit_actions


def original(server):
    items, _ = all_pages(server, "partner", PLANS, 50)
    v = [x for x in items if x["derived_from"] is None]
    assert len(v) == 1
    r = call(server, "partner", "GET", f"{PLANS}/{v[0]['id']}")
    assert r.status_code == 200, r.text
    return r.json()


def by_ref(version):
    return {i["ref"]: i for i in version["items"]}


def derive(server, v, label="2024-2025 update"):
    r = call(server, "coordinator", "POST", PLANS, {
        "from": v["id"], "label": label,
        "title": "CCSCAP updated after the October 2024 consultations"})
    assert r.status_code == 201, r.text
    return r.json()


def test_2016_plan_seeded_item_by_item(server):
    v = original(server)
    assert v["label"] == "2016"
    items = by_ref(v)
    needs, _ = all_pages(server, "partner", "/api/v1/needs", 50)
    for n in needs:
        it = items[n["ref"]]
        assert it["kind"] == "need" and it["text"] == n["need"]
        assert it["text_from"] == "needs"
        for k, sol in enumerate(n["solutions"], 1):
            s = items[f"{n['ref']}/S{k}"]
            assert s["kind"] == "solution" and s["text"] == sol
    kinds = {i["kind"] for i in v["items"]}
    assert kinds == {"need", "solution", "governance", "standards",
                     "review", "monitoring", "funding", "timeline"}
    assert "Stakeholders Meetings" in items["S8.3"]["text"]
    assert items["S8.3"]["section"] == "8"
    assert all(i["change"] == "original" for i in v["items"])
    assert v["items_total"] == len(v["items"])
    assert server.request("GET", PLANS).status_code == 401


def test_derive_change_drop_add(server):
    v = original(server)
    new = derive(server, v)
    old, cur = by_ref(v), by_ref(new)
    assert new["derived_from"] == v["id"]
    assert set(cur) == set(old)
    for ref, it in cur.items():
        assert it["change"] == "kept"
        assert it["predecessor_id"] == old[ref]["id"]
        assert it["text"] == old[ref]["text"]
    again = call(server, "partner", "GET", f"{PLANS}/{v['id']}").json()
    assert {i["ref"]: i["successor_id"] for i in again["items"]} == {
        ref: cur[ref]["id"] for ref in old}

    path = f"{PLANS}/{new['id']}/items"
    r = call(server, "steering", "PATCH", path, {"items": [
        {"id": cur["T4.2"]["id"], "change": "changed",
         "text": "Enact cybercrime laws in line with the Budapest "
                 "Convention.", "note": "October 2024 consultations"},
        {"id": cur["S9.2"]["id"], "change": "dropped"},
        {"ref": "N1", "kind": "governance", "section": "4",
         "text": "A regional cyber-resilience strategy with the CARICOM "
                 "Secretariat.", "change": "new"}]})
    assert r.status_code == 200, r.text
    got = by_ref(r.json())
    assert got["T4.2"]["change"] == "changed"
    assert got["T4.2"]["text"].startswith("Enact cybercrime laws")
    assert got["T4.2"]["text_from"] == "item"
    assert got["S9.2"]["change"] == "dropped"
    assert got["N1"]["change"] == "new"
    assert got["N1"]["predecessor_id"] is None
    need = call(server, "partner", "GET", "/api/v1/needs/T4.2").json()
    assert need["need"] == old["T4.2"]["text"]
    # back to kept: the predecessor's words again
    r = call(server, "coordinator", "PATCH", path, {"items": [
        {"id": cur["T4.2"]["id"], "change": "kept"}]})
    assert by_ref(r.json())["T4.2"]["text"] == old["T4.2"]["text"]
    assert "plan_version.items" in audit_actions(server)
    # a version derived from the update leaves the dropped item behind
    third = by_ref(derive(server, r.json(), label="2027 review"))
    assert "S9.2" not in third and "N1" in third


def test_item_changes_all_or_none(server):
    v = original(server)
    new = derive(server, v)
    cur = by_ref(new)
    path = f"{PLANS}/{new['id']}/items"
    good = {"id": cur["T1.1"]["id"], "change": "changed", "text": "New."}
    cases = [
        ([good, {"id": 987654, "change": "dropped"}], 422,
         "unknown_plan_item", "items[1].id"),
        ([good, {"id": v["items"][0]["id"], "change": "dropped"}], 422,
         "unknown_plan_item", "items[1].id"),
        ([good, {"id": cur["T1.2"]["id"], "change": "new"}], 422,
         "invalid_field", "items[1]"),
        ([good, {"id": cur["T1.2"]["id"], "change": "changed"}], 422,
         "missing_field", "items[1].text"),
        ([good, {"id": cur["T1.2"]["id"], "change": "original"}], 422,
         "invalid_change", "items[1].change"),
        ([good, {"ref": "S4.1", "kind": "governance", "text": "x",
                 "change": "new"}], 409, "duplicate_ref", "items[1].ref"),
        ([good, {"ref": "N9", "kind": "need", "text": "x",
                 "change": "new"}], 422, "unknown_kind", "items[1].kind"),
    ]
    for items, status, code, field in cases:
        msg = assert_error(call(server, "coordinator", "PATCH", path,
                                {"items": items}), status, code)
        assert field in msg, (items, msg)
    after = by_ref(call(server, "partner", "GET",
                        f"{PLANS}/{new['id']}").json())
    assert after["T1.1"]["change"] == "kept"
    assert after["T1.1"]["text"] == cur["T1.1"]["text"]
    assert_error(call(server, "coordinator", "PATCH",
                      f"{PLANS}/{v['id']}/items", {"items": [
                          {"id": v["items"][0]["id"], "change": "dropped"}]}),
                 409, "original_version")
    for who in ("ncpoc.jm", "partner", "admin"):
        assert_error(call(server, who, "PATCH", path, {"items": [good]}),
                     403, "forbidden")
        assert_error(call(server, who, "POST", PLANS, {
            "from": v["id"], "label": "x", "title": "x"}), 403, "forbidden")
    assert_error(call(server, "coordinator", "POST", PLANS, {
        "from": v["id"], "label": "2024-2025 update", "title": "again"}),
        409, "duplicate_label")
    assert_error(call(server, "coordinator", "POST", PLANS, {
        "from": 987654, "label": "y", "title": "y"}), 422,
        "unknown_plan_version")
    assert_error(call(server, "partner", "GET", f"{PLANS}/987654"), 404,
                 "not_found")
    assert_error(call(server, "coordinator", "PATCH",
                      f"{PLANS}/987654/items", {"items": [good]}), 404,
                 "not_found")


def test_evaluation_with_evidence_and_scores(server):
    v = original(server)
    items = by_ref(v)
    path = f"{PLANS}/{v['id']}/evaluations"
    r = call(server, "coordinator", "POST", path, {
        "title": "Evaluation 2016-2024", "as_of": "2024-10-22"})
    assert r.status_code == 201, r.text
    ev = r.json()
    assert len(ev["items"]) == len(v["items"])
    first = {i["ref"]: i for i in ev["items"]}
    assert first["T2.4"]["progress"] is None
    before = first["T2.4"]["evidence"]["recommendations"]
    r = call(server, "coordinator", "POST", RECS, rec_body(need_ref="T2.4"))
    assert r.status_code == 201, r.text
    epath = f"{path}/{ev['id']}"
    got = {i["ref"]: i for i in call(server, "partner", "GET",
                                     epath).json()["items"]}
    assert got["T2.4"]["evidence"]["recommendations"] == before + 1
    assert got["T2.4"]["evidence"]["suggested"] in ("partly", "done")
    r = call(server, "steering", "PATCH", epath, {
        "summary": "Governance worked; legal harmonisation lagged.",
        "items": [
            {"item_id": items["S8.3"]["id"], "progress": "partly",
             "note": "Stakeholders met in 2016 and 2024 only.",
             "scores": {"relevance": {"score": 4, "text": "Still key."},
                        "efficiency": {"score": None,
                                       "text": "Not assessed."}}},
            {"item_id": items["T4.2"]["id"], "progress": "not_started"}]})
    assert r.status_code == 200, r.text
    out = r.json()
    got = {i["ref"]: i for i in out["items"]}
    assert out["summary"].startswith("Governance worked")
    assert got["S8.3"]["progress"] == "partly"
    assert got["S8.3"]["scores"]["relevance"] == {"score": 4,
                                                  "text": "Still key."}
    assert got["S8.3"]["scores"]["efficiency"]["score"] is None
    assert got["T4.2"]["progress"] == "not_started"
    assert got["T4.2"]["scores"] == {}
    n_scores = count(server, "plan_evaluation_scores")
    good = {"item_id": items["T1.1"]["id"], "progress": "done"}
    cases = [
        ({"item_id": 987654, "progress": "done"}, "unknown_plan_item",
         "items[1].item_id"),
        ({"item_id": items["T1.2"]["id"], "progress": "finished"},
         "unknown_progress", "items[1].progress"),
        ({"item_id": items["T1.2"]["id"], "progress": "done",
          "scores": {"beauty": {"score": 2}}}, "unknown_criterion",
         "beauty"),
        ({"item_id": items["T1.2"]["id"], "progress": "done",
          "scores": {"impact": {"score": 5}}}, "invalid_score",
         "scores.impact.score"),
    ]
    for bad, code, field in cases:
        msg = assert_error(call(server, "coordinator", "PATCH", epath,
                                {"items": [good, bad]}), 422, code)
        assert field in msg, (bad, msg)
    assert count(server, "plan_evaluation_scores") == n_scores
    again = {i["ref"]: i for i in call(server, "partner", "GET",
                                       epath).json()["items"]}
    assert again["T1.1"]["progress"] is None
    for who in ("ncpoc.jm", "partner", "admin"):
        assert_error(call(server, who, "PATCH", epath, {"items": [good]}),
                     403, "forbidden")
        assert_error(call(server, who, "POST", path, {
            "title": "x", "as_of": "2024-01-01"}), 403, "forbidden")
    assert_error(call(server, "coordinator", "POST", path, {
        "title": "x", "as_of": "soon"}), 422, "invalid_date")
    lst = call(server, "ncpoc.jm", "GET", path).json()
    assert lst["total"] == 1 and lst["items"][0]["id"] == ev["id"]
    assert_error(call(server, "partner", "GET", f"{path}/987654"), 404,
                 "not_found")
    assert_error(call(server, "partner", "GET",
                      f"{PLANS}/987654/evaluations"), 404, "not_found")
