"""Status records and the gap analysis over real HTTP, on both backends.

What must hold: an NCPOC submits only for its own state; a bad record is
refused with its own code and nothing is stored (no record, no audit
event); nobody validates their own submission; a validated record becomes
the current status and moves the gap analysis; a rejection needs a reason
and changes nothing; a correction is a new record; history at a past date
is unchanged by later records; publishing a framework version carries the
status of unchanged standards across and not of changed ones.
"""
import datetime

import pytest

from conftest import assert_error

TODAY = datetime.datetime.now(datetime.timezone.utc).date()
YESTERDAY = (TODAY - datetime.timedelta(days=1)).isoformat()
TOMORROW = (TODAY + datetime.timedelta(days=1)).isoformat()


def unmet_standard(server, s, state="JM"):
    """A standard @state does not meet now, with its met level."""
    r = server.get(f"/api/v1/gaps?state={state}", session=s)
    assert r.status_code == 200, r.text
    for a in r.json()["areas"]:
        for sa in a["specific_areas"]:
            for st in sa["standards"]:
                if st["status"] != "met":
                    return st
    pytest.skip("every standard already met in the demo data")


def counts(server):
    s = server.bearer("coordinator")
    r = server.get("/api/v1/assessments?limit=1", session=s)
    assert r.status_code == 200, r.text
    return r.json()["total"], server.audit_seq()


def submit(server, s, **body):
    return server.request("POST", "/api/v1/assessments", session=s,
                          json=body)


@pytest.mark.parametrize("change,status,code", [
    ({"state": "J1"}, 422, "invalid_state_code"),
    ({"state": "XX"}, 422, "unknown_state"),
    ({"standard": "NO-SUCH-STANDARD"}, 422, "unknown_standard"),
    ({"level": 99}, 422, "invalid_level"),
    ({"level": -1}, 422, "invalid_level"),
    ({"as_of": TOMORROW}, 422, "future_date"),
    ({"as_of": "2025-02-30"}, 422, "invalid_date"),
    ({"links": ["javascript:alert(1)"]}, 422, "invalid_url"),
    ({"source": "hearsay"}, 422, "unknown_source"),
    ({"files": [{"sha256": "0" * 64, "filename": "x.pdf"}]}, 422,
     "unknown_evidence"),
    ({"state": "BB"}, 403, "forbidden"),
    ({"bogus": 1}, 400, "unknown_field"),
    ({"level": "2"}, 400, "wrong_type"),
])
def test_bad_submissions_store_nothing(server, change, status, code):
    s = server.login("ncpoc.jm")
    std = unmet_standard(server, s)
    before = counts(server)
    body = {"state": "JM", "standard": std["code"], "as_of": YESTERDAY,
            "level": std["met_level"] if "met_level" in std else 1}
    body.update(change)
    assert_error(submit(server, s, **body), status, code)
    assert counts(server) == before


def test_submit_validate_moves_the_gap_analysis(server):
    ncpoc = server.login("ncpoc.jm")
    std = unmet_standard(server, ncpoc)
    met = std["met_level"]
    before = server.get("/api/v1/gaps?state=JM", session=ncpoc).json()
    r = submit(server, ncpoc, state="JM", standard=std["code"],
               as_of=YESTERDAY, level=met, evidence="Act No. 7 of 2025")
    assert r.status_code == 201, r.text
    rec = r.json()
    assert rec["status"] == "pending" and rec["met"] is True
    # pending records do not count
    same = server.get("/api/v1/gaps?state=JM", session=ncpoc).json()
    assert same["summary"] == before["summary"]
    # the submitter's own role cannot validate; an NCPOC is not the RIFC
    assert_error(server.request(
        "POST", f"/api/v1/assessments/{rec['id']}/validate",
        session=ncpoc), 403, "forbidden")
    analyst = server.login("analyst")
    r = server.request("POST", f"/api/v1/assessments/{rec['id']}/validate",
                       session=analyst)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "validated"
    after = server.get("/api/v1/gaps?state=JM", session=ncpoc).json()
    assert after["summary"]["met"] == before["summary"]["met"] + 1
    # reviewed once only
    assert_error(server.request(
        "POST", f"/api/v1/assessments/{rec['id']}/validate",
        session=analyst), 409, "already_reviewed")
    # the change shows between yesterday-1 and today
    since = (TODAY - datetime.timedelta(days=2)).isoformat()
    ch = server.get(f"/api/v1/gaps/changes?from={since}&to="
                    f"{TODAY.isoformat()}&state=JM", session=ncpoc).json()
    assert any(c["standard"] == std["code"] and c["now_met"]
               for c in ch["changes"])
    # ...but the analysis at an earlier date is what it was
    old = server.get(f"/api/v1/gaps?state=JM&at={since}",
                     session=ncpoc).json()
    assert old["summary"] == before["summary"]


def test_nobody_validates_their_own_submission(server):
    coord = server.login("coordinator")
    std = unmet_standard(server, coord, "TT")
    r = submit(server, coord, state="TT", standard=std["code"],
               as_of=YESTERDAY, level=1, source="review_meeting")
    assert r.status_code == 201, r.text
    before = counts(server)
    assert_error(server.request(
        "POST", f"/api/v1/assessments/{r.json()['id']}/validate",
        session=coord), 403, "own_submission")
    assert counts(server) == before


def test_reject_needs_a_reason_and_changes_no_status(server):
    ncpoc = server.login("ncpoc.jm")
    std = unmet_standard(server, ncpoc)
    r = submit(server, ncpoc, state="JM", standard=std["code"],
               as_of=YESTERDAY, level=std["met_level"])
    rid = r.json()["id"]
    analyst = server.login("analyst")
    before = server.get("/api/v1/gaps?state=JM", session=ncpoc).json()
    assert_error(server.request("POST", f"/api/v1/assessments/{rid}/reject",
                                session=analyst, json={}), 422,
                 "reason_required")
    r = server.request("POST", f"/api/v1/assessments/{rid}/reject",
                       session=analyst,
                       json={"reason": "The act is not yet in force."})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    after = server.get("/api/v1/gaps?state=JM", session=ncpoc).json()
    assert after["summary"] == before["summary"]
    # a correction is a new record pointing at the old one
    r = submit(server, ncpoc, state="JM", standard=std["code"],
               as_of=YESTERDAY, level=0, corrects=rid)
    assert r.status_code == 201 and r.json()["corrects_id"] == rid
    old = server.get(f"/api/v1/assessments/{rid}", session=ncpoc).json()
    assert old["status"] == "rejected" and old["level"] == std["met_level"]


def test_evidence_upload_limits(server):
    s = server.login("ncpoc.jm")
    before = counts(server)
    r = server.request("POST", "/api/v1/evidence", session=s,
                       data=b"<html><script>x</script>",
                       headers={"Content-Type": "text/html"})
    assert_error(r, 422, "forbidden_file_type")
    r = server.request("POST", "/api/v1/evidence", session=s,
                       data=b"%PDF-1.4" + b"0" * (11 * 1024 * 1024),
                       headers={"Content-Type": "application/pdf"})
    assert_error(r, 413, "evidence_too_large")
    assert counts(server) == before
    r = server.request("POST", "/api/v1/evidence", session=s,
                       data=b"%PDF-1.4 minutes",
                       headers={"Content-Type": "application/pdf"})
    assert r.status_code == 201, r.text
    sha = r.json()["sha256"]
    # a partner cannot read evidence; the uploader can
    assert server.get(f"/api/v1/evidence/{sha}",
                      session=server.login("partner")).status_code == 404
    got = server.get(f"/api/v1/evidence/{sha}", session=s)
    assert got.status_code == 200 and got.content == b"%PDF-1.4 minutes"


def test_new_framework_version_carries_unchanged_statuses(server):
    coord = server.login("coordinator")
    fw = server.get("/api/v1/framework", session=coord).json()
    before = server.get("/api/v1/gaps?state=JM", session=coord).json()

    def strip(doc):
        out = {"title": "CCSCAP minimum standards, version 2", "areas": []}
        for a in doc["areas"]:
            na = {"code": a["code"], "name": a["name"],
                  "specific_areas": []}
            for sa in a["specific_areas"]:
                ns = {"code": sa["code"], "name": sa["name"],
                      "standards": []}
                for st in sa["standards"]:
                    ns["standards"].append({k: st[k] for k in (
                        "code", "title", "description", "scale",
                        "met_level", "gci_pillar", "cmm_dimension",
                        "needs")})
                na["specific_areas"].append(ns)
            out["areas"].append(na)
        return out
    doc = strip(fw)
    changed = doc["areas"][0]["specific_areas"][0]["standards"][0]
    changed["scale"] = changed["scale"] + ["Independently evaluated"]
    r = server.request("POST", "/api/v1/framework", session=coord, json=doc)
    assert r.status_code == 201, r.text
    assert r.json()["version"] == fw["version"] + 1
    after = server.get("/api/v1/gaps?state=JM", session=coord).json()
    assert after["version"] == fw["version"] + 1

    def status(rep, code):
        for a in rep["areas"]:
            for sa in a["specific_areas"]:
                for st in sa["standards"]:
                    if st["code"] == code:
                        return st
    for a in before["areas"]:
        for sa in a["specific_areas"]:
            for st in sa["standards"]:
                new = status(after, st["code"])
                if st["code"] == changed["code"]:
                    assert new["status"] == "no_data"
                else:
                    assert new["level"] == st["level"], st["code"]
    # an invalid framework is refused with the JSON path named
    bad = strip(fw)
    bad["areas"][1]["specific_areas"][0]["standards"][0]["met_level"] = 0
    r = server.request("POST", "/api/v1/framework", session=coord, json=bad)
    assert_error(r, 422, "invalid_framework")
    assert "areas[1].specific_areas[0].standards[0].met_level" in \
        r.json()["error"]["message"]
    # only coordinators publish
    assert_error(server.request("POST", "/api/v1/framework",
                                session=server.login("ncpoc.jm"), json=doc),
                 403, "forbidden")
