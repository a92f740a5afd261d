"""The capacity seed over real HTTP, on both backends.

What must hold: every installation has the real Caribbean initiatives of
the public seed, flagged as seeded from public sources, each with its
source as a document link and its organisations in the directory (with
IATI references where known); the demo adds fictitious initiatives that
show a duplicate pair, a need nobody covers, a need covered without
money and a proposal waiting for the RIFC; money of the seed stays in
its own currencies.
"""
from capacity_helpers import INITIATIVES, all_pages
from sharing_helpers import get


def by_ident(server):
    items, _ = all_pages(server, "partner", INITIATIVES, 200)
    return {i["iati_identifier"]: i for i in items}


def test_public_seed(server):
    inis = by_ident(server)
    public = {k: v for k, v in inis.items() if v["seeded_public"]}
    assert len(public) == 8
    for ini in public.values():
        assert ini["iati_identifier"].startswith("CCSCAP-SEED-")
        assert ini["organisations"], ini["title"]
    with_docs = [i for i in public.values() if i["documents"]]
    assert len(with_docs) == 7     # the EDF component has no public URL
    assert all(d["url"].startswith("http") for i in with_docs
               for d in i["documents"])
    ph2 = public["CCSCAP-SEED-INTERPOL-AMERICAS-2"]
    assert (ph2["start"], ph2["end"]) == ("2018-04-01", "2021-03-31")
    assert {o["acronym"] for o in ph2["organisations"]} == {"GAC",
                                                           "INTERPOL"}
    gac = [o for o in ph2["organisations"] if o["acronym"] == "GAC"][0]
    assert gac["iati_ref"] == "CA-3" and gac["role"] == 1
    cardtp = public["CCSCAP-SEED-WB-CARDTP"]
    assert sum(float(s["percentage"]) for s in cardtp["states"]) == 100
    assert [t["amount"] for t in cardtp["transactions"]][:1] == \
        ["28000000.00"]
    gac_tx = public["CCSCAP-SEED-GAC-INTERPOL-2015"]["transactions"][0]
    assert (gac_tx["amount"], gac_tx["currency"]) == ("2757000.00", "CAD")
    assert not any(v["seeded_public"] for k, v in inis.items()
                   if k.startswith("DEMO-"))


def test_demo_shows_duplicate_gap_and_unfunded(server):
    inis = by_ident(server)
    a = inis["DEMO-ILEA-FR-2025"]["id"]
    b = inis["DEMO-UNODC-EEV-2025"]["id"]
    items, _ = all_pages(server, "coordinator",
                         "/api/v1/initiatives/duplicates", 200)
    pair = [c for c in items if {c["a"]["id"], c["b"]["id"]} == {a, b}]
    assert len(pair) == 1
    assert "different_implementers" in {r["code"] for r in
                                        pair[0]["reasons"]}
    cov = get(server, "partner", "/api/v1/coverage").json()
    for st in cov["by_state"]:
        assert "T5.3" in st["uncovered"], st["state"]
    gy = [s for s in cov["by_state"] if s["state"] == "GY"][0]
    assert "T5.1" in gy["unfunded"]
    funding = get(server, "partner", "/api/v1/funding").json()
    years = {r["key"]: r["totals"] for r in funding["by"]["year"]}
    assert years["2015"]["CAD"]["committed"] == "2757000.00"
    assert "USD" not in years["2015"]


def test_demo_has_a_pending_proposal(server):
    """Out of the box the RIFC has a proposal to decide: the completed
    schools campaign in Saint Lucia proposes the school awareness
    standard for LC."""
    camps = get(server, "partner",
                "/api/v1/campaigns?state=LC&audience=schools").json()
    demo = [c for c in camps["items"] if c["title"].endswith("(demo)")]
    assert len(demo) == 1 and demo[0]["status"] == "completed"
    items, _ = all_pages(server, "analyst",
                         "/api/v1/proposals?status=pending&source=campaign"
                         f"&source_id={demo[0]['id']}", 50)
    assert [(p["state"], p["standard"], p["level"]) for p in items] == [
        ("LC", "AWR-SCHOOLS", 3)]
    assert items[0]["source"]["kind"] == "campaign"
