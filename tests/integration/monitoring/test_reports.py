"""Monitoring reports over real HTTP, on both backends: each audience is
made and stored with its digest, the stored renditions are served byte
for byte with that digest, who may make and read each audience, the
sections whose source is not built say so, and bad input stores
nothing."""
import hashlib
import io
import json
import subprocess
import zipfile

import pytest

from conftest import assert_error

PERIOD = {"from": "2025-01-01", "to": "2026-11-30"}
AUDIENCES = ["consle", "steering", "heads_intel", "donors", "rcc"]


def body(audience, **kw):
    b = {"audience": audience, **PERIOD}
    b.update(kw)
    return b


def make(server, s, b):
    return server.request("POST", "/api/v1/reports", session=s, json=b)


def count_reports(server):
    r = server.get("/api/v1/reports?limit=200",
                   session=server.bearer("coordinator"))
    assert r.status_code == 200, r.text
    return r.json()["total"]


def states(server):
    r = server.get("/api/v1/states", session=server.bearer("coordinator"))
    assert r.status_code == 200, r.text
    items = r.json()["items"] if isinstance(r.json(), dict) else r.json()
    return items


def pdf_text(data, tmp_path):
    p = tmp_path / "r.pdf"
    p.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(p), "-"],
                         capture_output=True, check=True)
    return out.stdout.decode()


def pdf_pages(data, tmp_path):
    p = tmp_path / "p.pdf"
    p.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(p)], capture_output=True,
                         check=True).stdout.decode()
    return int([ln for ln in out.splitlines()
                if ln.startswith("Pages:")][0].split()[1])


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_stored_and_served_as_stored(server, audience,
                                                   tmp_path):
    s = server.bearer("coordinator")
    extra = {"state": "JM"} if audience == "rcc" else {}
    r = make(server, s, body(audience, **extra))
    assert r.status_code == 201, r.text
    rec = r.json()
    assert rec["audience"] == audience
    assert len(rec["sha256"]) == 64 and rec["id"] > 0
    assert rec["created_by"] == "coordinator"
    assert rec["from"] == PERIOD["from"] and rec["to"] == PERIOD["to"]
    assert rec["tlp"] == ("amber" if audience == "heads_intel" else "green")
    assert {f["format"] for f in rec["files"]} == {"pdf", "xlsx", "html"}
    got = server.get(f"/api/v1/reports/{rec['id']}", session=s)
    assert got.status_code == 200 and got.json() == rec
    for f in rec["files"]:
        d = server.get(f"/api/v1/reports/{rec['id']}/file?format="
                       f"{f['format']}", session=s)
        assert d.status_code == 200, d.text
        assert hashlib.sha256(d.content).hexdigest() == f["sha256"]
        assert d.headers["X-Content-SHA256"] == f["sha256"]
        assert len(d.content) == f["size"]
        # served again: the same bytes, never rendered again
        again = server.get(f"/api/v1/reports/{rec['id']}/file?format="
                           f"{f['format']}", session=s)
        assert again.content == d.content
    pdf = server.get(f"/api/v1/reports/{rec['id']}/file?format=pdf",
                     session=s).content
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    if audience == "heads_intel":
        assert "TLP:AMBER" in text
    xlsx = server.get(f"/api/v1/reports/{rec['id']}/file?format=xlsx",
                      session=s).content
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        assert "xl/workbook.xml" in z.namelist()
    if audience == "rcc":
        assert "Jamaica" in text


def test_consle_brief_two_pages_names_every_state_and_area(server,
                                                           tmp_path):
    s = server.bearer("steering")
    r = make(server, s, body("consle"))
    assert r.status_code == 201, r.text
    pdf = server.get(f"/api/v1/reports/{r.json()['id']}/file?format=pdf",
                     session=s).content
    assert pdf_pages(pdf, tmp_path) == 2
    text = " ".join(pdf_text(pdf, tmp_path).split())
    for st in states(server):
        assert st["name"] in text, st["name"]
    fw = server.get("/api/v1/gaps/matrix", session=s).json()
    for a in fw["areas"]:
        assert a["name"] in text, a["name"]
    n = len(states(server))
    assert f"of {n} states are Parties to the Budapest Convention" in text
    html = server.get(f"/api/v1/reports/{r.json()['id']}/file?format=html",
                      session=s).text
    assert "Decisions required" in html and "Legal harmonisation" in html


def test_archive_pages_with_total_and_cursor(server):
    s = server.bearer("coordinator")
    ids = []
    for _ in range(3):
        r = make(server, s, body("donors"))
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    r = server.get("/api/v1/reports?limit=2", session=s)
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] == 3 and len(page["items"]) == 2
    assert [i["id"] for i in page["items"]] == ids[::-1][:2]
    r = server.get(f"/api/v1/reports?limit=2&cursor={page['next_cursor']}",
                   session=s)
    page2 = r.json()
    assert [i["id"] for i in page2["items"]] == [ids[0]]
    assert page2["next_cursor"] is None


def test_who_makes_and_reads(server):
    coord = server.bearer("coordinator")
    intel = make(server, coord, body("heads_intel")).json()
    consle = make(server, coord, body("consle")).json()
    rcc_jm = make(server, coord, body("rcc", state="JM")).json()
    rcc_bb = make(server, coord, body("rcc", state="BB")).json()
    # making
    assert_error(make(server, server.bearer("steering"),
                      body("heads_intel")), 403, "forbidden")
    assert_error(make(server, server.bearer("partner"), body("consle")),
                 403, "forbidden")
    assert_error(make(server, server.bearer("ncpoc.jm"),
                      body("rcc", state="BB")), 403, "forbidden")
    r = make(server, server.bearer("ncpoc.jm"), body("rcc", state="JM"))
    assert r.status_code == 201, r.text
    # reading: an unreadable report is a missing one
    steer = server.bearer("steering")
    assert_error(server.get(f"/api/v1/reports/{intel['id']}",
                            session=steer), 404, "not_found")
    assert_error(server.get(f"/api/v1/reports/{intel['id']}/file?format="
                            "pdf", session=steer), 404, "not_found")
    assert_error(server.get("/api/v1/reports/999999", session=steer), 404,
                 "not_found")
    assert server.get(f"/api/v1/reports/{consle['id']}",
                      session=steer).status_code == 200
    jm = server.bearer("ncpoc.jm")
    assert server.get(f"/api/v1/reports/{rcc_jm['id']}",
                      session=jm).status_code == 200
    assert_error(server.get(f"/api/v1/reports/{rcc_bb['id']}", session=jm),
                 404, "not_found")
    assert_error(server.get(f"/api/v1/reports/{consle['id']}", session=jm),
                 404, "not_found")
    listed = {i["id"] for i in server.get("/api/v1/reports?limit=200",
                                          session=steer).json()["items"]}
    assert consle["id"] in listed and intel["id"] not in listed
    assert_error(server.get("/api/v1/reports"), 401,
                 "authentication_required")


def test_making_and_cli_reads_are_audited(server, tmp_path):
    s = server.bearer("coordinator")
    rec = make(server, s, body("steering")).json()
    made = [e for e in server.audit_events(50)
            if e.get("action") == "report.create"]
    assert made and made[0]["actor"] == "coordinator"
    r = server.cli("report", "donors", "--from", "2025-01-01", "--to",
                   "2026-01-01", "--format", "xlsx", "--out",
                   str(tmp_path / "d.xlsx"))
    assert r.returncode == 0, r.stderr
    actions = [e.get("action") for e in server.audit_events(50)]
    assert "report.read" in actions
    assert rec["id"] > 0


def test_http_reads_are_audited_and_the_chain_verifies(server):
    coord = server.bearer("coordinator")
    rec = make(server, coord, body("consle")).json()
    intel = make(server, coord, body("heads_intel")).json()
    steer = server.bearer("steering")
    for fmt in ("pdf", "xlsx", "html"):
        seq = server.audit_seq()
        d = server.get(f"/api/v1/reports/{rec['id']}/file?format={fmt}",
                       session=steer)
        assert d.status_code == 200, d.text
        ev = server.audit_events(1)[0]
        assert ev["seq"] == seq + 1, ev
        assert ev["action"] == "report.read" and ev["actor"] == "steering"
        assert ev["entity"] == "report"
        assert ev["entity_id"] == f"{rec['id']}/{fmt}"
    seq = server.audit_seq()
    assert server.get(f"/api/v1/reports/{rec['id']}",
                      session=steer).status_code == 200
    ev = server.audit_events(1)[0]
    assert ev["seq"] == seq + 1 and ev["entity_id"] == f"{rec['id']}/record"
    # a refused read leaves no trace; nor does the archive list
    seq = server.audit_seq()
    assert_error(server.get(f"/api/v1/reports/{intel['id']}/file?format="
                            "pdf", session=steer), 404, "not_found")
    assert_error(server.get(f"/api/v1/reports/{rec['id']}/file?format=doc",
                            session=steer), 422, "invalid_format")
    assert server.get("/api/v1/reports", session=steer).status_code == 200
    assert server.audit_seq() == seq
    # a cookie session downloads without a CSRF header, and is audited
    s = server.login("steering")
    del s.headers["X-CSRF-Token"]
    seq = server.audit_seq()
    d = server.get(f"/api/v1/reports/{rec['id']}/file?format=pdf",
                   session=s)
    assert d.status_code == 200, d.text
    assert server.audit_events(1)[0]["entity_id"] == f"{rec['id']}/pdf"
    assert server.audit_seq() == seq + 1
    out = server.cli("verify-audit")
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("b,status,code", [
    (body("consle", to="2024-12-31"), 422, "invalid_period"),
    (body("consle", to="2999-12-31"), 422, "future_period"),
    (body("ministers"), 422, "unknown_audience"),
    (body("rcc"), 422, "state_required"),
    (body("rcc", state="ZZ"), 422, "unknown_state"),
    (body("consle", state="JM"), 422, "state_not_applicable"),
    ({"audience": "consle", "from": "2025-13-01", "to": "2026-01-01"}, 422,
     "invalid_date"),
    ({"audience": "consle", "from": "2025-01-01"}, 400, None),
])
def test_bad_input_stores_nothing(server, b, status, code):
    before = count_reports(server)
    r = make(server, server.bearer("coordinator"), b)
    if code is None:
        assert r.status_code == status, r.text
    else:
        msg = assert_error(r, status, code)
        assert any(k in msg for k in ("to", "audience", "state", "from"))
    assert count_reports(server) == before


def test_bad_format_and_id(server):
    s = server.bearer("coordinator")
    rec = make(server, s, body("donors")).json()
    assert_error(server.get(f"/api/v1/reports/{rec['id']}/file?format=doc",
                            session=s), 422, "invalid_format")
    assert_error(server.get("/api/v1/reports/abc", session=s), 404,
                 "not_found")


def test_preview_stores_nothing(server):
    s = server.login("coordinator")
    before = count_reports(server)
    r = server.request("POST", "/api/v1/reports/preview", session=s,
                       json=body("consle"))
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/html")
    assert "Status per priority area" in r.text
    assert count_reports(server) == before


def test_cli_report_matches_api(server, tmp_path):
    out = tmp_path / "brief.pdf"
    r = server.cli("report", "consle", "--from", "2025-01-01", "--to",
                   "2026-11-30", "--format", "pdf", "--out", str(out))
    assert r.returncode == 0, r.stderr
    rid = int(r.stdout.split()[1])
    rec = server.get(f"/api/v1/reports/{rid}",
                     session=server.bearer("coordinator")).json()
    pdf = [f for f in rec["files"] if f["format"] == "pdf"][0]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == pdf["sha256"]
    bad = server.cli("report", "consle", "--from", "2025-01-01", "--to",
                     "2024-01-01", "--format", "pdf", "--out", str(out))
    assert bad.returncode != 0 and "to" in bad.stderr
    bad = server.cli("report", "ministers", "--from", "2025-01-01", "--to",
                     "2026-01-01", "--format", "pdf", "--out", str(out))
    assert bad.returncode == 2 and "audience" in bad.stderr
    bad = server.cli("report", "consle", "--from", "2025-01-01", "--to",
                     "2026-01-01", "--format", "doc", "--out", str(out))
    assert bad.returncode == 2 and "--format" in bad.stderr


def test_recommendations_fill_the_sections(server, tmp_path):
    """With the meetings domain merged, a recommendation needing regional
    action is a decision required in the CONSLE brief, and an overdue one
    is counted against its owner in the Steering Committee report."""
    s = server.bearer("coordinator")
    for text, tf, due in (("Ratify the Budapest Convention regionally",
                           "rar", "2027-06-30"),
                          ("Adopt the national cyber strategy",
                           "immediate", "2026-12-31")):
        r = server.request("POST", "/api/v1/recommendations", session=s,
                           json={"text": text, "owner_state": "JM",
                                 "due_date": due, "timeframe": tf})
        if r.status_code == 422 and tf == "immediate":
            continue  # the timeframe rule is the meetings domain's
        assert r.status_code == 201, r.text
    brief = make(server, s, body("consle")).json()
    html = server.get(f"/api/v1/reports/{brief['id']}/file?format=html",
                      session=s).text
    assert "Ratify the Budapest Convention regionally" in html
    pdf = server.get(f"/api/v1/reports/{brief['id']}/file?format=pdf",
                     session=s).content
    assert pdf_pages(pdf, tmp_path) == 2
    r = make(server, s, body("steering"))
    assert r.status_code == 201, r.text
    later = r.json()
    html = server.get(f"/api/v1/reports/{later['id']}/file?format=html",
                      session=s).text
    assert "Recommendations by owner" in html and "Jamaica" in html


def test_consle_brief_stays_two_pages_with_long_decisions(server,
                                                          tmp_path):
    """Four decisions required, each of a recommendation's longest text
    (4,000 characters): the brief still prints on two pages, each
    decision cut at a word and ending in an ellipsis, while the Steering
    Committee report keeps the whole text."""
    s = server.bearer("coordinator")
    words = ("harmonise the procedural powers of the Budapest Convention "
             "across member states, ")
    for i in range(4):
        text = f"Decision {i}: " + (words * 60)[:3980].rstrip(", ")
        r = server.request("POST", "/api/v1/recommendations", session=s,
                           json={"text": text, "owner_state": "JM",
                                 "due_date": f"2026-0{i + 1}-15",
                                 "timeframe": "rar"})
        assert r.status_code == 201, r.text
    brief = make(server, s, body("consle")).json()
    pdf = server.get(f"/api/v1/reports/{brief['id']}/file?format=pdf",
                     session=s).content
    assert pdf_pages(pdf, tmp_path) == 2
    html = server.get(f"/api/v1/reports/{brief['id']}/file?format=html",
                      session=s).text
    assert "\u2026" in html
    assert (words * 20) not in html
    r = make(server, s, body("steering"))
    assert r.status_code == 201, r.text


def test_public_report_statistics_follow_the_read_policy(server):
    """Public reports count in the Heads of Intelligence report only when
    its author may open them (RIFC analysts: all; coordinators: none),
    and small counts are suppressed."""
    from reporting_helpers import post, report
    import datetime
    for i in range(2):
        r = post(server, report(what=f"A fake shop took my money ({i})."),
                 solved=False)
        assert r.status_code == 201, r.text[:300]
    today = datetime.date.today().isoformat()
    b = {"audience": "heads_intel", "from": "2025-01-01", "to": today}

    def section(login):
        s = server.bearer(login)
        rec = make(server, s, b)
        assert rec.status_code == 201, rec.text
        html = server.get(f"/api/v1/reports/{rec.json()['id']}/file"
                          "?format=html", session=s).text
        return html.split("Public cybercrime reports", 1)[1].split(
            "<h2>", 1)[0]

    analyst = section("analyst")
    assert "Fewer than 5 report(s) made by the public" in analyst
    assert "Jamaica" in analyst and "fewer than 5" in analyst
    coord = section("coordinator")
    assert "0 report(s) made by the public" in coord
    assert "Jamaica" not in coord
