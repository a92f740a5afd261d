"""IATI import and export over real HTTP and the CLI, on both backends.

What must hold: a donor's file loads as initiatives with organisations
matched from the directory; the export validates against the IATI 2.03
schema and reads back; every refused file answers 422 import_failed
naming an element path and a line and stores nothing; dry_run stores
nothing; a partner cannot change another organisation's initiative.
"""
import os
import pathlib
import re
import shutil
import subprocess

import pytest

from capacity_helpers import partner_of
from conftest import assert_error, run_cli
from sharing_helpers import get

DATA = pathlib.Path(__file__).parent / "data" / "donor_activities.xml"
REPO = pathlib.Path(__file__).resolve().parents[3]
IATI_REF = REPO.parent / "shared" / "reference" / "iati"


def count(server):
    return int(server.db.sql("SELECT COUNT(*) FROM initiatives")[0][0])


def post_xml(server, who, data, **query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    return server.request("POST", "/api/v1/import/iati" +
                          (f"?{qs}" if qs else ""),
                          session=server.bearer(who), data=data,
                          headers={"Content-Type": "application/xml"})


def test_donor_file_loads(server):
    before = count(server)
    r = post_xml(server, "coordinator", DATA.read_bytes())
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["created"] == 2
    assert count(server) == before + 2
    items = get(server, "coordinator",
                "/api/v1/initiatives?limit=200").json()["items"]
    gac = [i for i in items
           if i["iati_identifier"] == "CA-3-TEST-CYBER-CARIB-01"][0]
    full = get(server, "coordinator",
               f"/api/v1/initiatives/{gac['id']}").json()
    assert full["status"] == 2 and full["needs"] == ["T2.2"]
    assert {(o["name"], o["role"]) for o in full["organisations"]} == {
        ("Global Affairs Canada", 1),
        ("CARICOM Implementation Agency for Crime and Security", 4)}
    assert [(s["state"], s["percentage"]) for s in full["states"]] == \
        [("BB", "40.00"), ("JM", "60.00")]
    assert full["budgets"][0]["amount"] == "1200000.50"
    assert full["transactions"][0]["currency"] == "CAD"
    assert full["results"][0]["target"] == "40"
    assert full["documents"][0]["category"] == "A01"


def test_dry_run_stores_nothing(server):
    before = count(server)
    r = post_xml(server, "coordinator", DATA.read_bytes(), dry_run=1)
    assert r.status_code == 200, r.text
    assert r.json()["dry_run"] is True
    assert r.json()["counts"]["created"] == 2
    assert count(server) == before


def test_export_validates_and_round_trips(server, tmp_path):
    assert post_xml(server, "coordinator",
                    DATA.read_bytes()).status_code == 201
    r = server.request("GET", "/api/v1/export/iati",
                       session=server.bearer("partner"))
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/xml")
    out = tmp_path / "export.xml"
    out.write_bytes(r.content)
    xsd = IATI_REF / "iati-activities-schema.xsd"
    if not xsd.exists() or shutil.which("xmllint") is None:
        pytest.skip(f"IATI schema not found at {xsd} (or no xmllint): "
                    "the export was not validated")
    v = subprocess.run(["xmllint", "--noout", "--schema", str(xsd),
                        str(out)], capture_output=True, text=True)
    assert v.returncode == 0, v.stderr
    before = count(server)
    r = post_xml(server, "coordinator", r.content)
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["created"] == 0
    assert r.json()["counts"]["updated"] == before
    assert count(server) == before


def test_bad_version_refused(server):
    before = count(server)
    bad = DATA.read_bytes().replace(b'version="2.03"', b'version="1.05"')
    r = post_xml(server, "coordinator", bad)
    msg = assert_error(r, 422, "import_failed")
    assert "/iati-activities/@version" in msg and "line " in msg
    assert count(server) == before


def test_unknown_organisation_refused_with_path_and_line(server):
    before = count(server)
    bad = DATA.read_bytes().replace(b'ref="44000" role="2"',
                                    b'ref="XX-NOBODY" role="2"')
    bad = bad.replace(b"<narrative>World Bank</narrative>\n  "
                      b"</participating-org>\n  <activity-status",
                      b"<narrative>Nobody Ltd</narrative>\n  "
                      b"</participating-org>\n  <activity-status")
    r = post_xml(server, "coordinator", bad)
    msg = assert_error(r, 422, "import_failed")
    assert "iati-activity[2]/participating-org[2]" in msg, msg
    assert "line " in msg and "unknown_organisation" in msg
    assert count(server) == before
    r = post_xml(server, "coordinator", bad, dry_run=1)
    assert r.status_code == 200
    errs = r.json()["errors"]
    assert errs and errs[0]["message"].startswith("line ")


def test_partner_cannot_update_another_organisations(server):
    assert post_xml(server, "coordinator",
                    DATA.read_bytes()).status_code == 201
    who = partner_of(server, "itu.partner",
                     "International Telecommunication Union")
    before = server.db.sql("SELECT title FROM initiatives WHERE "
                           "iati_identifier = 'CA-3-TEST-CYBER-CARIB-01'")
    changed = DATA.read_bytes().replace(b"investigation capacity",
                                        b"changed by a partner")
    r = post_xml(server, who, changed)
    msg = assert_error(r, 422, "import_failed")
    assert "not_your_organisation" in msg and "iati-activity[1]" in msg
    assert server.db.sql("SELECT title FROM initiatives WHERE iati_identifier"
                         " = 'CA-3-TEST-CYBER-CARIB-01'") == before


def suite_docs(kind):
    """The schema's own test documents (kind: pass or fail), read as
    2.03: they say version="xx", which ccscap refuses first."""
    d = IATI_REF / "tests" / f"should-{kind}"
    if not d.is_dir():
        pytest.skip(f"{d} not found: the IATI schema's test documents "
                    "live in ../shared/reference/iati (not in this tree)")
    docs = sorted(p for p in d.rglob("*") if p.is_file())
    return [(p.relative_to(d), p.read_bytes().replace(
        b'<iati-activities version="xx"', b'<iati-activities version="2.03"'))
        for p in docs]


ERR_LINE = re.compile(r"^(.*): (/iati-activities[^:]*): line [1-9][0-9]*: "
                      r"\S")


def cli_errors(stderr, path):
    """The FILE: path: line N: message lines of a refused import."""
    lines = [ln for ln in stderr.splitlines() if ln.startswith(f"{path}: ")]
    assert lines, stderr
    for ln in lines:
        assert ERR_LINE.match(ln), ln
    return lines


def test_schema_should_fail_documents(server):
    """Every should-fail document is refused by the reader's own rules
    (no XSD configured), each error with its element path and line, and
    nothing of any of them is stored."""
    docs = suite_docs("fail")
    assert len(docs) == 226
    before = count(server)
    for rel, data in docs:
        r = post_xml(server, "coordinator", data)
        msg = assert_error(r, 422, "import_failed")
        assert "/iati-activities" in msg and "line " in msg, (rel, msg)
        r = post_xml(server, "coordinator", data, dry_run=1)
        assert r.status_code == 200, (rel, r.text)
        errs = r.json()["errors"]
        assert errs, rel
        for e in errs:
            assert e["path"].startswith("/iati-activities"), (rel, e)
            assert re.match(r"line [1-9][0-9]*: ", e["message"]), (rel, e)
    assert count(server) == before


def write_suite(tmp_path, kind, docs):
    """Writes @docs (suite_docs) as kind-N.xml; returns {path: rel}."""
    files = {}
    for n, (rel, data) in enumerate(docs):
        f = tmp_path / f"{kind}-{n:03d}.xml"
        f.write_bytes(data)
        files[f] = rel
    return files


def schema_only_verdicts(tmp_path, kind, docs, env=None):
    """Runs one `import iati --schema-only` over every document of @docs
    and checks each file's verdict: a valid line for each should-pass
    document, path-and-line errors for each should-fail one. Returns the
    run's result."""
    files = write_suite(tmp_path, kind, docs)
    r = run_cli(None, "import", "iati", "--schema-only",
                *[str(f) for f in files], env=env)
    assert r.returncode == (0 if kind == "pass" else 1), r.stderr[-2000:]
    for f, rel in files.items():
        valid = [ln for ln in r.stdout.splitlines()
                 if ln.startswith(f"schema check: {f}: ")]
        if kind == "pass":
            assert len(valid) == 1 and "valid" in valid[0], (rel, r.stdout)
        else:
            assert valid == [], (rel, r.stdout)
            cli_errors(r.stderr, f)
    return r


def test_schema_suite_cli_schema_only(tmp_path):
    """`import iati --schema-only` (dry: no codes, no directory, nothing
    stored) over each suite in one run: every should-pass document loads,
    every should-fail one is refused with path and line, and the verdict
    of one file does not leak into the next."""
    for kind in ("pass", "fail"):
        schema_only_verdicts(tmp_path, kind, suite_docs(kind))
    # one bad file among good ones fails the run and only itself
    good, bad = suite_docs("pass")[0], suite_docs("fail")[0]
    files = write_suite(tmp_path, "mixed", [good, bad, good])
    r = run_cli(None, "import", "iati", "--schema-only",
                *[str(f) for f in files])
    assert r.returncode == 1, r.stdout
    paths = list(files)
    assert r.stdout.count("valid") == 2, r.stdout
    assert f"schema check: {paths[1]}: " not in r.stdout
    cli_errors(r.stderr, paths[1])
    assert not any(ln.startswith(f"{p}: ") for p in (paths[0], paths[2])
                   for ln in r.stderr.splitlines()), r.stderr
    # several files are for --schema-only alone
    r = run_cli(None, "import", "iati", *[str(f) for f in paths[:2]])
    assert r.returncode == 2 and "several only with --schema-only" in \
        r.stderr, r.stderr


def test_configured_xsd_adds_libxml2_errors(make_server, tmp_path):
    """With iati_schema set, libxml2 validates too: its errors come with
    a line; documents of both suites still get the same verdicts."""
    xsd = IATI_REF / "iati-activities-schema.xsd"
    if not xsd.exists():
        pytest.skip(f"{xsd} not found (../shared/reference/iati)")
    srv = make_server(config=f"iati_schema = {xsd}\n")
    fails = dict(suite_docs("fail"))
    data = fails[pathlib.Path("location/04-location-point-without-pos.xml")]
    r = post_xml(srv, "coordinator", data, dry_run=1)
    assert r.status_code == 200, r.text
    msgs = [e["message"] for e in r.json()["errors"]]
    assert any(re.match(r"line [0-9]+: schema: Element 'point'", m)
               for m in msgs), msgs
    assert any("point has no pos" in m for m in msgs), msgs
    # a donor's file still loads with the XSD on
    r = post_xml(srv, "coordinator", DATA.read_bytes(), dry_run=1)
    assert r.status_code == 200 and r.json()["errors"] == [], r.text
    env = {"CCSCAP_IATI_SCHEMA": str(xsd)}
    for kind in ("pass", "fail"):
        r = schema_only_verdicts(tmp_path, kind, suite_docs(kind)[::9],
                                 env=env)
        if kind == "pass":
            assert r.stdout.count("with the configured XSD") == \
                len(suite_docs(kind)[::9]), r.stdout
    r = run_cli(None, "import", "iati", str(DATA), "--schema-only",
                env={"CCSCAP_IATI_SCHEMA": str(tmp_path / "none.xsd")})
    assert r.returncode == 1
    assert "iati_schema:" in r.stderr and "No such file" in r.stderr


def element_of(path):
    """The element a path ends on: .../recipient-country[1]/@code ->
    recipient-country."""
    steps = [x for x in path.split("/") if x and not x.startswith("@")]
    return re.sub(r"\[[0-9]+\]$", "", steps[-1])


def test_element_errors_name_their_own_line(server):
    """An error found after reading (the directory, the plan's states)
    names the line of the element at fault, not of its activity."""
    text = DATA.read_text()
    bad = text.replace('code="JM"', 'code="US"', 1)
    bad = bad.replace('ref="44000" role="2"', 'ref="XX-NOBODY" role="2"')
    bad = bad.replace("<narrative>World Bank</narrative>",
                      "<narrative>Nobody Ltd</narrative>")
    r = post_xml(server, "coordinator", bad.encode(), dry_run=1)
    errs = r.json()["errors"]
    lines = bad.splitlines()
    seen = set()
    for e in errs:
        n = int(re.match(r"line ([0-9]+):", e["message"]).group(1))
        el = element_of(e["path"])
        assert f"<{el}" in lines[n - 1], (e, lines[n - 1])
        seen.add(el)
    assert {"recipient-country", "participating-org"} <= seen, errs


def test_cli_import_export(server, tmp_path):
    r = server.cli("import", "iati", str(DATA), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "dry run" in r.stdout and "nothing stored" in r.stdout
    before = count(server)
    r = server.cli("import", "iati", str(DATA))
    assert r.returncode == 0, r.stderr
    assert count(server) == before + 2
    out = tmp_path / "out.xml"
    r = server.cli("export", "iati", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"<?xml")
    bad = tmp_path / "bad.xml"
    bad.write_bytes(DATA.read_bytes().replace(b'code="JM"', b'code="ZZ"'))
    r = server.cli("import", "iati", str(bad))
    assert r.returncode == 1
    assert f"{bad}: /iati-activities/iati-activity[1]/recipient-country[1]" \
        in r.stderr and "line " in r.stderr, r.stderr
    assert count(server) == before + 2
