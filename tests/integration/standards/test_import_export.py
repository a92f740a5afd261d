"""Bulk import of status records (CSV) and downloads of the gap analysis
(CSV, XLSX), over real HTTP and through the CLI.

What must hold: a valid file stores one pending record (and one audit
event) per row; a file with errors lists every one with its line and
column and stores nothing at all, audit trail included; a dry run checks
and stores nothing; downloads carry the right type, file name and
security headers, and the XLSX is a real workbook; the CLI says the same
as the API. Uses the fixtures of conftest.py (one fresh demo server per
test, on each backend).
"""
import csv
import datetime
import io
import json
import re
import zipfile

import pytest

from conftest import assert_error, assert_security_headers

IMPORT = "/api/v1/assessments/import"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = ("application/vnd.openxmlformats-officedocument."
             "spreadsheetml.sheet")

# Two days ago (UTC): later than the demo's reviews, so the imported
# records become the current status once validated, and never "future".
DAY = (datetime.datetime.now(datetime.timezone.utc).date()
       - datetime.timedelta(days=2)).isoformat()
STATES = ("JM", "BB", "TT", "AG")
HEADER = "state,standard,as_of,level,source,evidence,links\n"
GOOD = HEADER + (
    f"JM,AWR-MINISTERS,{DAY},2,review_meeting,"
    "\"Minutes of the RCC meeting, item 4\","
    "https://example.org/a https://example.org/b\n"
    f"JM,AWR-OFFICIALS,{DAY},one-off SENSITISATION,review_meeting,,\n"
    f"BB,LEG-NCS-POLICY,{DAY},Approved,ncpoc_feedback,,\n"
    f"TT,LEG-CYBERCRIME-LAW,{DAY},3,review_meeting,Enacted in 2024,\n"
    f"AG,TEC-FORENSIC-LAB,{DAY},0,review_meeting,,\n"
)
# Errors on lines 3 (a level that is not on the scale) and 5 (a state
# that is not in the directory); lines 2 and 4 are fine.
BAD = (HEADER
       + f"JM,AWR-MINISTERS,{DAY},2,review_meeting,,\n"
       + f"JM,AWR-MINISTERS,{DAY},Sometimes,review_meeting,,\n"
       + f"BB,LEG-NCS-POLICY,{DAY},1,review_meeting,,\n"
       + f"ZZ,LEG-NCS-POLICY,{DAY},1,review_meeting,,\n")





def analysis(server, session, path):
    """The JSON gap analysis at @path (xfail on the known postgres bug)."""
    r = server.get(path, session=session)
    assert r.status_code == 200, r.text
    return r.json()


def post_csv(server, session, body, query=""):
    return server.request("POST", IMPORT + query, session=session,
                          data=body.encode(),
                          headers={"Content-Type": "text/csv"})


def count(server, session):
    """Records of the states the files name (the demo has others)."""
    n = 0
    for st in STATES:
        r = server.get(f"/api/v1/assessments?state={st}&limit=1",
                       session=session)
        assert r.status_code == 200, r.text
        n += r.json()["total"]
    return n


def mine(server, session, n):
    """The @n newest pending records (ours: just submitted)."""
    r = server.get("/api/v1/assessments?status=pending&limit=200",
                   session=session)
    assert r.status_code == 200, r.text
    return r.json()["items"][:n]


def test_valid_import_stores_every_row(server):
    coord = server.bearer("coordinator")
    before = count(server, coord)
    seq = server.audit_seq()
    r = post_csv(server, coord, GOOD)
    assert r.status_code == 201, r.text
    assert r.json() == {"rows": 5, "stored": 5, "dry_run": False,
                        "errors": [], "errors_truncated": False}
    assert_security_headers(r)
    assert count(server, coord) == before + 5
    items = mine(server, coord, 5)
    got = {(i["state"], i["standard"], i["as_of"], i["level"])
           for i in items}
    assert ("JM", "AWR-OFFICIALS", DAY, 1) in got  # by its label
    assert ("BB", "LEG-NCS-POLICY", DAY, 2) in got
    assert {i["author"] for i in items} == {"coordinator"}
    mins = [i for i in items if i["standard"] == "AWR-MINISTERS"][0]
    assert mins["links"] == ["https://example.org/a",
                             "https://example.org/b"]
    assert mins["evidence"] == "Minutes of the RCC meeting, item 4"
    # one audit event per record, as with POST /api/v1/assessments
    assert server.audit_seq() == seq + 5
    actions = [e["action"] for e in server.audit_events(limit=5)]
    assert actions == ["assessment.submit"] * 5


def test_errors_are_listed_by_line_and_nothing_is_stored(server):
    coord = server.bearer("coordinator")
    before = count(server, coord)
    seq = server.audit_seq()
    r = post_csv(server, coord, BAD)
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"error", "errors"}
    assert body["error"]["code"] == "import_failed"
    assert body["error"]["message"].startswith("2 rows have errors")
    assert "nothing was stored" in body["error"]["message"]
    errs = body["errors"]
    assert [(e["line"], e["field"], e["code"]) for e in errs] == [
        (3, "level", "invalid_level"), (5, "state", "unknown_state")]
    assert "Sometimes" in errs[0]["message"]
    assert "Recurring programme" in errs[0]["message"]  # lists the scale
    assert count(server, coord) == before
    assert server.audit_seq() == seq


def test_dry_run_checks_and_stores_nothing(server):
    coord = server.bearer("coordinator")
    before = count(server, coord)
    seq = server.audit_seq()
    r = post_csv(server, coord, GOOD, "?dry_run=1")
    assert r.status_code == 200, r.text
    assert r.json() == {"rows": 5, "stored": 0, "dry_run": True,
                        "errors": [], "errors_truncated": False}
    r = post_csv(server, coord, BAD, "?dry_run=1")
    assert r.status_code == 422, r.text
    assert [e["line"] for e in r.json()["errors"]] == [3, 5]
    assert count(server, coord) == before
    assert server.audit_seq() == seq


def test_refusals(server):
    coord = server.bearer("coordinator")
    partner = server.bearer("partner")
    ncpoc = server.bearer("ncpoc.jm")
    seq = server.audit_seq()
    # the header: unknown columns are named, missing ones too
    r = post_csv(server, coord, "state,foo,standard,as_of,level\nJM,1\n")
    assert r.status_code == 422, r.text
    errs = r.json()["errors"]
    assert [(e["line"], e["code"]) for e in errs] == [
        (1, "unknown_column"), (1, "missing_column")]
    assert "'foo'" in errs[0]["message"]
    assert "'source'" in errs[1]["message"]
    # malformed CSV: the line of the problem
    r = post_csv(server, coord, HEADER + 'JM,"AWR-MINISTERS\n')
    assert r.status_code == 422
    assert [(e["line"], e["code"]) for e in r.json()["errors"]] == [
        (2, "invalid_csv")]
    r = post_csv(server, coord, "")
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "empty_file"
    assert_error(server.request("POST", IMPORT, session=coord,
                                data=GOOD.encode(), headers={
                                    "Content-Type": "application/json"}),
                 415, "unsupported_media_type")
    assert_error(post_csv(server, coord, GOOD, "?dry_run=maybe"), 400,
                 "invalid_dry_run")
    assert_error(server.request("POST", IMPORT, data=GOOD.encode(),
                                headers={"Content-Type": "text/csv"}),
                 401, "authentication_required")
    assert_error(post_csv(server, partner, GOOD), 403, "forbidden")
    assert_error(server.get(IMPORT, session=coord), 405,
                 "method_not_allowed")
    assert_error(post_csv(server, coord, "x" * (32 * 1024 * 1024 + 1)),
                 413, "import_too_large")
    # an NCPOC imports for their own state only
    r = post_csv(server, ncpoc, GOOD)
    assert r.status_code == 422
    assert {(e["line"], e["field"], e["code"]) for e in r.json()["errors"]} \
        == {(4, "state", "forbidden"), (5, "state", "forbidden"),
            (6, "state", "forbidden")}
    assert server.audit_seq() == seq
    # a cookie session needs the CSRF token, as for every write
    s = server.login("coordinator")
    del s.headers["X-CSRF-Token"]
    assert_error(post_csv(server, s, GOOD), 403, "csrf_failed")


def validate_mine(server, n=5):
    analyst = server.bearer("analyst")
    for i in mine(server, analyst, n):
        r = server.request("POST", f"/api/v1/assessments/{i['id']}/validate",
                           session=analyst)
        assert r.status_code == 200, r.text


def test_exports(server):
    coord = server.bearer("coordinator")
    assert post_csv(server, coord, GOOD).status_code == 201
    validate_mine(server)
    at = analysis(server, coord, "/api/v1/gaps?state=JM")["at"]
    analysis(server, coord, "/api/v1/gaps/matrix")

    r = server.get("/api/v1/gaps?state=JM&format=csv", session=coord)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == CSV_TYPE
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="ccscap-gaps-JM-{at}.csv"'
    assert_security_headers(r)
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
    assert rows[0] == ["State", "Priority area", "Specific area", "Code",
                       "Standard", "Level", "Minimum", "Status", "As of"]
    by_code = {row[3]: row for row in rows[1:]}
    assert by_code["AWR-MINISTERS"][5:] == [
        "Recurring programme", "One-off sensitisation", "met", DAY]
    assert by_code["AWR-OFFICIALS"][5:] == [
        "One-off sensitisation", "One-off sensitisation", "met", DAY]
    assert all(row[7] in ("met", "unmet", "no data") for row in rows[1:])
    jm_met = sum(1 for row in rows[1:] if row[7] == "met")
    assert r.content.endswith(b"\r\n")

    r = server.get("/api/v1/gaps/matrix?format=csv", session=coord)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == CSV_TYPE
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="ccscap-gaps-matrix-{at}.csv"'
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
    assert rows[0][:8] == ["State code", "State", "Membership", "Standards",
                           "Met", "Unmet", "No data",
                           "All standards (% met)"]
    jm = [row for row in rows if row[0] == "JM"][0]
    assert int(jm[4]) == jm_met  # the same analysis as the state's file
    assert int(jm[3]) == len(by_code)

    for path, name in (("/api/v1/gaps?state=JM&format=xlsx",
                        f"ccscap-gaps-JM-{at}.xlsx"),
                       ("/api/v1/gaps/matrix?format=xlsx",
                        f"ccscap-gaps-matrix-{at}.xlsx")):
        r = server.get(path, session=coord)
        assert r.status_code == 200, r.text
        assert r.headers["Content-Type"] == XLSX_TYPE
        assert r.headers["Content-Disposition"] == \
            f'attachment; filename="{name}"'
        assert_security_headers(r)
        assert r.content[:2] == b"PK"
        with zipfile.ZipFile(io.BytesIO(r.content)) as z:
            assert z.testzip() is None
            names = z.namelist()
            assert "xl/workbook.xml" in names
            book = z.read("xl/workbook.xml").decode()
            strings = z.read("xl/sharedStrings.xml").decode()
        assert 'name="About"' in book
        if "matrix" in path:
            assert 'name="Priority areas"' in book
            assert "Jamaica" in strings
        else:
            assert 'name="Standards"' in book
            assert "AWR-MINISTERS" in strings

    # JSON stays the default; other formats are refused
    r = server.get("/api/v1/gaps?state=JM&format=json", session=coord)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    assert_error(server.get("/api/v1/gaps?state=JM&format=pdf",
                            session=coord), 400, "invalid_format")
    assert_error(server.get("/api/v1/gaps/matrix?format=", session=coord),
                 400, "invalid_format")
    # errors of the analysis itself win over the format
    assert_error(server.get("/api/v1/gaps?state=ZZ&format=csv",
                            session=coord), 404, "unknown_state")
    assert_error(server.get("/api/v1/gaps/matrix?format=csv"), 401,
                 "authentication_required")


def test_cli_import_and_gaps(server, tmp_path):
    coord = server.bearer("coordinator")
    before = count(server, coord)
    good = tmp_path / "desk.csv"
    good.write_text(GOOD)
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)

    out = server.cli("import", "assessments", bad)
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert any(re.fullmatch(re.escape(str(bad)) + r":3: level: 'Sometimes' "
                            r"is not a level of AWR-MINISTERS.*", x)
               for x in lines), out.stderr
    assert f"{bad}:5: state: state 'ZZ' is not in the directory" in lines
    assert "ccscap: 2 rows have errors; nothing was stored" in lines
    assert count(server, coord) == before

    out = server.cli("import", "assessments", good, "--dry-run")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "dry run: 5 rows valid, nothing stored\n"
    assert count(server, coord) == before

    out = server.cli("import", "assessments", good)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "imported 5 status records\n"
    assert count(server, coord) == before + 5
    # the operator is the author
    assert all(i["author"].startswith("cli:")
               for i in mine(server, coord, 5))

    out = server.cli("import", "assessments")
    assert out.returncode == 2
    out = server.cli("import", "assessments", tmp_path / "missing.csv")
    assert out.returncode == 1 and "cannot open" in out.stderr

    validate_mine(server)
    out = server.cli("gaps", "--state", "JM")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Jamaica (JM): gap analysis at ")
    assert re.search(r"^    met +AWR-MINISTERS +Ministers", out.stdout,
                     re.M), out.stdout
    assert re.search(r"^All standards: \d+ of \d+ met \(\d+%\)",
                     out.stdout, re.M)

    out = server.cli("gaps", "--state", "JM", "--format", "csv")
    assert out.returncode == 0, out.stderr
    api = server.get("/api/v1/gaps?state=JM&format=csv", session=coord)
    # (text mode turned the CLI's CRLF into LF)
    assert out.stdout.replace("\n", "\r\n") == api.content.decode()

    out = server.cli("gaps", "--matrix", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    api = server.get("/api/v1/gaps/matrix", session=coord).json()
    assert doc == api

    out = server.cli("gaps", "--matrix")
    assert out.returncode == 0
    assert re.search(r"^JM +Jamaica +\d+%", out.stdout, re.M), out.stdout

    assert server.cli("gaps").returncode == 2
    assert server.cli("gaps", "--state", "JM", "--format", "xml") \
        .returncode == 2
    out = server.cli("gaps", "--state", "ZZ")
    assert out.returncode == 1 and "not in the directory" in out.stderr
