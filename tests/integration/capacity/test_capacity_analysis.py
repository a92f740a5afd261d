"""Duplicate candidates, coverage and funding over real HTTP, on both
backends.

What must hold: two initiatives in the same state and years for the same
need by different implementers are a candidate naming both and its
reasons; a coordinator's decision removes the pair for good (co_funded
also links them as IATI related activities); the coverage matrix gives
each need x state cell its furthest stage with the initiatives behind
it, as JSON, CSV and XLSX; funding totals stay per currency and convert
only at a recorded rate, named with its date and source.
"""
import csv
import io
import zipfile

from capacity_helpers import INITIATIVES, cell_initiatives, create, org_id
from conftest import assert_error
from sharing_helpers import audit_actions, get, post

DUPS = "/api/v1/initiatives/duplicates"
DECIDE = "/api/v1/initiatives/duplicates/decisions"


def pair_of(server, who, a, b):
    items = get(server, who, f"{DUPS}?limit=200").json()["items"]
    return [c for c in items if {c["a"]["id"], c["b"]["id"]} == {a, b}]


def two_overlapping(server):
    ctu = org_id(server, "Caribbean Telecommunications Union")
    a = create(server, ident="XX-DUP-A")
    b = create(server, ident="XX-DUP-B",
               title="First responder e-evidence training course",
               planned_start="2024-06-01", planned_end="2025-03-31",
               states=[{"state": "JM"}],
               organisations=[{"id": ctu, "role": 4}])
    return a, b


def test_candidate_then_decision(server):
    a, b = two_overlapping(server)
    far = create(server, ident="XX-DUP-C", planned_start="2010-01-01",
                 planned_end="2010-12-31")
    got = pair_of(server, "partner", a["id"], b["id"])
    assert len(got) == 1
    cand = got[0]
    assert cand["a"]["id"] == a["id"] and cand["b"]["title"] == b["title"]
    codes = {r["code"] for r in cand["reasons"]}
    assert {"same_states", "overlapping_dates", "same_need",
            "similar_text", "different_implementers"} <= codes
    states = [r for r in cand["reasons"] if r["code"] == "same_states"]
    assert states[0]["states"] == ["JM"]
    assert cand["score"] >= 50
    assert pair_of(server, "partner", a["id"], far["id"]) == []

    body = {"a": b["id"], "b": a["id"], "decision": "co_funded",
            "reason": "Two donors, one course"}
    assert_error(post(server, "partner", DECIDE, body), 403, "forbidden")
    r = post(server, "coordinator", DECIDE, body)
    assert r.status_code == 201, r.text
    assert r.json()["a"] == a["id"] and r.json()["decision"] == "co_funded"
    assert pair_of(server, "coordinator", a["id"], b["id"]) == []
    assert_error(post(server, "coordinator", DECIDE, body), 409,
                 "already_decided")
    rel = get(server, "partner", f"{INITIATIVES}/{a['id']}").json()
    assert {"type": 4, "initiative_id": b["id"],
            "iati_identifier": "XX-DUP-B"} in rel["related"]
    assert "duplicate.decide" in audit_actions(server)


def test_not_duplicate_and_bad_decisions(server):
    a, b = two_overlapping(server)
    for bad, code in (({"decision": "maybe"}, "invalid_decision"),
                      ({"b": a["id"]}, "invalid_pair"),
                      ({"b": 987654}, "unknown_initiative")):
        body = {"a": a["id"], "b": b["id"], "decision": "not_duplicate",
                "reason": "r"}
        body.update(bad)
        assert_error(post(server, "coordinator", DECIDE, body), 422, code)
    r = post(server, "coordinator", DECIDE, {
        "a": a["id"], "b": b["id"], "decision": "not_duplicate",
        "reason": "Different audiences"})
    assert r.status_code == 201, r.text
    assert pair_of(server, "coordinator", a["id"], b["id"]) == []
    rel = get(server, "partner", f"{INITIATIVES}/{a['id']}").json()
    assert rel["related"] == []


def cell(cov, need, state):
    for c in cov["cells"]:
        if c["need"] == need and c["state"] == state:
            return c
    raise AssertionError(f"no cell {need} {state}")


def test_coverage_stages(server):
    base = get(server, "partner", "/api/v1/coverage").json()
    before = cell(base, "T5.3", "GY")["stage"]
    p = create(server, ident="XX-COV-1", needs=["T5.3"],
               states=[{"state": "GY"}])
    cov = get(server, "partner", "/api/v1/coverage").json()
    c = cell(cov, "T5.3", "GY")
    assert c["stage"] == "pipeline" or before != "uncovered"
    assert p["id"] in [i["id"] for i in cell_initiatives(
        server, "partner", cov, "T5.3", "GY")]
    gy = [s for s in cov["by_state"] if s["state"] == "GY"][0]
    if before == "uncovered":
        assert "T5.3" in gy["unfunded"] and "T5.3" not in gy["uncovered"]
    # money moves the stage; a transaction for another state does not
    create(server, ident="XX-COV-2", needs=["T5.3"],
           states=[{"state": "GY", "percentage": 50},
                   {"state": "SR", "percentage": 50}],
           transactions=[
               {"type": 12, "date": "2024-01-01", "amount": "10",
                "currency": "USD"},
               {"type": 3, "date": "2024-02-01", "amount": "5",
                "currency": "USD", "state": "SR"}])
    cov = get(server, "partner", "/api/v1/coverage").json()
    assert cell(cov, "T5.3", "SR")["stage"] == "disbursed"
    assert cell(cov, "T5.3", "GY")["stage"] in ("pledged", "disbursed",
                                                "completed")
    create(server, ident="XX-COV-3", needs=["T5.3"], status=4,
           states=[{"state": "SR"}])
    cov = get(server, "partner", "/api/v1/coverage").json()
    assert cell(cov, "T5.3", "SR")["stage"] == "completed"
    assert cov["stages"][0] == "uncovered"
    assert len(cov["cells"]) == len(cov["needs"]) * len(cov["states"])


def test_coverage_downloads(server):
    create(server, ident="XX-COV-D", needs=["T4.4"],
           states=[{"state": "BB"}])
    s = server.bearer("ncpoc.jm")
    r = server.get("/api/v1/coverage?format=csv", session=s)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["need", "priority_area", "state", "stage",
                       "initiatives"]
    bb = [x for x in rows if x[0] == "T4.4" and x[2] == "BB"][0]
    assert bb[1] == "PA4" and bb[3] != "uncovered"
    r = server.get("/api/v1/coverage?format=xlsx", session=s)
    assert r.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(r.content))
    assert any(n.startswith("xl/worksheets/") for n in z.namelist())
    assert b"XX-COV-D" in z.read("xl/sharedStrings.xml")
    assert_error(server.get("/api/v1/coverage?format=pdf", session=s), 400,
                 "invalid_format")


def totals(doc, dim, key):
    for row in doc["by"][dim]:
        if row["key"] == key:
            return row["totals"]
    return None


def test_funding_per_currency_and_rates(server):
    itu = org_id(server, "International Telecommunication Union")
    create(server, ident="XX-FUND-1", needs=["T3.3", "T5.3"],
           states=[{"state": "GY", "percentage": "66.67"},
                   {"state": "SR", "percentage": "33.33"}],
           transactions=[
               {"type": 12, "date": "2023-05-01", "amount": "100.00",
                "currency": "USD"},
               {"type": 2, "date": "2024-05-01", "amount": "50",
                "currency": "EUR", "state": "SR", "need": "T3.3",
                "provider_org_id": itu},
               {"type": 3, "date": "2024-06-01", "amount": "1000",
                "currency": "JPY"}])
    doc = get(server, "partner", "/api/v1/funding").json()
    # splits add up to the cent: 66.67 + 33.33 of 100.00
    gy, sr = totals(doc, "state", "GY"), totals(doc, "state", "SR")
    assert gy["USD"]["pledged"] == "66.67"
    assert sr["USD"]["pledged"] == "33.33"
    assert sr["EUR"]["committed"] == "50.00" and "EUR" not in gy
    t33 = totals(doc, "need", "T3.3")
    assert t33["USD"]["pledged"] == "50.00" and \
        t33["EUR"]["committed"] == "50.00"
    assert totals(doc, "area", "PA3")["EUR"]["committed"] == "50.00"
    assert totals(doc, "funder", str(itu))["EUR"]["committed"] == "50.00"
    assert totals(doc, "year", "2024")["JPY"]["disbursed"] == "1000"
    assert "converted" not in doc

    rate = {"from": "EUR", "to": "USD", "rate": "1.0850",
            "rate_date": "2024-05-01", "source": "ECB reference rate"}
    assert_error(post(server, "partner", "/api/v1/funding/rates", rate),
                 403, "forbidden")
    for bad, code in (({"rate": "1,08"}, "invalid_rate"),
                      ({"rate": "-1"}, "invalid_rate"),
                      ({"from": "EUX"}, "unknown_currency"),
                      ({"to": "EUR"}, "unknown_currency"),
                      ({"rate_date": "2024-02-30"}, "invalid_date")):
        b = dict(rate)
        b.update(bad)
        assert_error(post(server, "coordinator", "/api/v1/funding/rates",
                          b), 422, code)
    r = post(server, "coordinator", "/api/v1/funding/rates", rate)
    assert r.status_code == 201, r.text
    assert r.json()["rate"] == "1.0850"
    assert_error(post(server, "coordinator", "/api/v1/funding/rates",
                      rate), 409, "rate_exists")
    doc = get(server, "partner", "/api/v1/funding?convert=USD").json()
    conv = doc["converted"]
    assert conv["currency"] == "USD"
    assert conv["rates"]["EUR"]["rate"] == "1.0850"
    assert conv["rates"]["EUR"]["source"] == "ECB reference rate"
    assert conv["rates"]["EUR"]["rate_date"] == "2024-05-01"
    assert "JPY" in conv["missing"] and "EUR" not in conv["missing"]
    sr = [x for x in conv["by"]["state"] if x["key"] == "SR"][0]
    assert sr["totals"]["committed"] == "54.25"
    assert sr["totals"]["pledged"] == "33.33"
    # the per-currency figures are unchanged by a conversion
    assert totals(doc, "state", "SR")["EUR"]["committed"] == "50.00"
    assert_error(get(server, "partner", "/api/v1/funding?convert=XYZ"),
                 422, "unknown_currency")
    assert "rate.create" in audit_actions(server)
