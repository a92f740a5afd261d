"""Threat-intel interchange: STIX 2.1 import and export (round trip of a
real bundle, TLP from markings, all-or-nothing and partial imports, a
killed import), MISP and indicator CSV imports, and the upload cap."""

import json
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest

from conftest import BIN, REPO, assert_error, base_env

REF = REPO.parent / "shared" / "reference"
ICS = REF / "attack" / "ics-attack-18.1.json"
OASIS = REF / "stix2.1" / "examples"
TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"

sys.path.insert(0, str(REPO / "bench"))
import stix_gen  # noqa: E402


def need(path):
    if not path.exists():
        pytest.skip(f"{path} is not available")


def stored(server):
    q = server.db.sql
    return tuple(q(f"SELECT COUNT(*) FROM {t}")[0][0] for t in (
        "incidents", "ind_values", "sightings", "markings", "stix_objects",
        "audit_events"))


def sid(t):
    return f"{t}--{uuid.uuid4()}"


def indicator(value, path="domain-name:value", marks=None, **kw):
    o = {"type": "indicator", "spec_version": "2.1", "id": sid("indicator"),
         "created": "2026-01-02T03:04:05.000Z",
         "modified": "2026-01-02T03:04:05.000Z", "pattern_type": "stix",
         "pattern": f"[{path} = '{value}']",
         "valid_from": "2026-01-02T03:04:05Z"}
    if marks:
        o["object_marking_refs"] = marks
    o.update(kw)
    return o


def bundle(*objs):
    return {"type": "bundle", "id": sid("bundle"), "objects": list(objs)}


def post(server, session, kind, body, ctype="application/json", **query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return server.request("POST", f"/api/v1/import/{kind}" +
                          (f"?{qs}" if qs else ""), session=session,
                          data=data, headers={"Content-Type": ctype})


def lookup(server, session, t, v):
    r = server.get(f"/api/v1/indicators/lookup?type={t}&value={v}",
                   session=session)
    assert r.status_code == 200, r.text
    return r.json()


def by_id(objs):
    return {o["id"]: o for o in objs}


def test_ics_bundle_round_trip(server, tmp_path):
    need(ICS)
    src = json.loads(ICS.read_text())
    out = server.cli("import", "stix", ICS)
    assert out.returncode == 0, out.stderr
    assert f"{len(src['objects'])} objects" in out.stdout
    # the operator's full export, and a RIFC analyst's (reads AMBER)
    path = tmp_path / "all.json"
    out = server.cli("export", "stix", "--all", "--out", path)
    assert out.returncode == 0, out.stderr
    r = server.get("/api/v1/export/stix", session=server.bearer("analyst"))
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/stix+json")
    want = by_id(src["objects"])
    for got in (json.loads(path.read_text()), r.json()):
        assert got["type"] == "bundle"
        have = by_id(got["objects"])
        assert len(have) == len(got["objects"])  # no duplicates
        assert set(want) <= set(have)
        for k, o in want.items():
            assert have[k] == o, k
    # imported at the default AMBER without a state: another state's
    # NCPOC sees none of it
    r = server.get("/api/v1/export/stix", session=server.bearer("ncpoc.jm"))
    assert r.status_code == 200
    assert not set(want) & set(by_id(r.json()["objects"]))
    # a second import changes nothing: every object is already stored
    before = stored(server)
    out = server.cli("import", "stix", ICS)
    assert out.returncode == 0, out.stderr
    assert f"{len(src['objects'])} skipped" in out.stdout
    assert stored(server)[:5] == before[:5]
    assert "audit chain OK" in server.cli("verify-audit").stdout


def test_oasis_example_correlates_with_reported_incident(server):
    need(OASIS)
    f = OASIS / "indicator-for-c2-ip-address.json"
    need(f)
    out = server.cli("import", "stix", f, "--tlp", "green", "--state", "JM")
    assert out.returncode == 0, out.stderr
    bb = server.bearer("cert.bb")
    r = server.request("POST", "/api/v1/incidents", session=bb, json={
        "title": "C2 beaconing", "description": "Beacon to a C2 host",
        "rsit": "intrusions:system-compromise", "severity": "high",
        "tlp": "green",
        "indicators": [{"type": "ipv4", "value": "10.0.0.0"}]})
    assert r.status_code == 201, r.text
    j = lookup(server, bb, "ipv4", "10.0.0.0")
    assert j["sightings_visible"] == 2
    assert sorted(j["states"]) == ["BB", "JM"]
    sources = {s.get("source") for s in j["sightings"]}
    assert "stix" in sources, j
    # the imported indicator is exported back as imported
    r = server.get("/api/v1/export/stix", session=bb)
    objs = by_id(r.json()["objects"])
    orig = json.loads(f.read_text())["objects"][0]
    assert objs[orig["id"]] == orig


def test_tlp_from_markings(server):
    jm = server.bearer("ncpoc.jm")
    bb = server.bearer("cert.bb")
    tag = uuid.uuid4().hex[:8]
    amber = f"amber-{tag}.example.com"
    green = f"green-{tag}.example.com"
    plain = f"plain-{tag}.example.com"
    r = post(server, jm, "stix", bundle(
        indicator(amber, marks=[TLP_AMBER]),
        indicator(green, marks=[TLP_GREEN]),
        indicator(plain)), tlp="clear")
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["sightings"] == 3
    # AMBER from the marking: JM (the source state) reads it, BB may
    # only learn that it exists
    assert lookup(server, jm, "domain", amber)["sightings_visible"] == 1
    j = lookup(server, bb, "domain", amber)
    assert "sightings" not in j and j["known"] is True
    assert lookup(server, bb, "domain", green)["sightings_visible"] == 1
    # unmarked: the import's default (clear), readable by anyone signed in
    assert lookup(server, bb, "domain", plain)["sightings_visible"] == 1
    # and the export follows the same policy
    ids = {o.get("name") for o in server.get(
        "/api/v1/export/stix", session=bb).json()["objects"]}
    texts = json.dumps(server.get("/api/v1/export/stix",
                                  session=bb).json())
    assert amber not in texts and green in texts, ids


def test_invalid_bundle_stores_nothing_and_names_the_path(server, tmp_path):
    jm = server.bearer("ncpoc.jm")
    tag = uuid.uuid4().hex[:8]
    good = indicator(f"good-{tag}.example.com")
    bad = indicator(f"bad-{tag}.example.com",
                    valid_until="2020-01-01T00:00:00Z")
    doc = bundle(good, bad)
    before = stored(server)
    r = post(server, jm, "stix", doc)
    msg = assert_error(r, 422, "import_failed")
    assert "objects[1].valid_until" in msg and "dry_run=1" in msg
    assert stored(server) == before
    # dry run: 200 with the full list, still nothing stored
    r = post(server, jm, "stix", doc, dry_run=1)
    assert r.status_code == 200, r.text
    assert r.json()["errors_total"] == 1 and r.json()["dry_run"] is True
    assert r.json()["errors"] == [{"path": "objects[1].valid_until",
                                   "message": "must be later than "
                                   "valid_from"}]
    assert stored(server) == before
    # the CLI prints FILE: path: message
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(doc))
    out = server.cli("import", "stix", f, "--state", "JM")
    assert out.returncode == 1
    assert f"{f}: objects[1].valid_until: " in out.stderr, out.stderr
    assert stored(server) == before
    # not a bundle at all
    r = post(server, jm, "stix", {"type": "x", "objects": []})
    assert_error(r, 422, "import_failed")
    assert stored(server) == before


def test_partial_import_stores_the_good_objects(server):
    jm = server.bearer("ncpoc.jm")
    tag = uuid.uuid4().hex[:8]
    r = post(server, jm, "stix", bundle(
        indicator(f"good-{tag}.example.com"),
        indicator(f"bad-{tag}.example.com",
                  valid_until="2020-01-01T00:00:00Z")), partial=1,
        tlp="green")
    assert r.status_code == 201, r.text
    j = r.json()
    assert j["counts"]["invalid"] == 1 and j["counts"]["sightings"] == 1
    assert j["errors"][0]["path"] == "objects[1].valid_until"
    assert lookup(server, jm, "domain", f"good-{tag}.example.com")[
        "sightings_visible"] == 1
    assert lookup(server, jm, "domain", f"bad-{tag}.example.com")[
        "known"] is False


def misp_event(attrs, tags=None):
    return {"Event": {"uuid": str(uuid.uuid4()), "info": "Phishing wave",
                      "date": "2026-02-03", "threat_level_id": "1",
                      "analysis": "1", "Tag": tags or [],
                      "Attribute": attrs}}


def test_misp_import(server):
    jm = server.bearer("ncpoc.jm")
    bb = server.bearer("cert.bb")
    tag = uuid.uuid4().hex[:8]
    ev = misp_event([
        {"type": "domain", "category": "Network activity",
         "value": f"misp-{tag}.example.com"},
        {"type": "ip-dst", "value": "198.51.100.77",
         "Tag": [{"name": "tlp:amber"}]},
        {"type": "text", "value": "free text is skipped"}],
        tags=[{"name": "tlp:green"}])
    r = post(server, jm, "misp", ev)
    assert r.status_code == 201, r.text
    c = r.json()["counts"]
    assert (c["incidents"], c["sightings"], c["skipped"]) == (1, 2, 1)
    j = lookup(server, bb, "domain", f"misp-{tag}.example.com")
    assert j["sightings_visible"] == 1
    inc = j["sightings"][0]["incident_id"]
    assert inc
    # the attribute's own tlp:amber overrides the event's green
    assert "sightings" not in lookup(server, bb, "ipv4", "198.51.100.77")
    assert lookup(server, jm, "ipv4", "198.51.100.77")["sightings"][0][
        "incident_id"] == inc


def test_misp_bad_input_is_refused_with_its_path(server):
    jm = server.bearer("ncpoc.jm")
    before = stored(server)
    r = post(server, jm, "misp", misp_event(
        [{"type": "domain", "value": "ok.example.com"}],
        tags=[{"name": "tlp:purple"}]))
    msg = assert_error(r, 422, "import_failed")
    assert "Event.Tag[0].name" in msg and "tlp:purple" in msg, msg
    ev = misp_event([{"type": "domain", "value": "ok.example.com"},
                     {"type": "ip-src", "value": "300.1.2.3"}])
    msg = assert_error(post(server, jm, "misp", ev), 422, "import_failed")
    assert "Event.Attribute[1].value" in msg, msg
    r = post(server, jm, "misp", ev, dry_run=1)
    assert r.status_code == 200
    assert [e["path"] for e in r.json()["errors"]] == [
        "Event.Attribute[1].value"]
    assert stored(server) == before


def test_csv_import(server, tmp_path):
    jm = server.bearer("ncpoc.jm")
    tag = uuid.uuid4().hex[:8]
    before = stored(server)
    r = post(server, jm, "csv", f"type,value\ndomain,csv-{tag}.example.com\n"
             "ipv4,999.1.1.1\n", ctype="text/csv")
    msg = assert_error(r, 422, "import_failed")
    assert "line 3, value" in msg, msg
    assert stored(server) == before
    f = tmp_path / "ind.csv"
    f.write_text(f"type,value,tlp\ndomain,csv-{tag}.example.com,green\n")
    out = server.cli("import", "csv", f, "--state", "JM")
    assert out.returncode == 0, out.stderr
    assert "1 sightings" in out.stdout
    assert lookup(server, server.bearer("cert.bb"), "domain",
                  f"csv-{tag}.example.com")["sightings_visible"] == 1


def test_two_gigabyte_upload_refused_before_reading(server):
    token = server.bearer("ncpoc.jm").token
    with socket.create_connection(("127.0.0.1", server.port),
                                  timeout=10) as s:
        s.sendall(("POST /api/v1/import/stix HTTP/1.1\r\nHost: x\r\n"
                   f"Authorization: Bearer {token}\r\n"
                   "Content-Type: application/json\r\n"
                   "Content-Length: 2147483648\r\n\r\n").encode())
        t0 = time.monotonic()
        data = b""
        while b"\r\n\r\n" not in data or b"import_too_large" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        assert time.monotonic() - t0 < 5
    assert data.startswith(b"HTTP/1.1 413"), data[:200]
    assert b"import_too_large" in data


def test_killed_import_leaves_the_store_unchanged(server, tmp_path):
    big = tmp_path / "big.json"
    stix_gen.write(300000, str(big))
    before = stored(server)
    cmd = [str(BIN), "--db", server.db.uri, "import", "stix", str(big),
           "--state", "JM"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=base_env(server.db.env), cwd=server.db.workdir)
    time.sleep(2)
    assert p.poll() is None, "the import ended before it could be killed"
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    assert stored(server) == before
    out = server.cli("verify-audit")
    assert out.returncode == 0 and "audit chain OK" in out.stdout, out


def test_sightings_incidents_and_native_records_in_export(server):
    jm = server.bearer("ncpoc.jm")
    bb = server.bearer("cert.bb")
    tag = uuid.uuid4().hex[:8]
    native = f"native-{tag}.example.com"
    r = server.request("POST", "/api/v1/incidents", session=jm, json={
        "title": f"Native {tag}", "description": "Reported by hand",
        "rsit": "fraud:phishing", "severity": "low", "tlp": "green",
        "indicators": [{"type": "domain", "value": native}]})
    assert r.status_code == 201, r.text
    ind = indicator(f"amber-{tag}.example.com", marks=[TLP_AMBER])
    sro = {"type": "sighting", "spec_version": "2.1", "id": sid("sighting"),
           "created": "2026-01-05T00:00:00.000Z",
           "modified": "2026-01-05T00:00:00.000Z",
           "first_seen": "2026-01-05T00:00:00Z",
           "sighting_of_ref": ind["id"], "object_marking_refs": [TLP_AMBER]}
    inc = {"type": "incident", "spec_version": "2.1", "id": sid("incident"),
           "created": "2026-01-06T00:00:00.000Z",
           "modified": "2026-01-06T00:00:00.000Z",
           "name": f"Imported {tag}", "description": "From a partner",
           "labels": ["rsit:fraud:phishing", "severity:high"],
           "object_marking_refs": [TLP_GREEN]}
    # the sighting comes before its indicator: resolved at the end
    r = post(server, jm, "stix", bundle(sro, ind, inc))
    assert r.status_code == 201, r.text
    c = r.json()["counts"]
    assert (c["sightings"], c["incidents"], c["passthrough"]) == (2, 1, 3)
    items = server.get(f"/api/v1/incidents?q={tag}&limit=200",
                       session=bb).json()["items"]
    got = [i for i in items if i["title"] == f"Imported {tag}"]
    assert got and got[0]["severity"] == "high", got
    assert lookup(server, jm, "domain", f"amber-{tag}.example.com")[
        "sightings_visible"] == 2
    # BB's export: the native incident and value as STIX, with the TLP
    # marking definition they use; the imported objects as imported; not
    # the AMBER ones
    objs = server.get("/api/v1/export/stix", session=bb).json()["objects"]
    byname = {o.get("name"): o for o in objs}
    assert byname[native]["type"] == "indicator"
    assert byname[native]["pattern"] == f"[domain-name:value = '{native}']"
    assert byname[native]["object_marking_refs"] == [TLP_GREEN]
    assert byname[f"Native {tag}"]["type"] == "incident"
    assert any(o["id"] == TLP_GREEN for o in objs)
    assert byname[f"Imported {tag}"] == inc
    assert ind["id"] not in {o["id"] for o in objs}
    # ids are stable from one export to the next
    again = server.get("/api/v1/export/stix", session=bb).json()["objects"]
    assert {o["id"] for o in objs} == {o["id"] for o in again}
    # since: nothing stored after tomorrow
    r = server.get("/api/v1/export/stix?since=2099-01-01", session=bb)
    assert r.status_code == 200 and r.json()["objects"] == []
    # exports and imports are audited
    actions = [e["action"] for e in server.audit_events(50)]
    assert "interchange.export" in actions and \
        "interchange.import" in actions
