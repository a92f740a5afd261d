"""Issue 11, item 9: STIX 2.1 rules the OASIS validator holds and the
importer used to let through, refused with their JSON path in real and
check-only (dry-run) imports alike, nothing stored; MISP events with and
without the {"Event": ...} wrapper; generated indicators carry a name."""

import json
import uuid

import pytest

from conftest import assert_error


def sid(t):
    return f"{t}--{uuid.uuid4()}"


def indicator(value, **kw):
    o = {"type": "indicator", "spec_version": "2.1", "id": sid("indicator"),
         "created": "2026-01-02T03:04:05.000Z",
         "modified": "2026-01-02T03:04:05.000Z", "pattern_type": "stix",
         "pattern": f"[domain-name:value = '{value}']",
         "valid_from": "2026-01-02T03:04:05Z"}
    o.update(kw)
    return o


def bundle(*objs):
    return {"type": "bundle", "id": sid("bundle"), "objects": list(objs)}


def post(server, session, kind, body, **query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    return server.request("POST", f"/api/v1/import/{kind}" +
                          (f"?{qs}" if qs else ""), session=session,
                          data=json.dumps(body),
                          headers={"Content-Type": "application/json"})


def stored(server):
    q = server.db.sql
    return tuple(q(f"SELECT COUNT(*) FROM {t}")[0][0] for t in (
        "incidents", "ind_values", "sightings", "stix_objects"))


EXT = "extension-definition--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"

# (what is wrong, the properties that make it so, path, words of the
# message)
CASES = [
    ("bad language tag", {"lang": "en_US"}, "objects[1].lang",
     "RFC 5646"),
    ("one-letter language", {"lang": "e"}, "objects[1].lang", "RFC 5646"),
    ("granular marking language", {"granular_markings": [
        {"selectors": ["name"], "lang": "en_GB"}]},
     "objects[1].granular_markings[0].lang", "RFC 5646"),
    ("custom name too short", {"xy": 1}, "objects[1].xy",
     "not a STIX property name"),
    ("custom name with a hyphen", {"x-caricom-src": "JM"},
     "objects[1].x-caricom-src", "not a STIX property name"),
    ("custom name in capitals", {"x_Caricom": "JM"},
     "objects[1].x_Caricom", "not a STIX property name"),
    ("custom name too long", {"x" * 251: 1}, "objects[1]." + "x" * 251,
     "not a STIX property name"),
    ("empty defined list", {"labels": []}, "objects[1].labels",
     "non-empty list"),
    ("empty custom list", {"x_caricom_refs": []},
     "objects[1].x_caricom_refs", "must not be an empty list"),
    ("empty list in an extension", {"extensions": {EXT: {
        "extension_type": "property-extension", "x_tags": []}}},
     f"objects[1].extensions.{EXT}.x_tags", "must not be an empty list"),
    ("reserved severity", {"severity": "high"}, "objects[1].severity",
     "reserved"),
    ("reserved action", {"action": "block"}, "objects[1].action",
     "reserved"),
    ("pattern type too short", {"pattern": "[ab:value = 'x']"},
     "objects[1].pattern", "'ab' at byte 1 is not an object type name"),
    ("pattern type in capitals", {"pattern": "[Domain-Name:value = 'x']"},
     "objects[1].pattern", "not an object type name"),
    ("pattern property too short", {"pattern": "[domain-name:va = 'x']"},
     "objects[1].pattern", "'va' at byte 13 is not a property name"),
    ("pattern property in capitals", {"pattern": "[file:Hashes.MD5 = 'x']"},
     "objects[1].pattern", "not a property name"),
]


@pytest.mark.parametrize("what,props,path,words", CASES,
                         ids=[c[0] for c in CASES])
def test_rule_refused_with_its_path(server, what, props, path, words):
    jm = server.bearer("ncpoc.jm")
    tag = uuid.uuid4().hex[:8]
    doc = bundle(indicator(f"good-{tag}.example.com"),
                 indicator(f"bad-{tag}.example.com", **props))
    before = stored(server)
    # check only: 200, every error listed, nothing stored
    r = post(server, jm, "stix", doc, dry_run=1)
    assert r.status_code == 200, r.text
    errs = r.json()["errors"]
    assert len(errs) == 1, errs
    assert errs[0]["path"] == path, errs
    assert words in errs[0]["message"], errs
    assert stored(server) == before
    # for real: refused whole, the path in the message
    msg = assert_error(post(server, jm, "stix", doc), 422, "import_failed")
    assert path[:60] in msg, msg
    assert stored(server) == before


def test_valid_variants_still_load(server):
    jm = server.bearer("ncpoc.jm")
    tag = uuid.uuid4().hex[:8]
    doc = bundle(
        indicator(f"a-{tag}.example.com", lang="fr-CA",
                  x_caricom_source="JM"),
        indicator(f"b-{tag}.example.com", lang="zh-Hant-TW"),
        indicator("x", pattern="[file:hashes.'SHA-256' = "
                  "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
                  "7852b855']", x_caricom_nested=[{"inner": []}]),
        indicator("y", pattern="[x-caricom-thing:x_f = 'v']",
                  lang="es-419"))
    r = post(server, jm, "stix", doc)
    assert r.status_code == 201, r.text
    assert r.json()["errors"] == [], r.text


def test_cli_check_only_names_the_path(server, tmp_path):
    tag = uuid.uuid4().hex[:8]
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(bundle(indicator(f"c-{tag}.example.com",
                                             lang="en_US"))))
    before = stored(server)
    out = server.cli("import", "stix", f, "--state", "JM", "--dry-run")
    assert out.returncode == 1, out.stdout
    assert f"{f}: objects[0].lang: " in out.stderr, out.stderr
    assert stored(server) == before


def misp_attrs(tag):
    return [{"type": "domain", "category": "Network activity",
             "value": f"bare-{tag}.example.com"},
            {"type": "ip-dst", "value": "198.51.100.78"}]


def test_misp_event_without_wrapper(server):
    """PyMISP's MISPEvent.to_json() writes the event's own object."""
    jm = server.bearer("ncpoc.jm")
    tag = uuid.uuid4().hex[:8]
    ev = {"uuid": str(uuid.uuid4()), "info": "Phishing wave",
          "date": "2026-02-03", "threat_level_id": "1", "analysis": "1",
          "Tag": [{"name": "tlp:green"}], "Attribute": misp_attrs(tag)}
    r = post(server, jm, "misp", ev, dry_run=1)
    assert r.status_code == 200, r.text
    assert r.json()["counts"]["sightings"] == 2
    r = post(server, jm, "misp", ev)
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["incidents"] == 1
    r = server.get(f"/api/v1/indicators/lookup?type=domain&value="
                   f"bare-{tag}.example.com", session=jm)
    assert r.json()["sightings_visible"] == 1, r.text
    # wrapped, the same event still loads; bad input names its path
    wrapped = {"Event": dict(ev, uuid=str(uuid.uuid4()))}
    assert post(server, jm, "misp", wrapped,
                dry_run=1).json()["counts"]["sightings"] == 2
    bad = dict(ev, Attribute=[{"type": "ip-src", "value": "300.1.2.3"}])
    r = post(server, jm, "misp", bad, dry_run=1)
    assert [e["path"] for e in r.json()["errors"]] == [
        "Attribute[0].value"], r.text
    assert_error(post(server, jm, "misp", {"uuid": "x"}), 422,
                 "import_failed")


def test_generated_indicators_carry_a_name(server):
    """Indicators ccscap writes itself (from its own records, here a MISP
    import) carry a name; objects imported as STIX pass through as sent."""
    jm = server.bearer("ncpoc.jm")
    tag = uuid.uuid4().hex[:8]
    ev = {"info": "Generated", "Tag": [{"name": "tlp:green"}],
          "Attribute": misp_attrs(tag)}
    assert post(server, jm, "misp", ev).status_code == 201
    r = server.get("/api/v1/export/stix", session=jm)
    assert r.status_code == 200, r.text
    ours = [o for o in r.json()["objects"] if o["type"] == "indicator"
            and "x_ccscap_type" in o]
    assert ours
    for o in ours:
        assert isinstance(o.get("name"), str) and o["name"], o
    mine = [o for o in ours if f"bare-{tag}.example.com" in o["pattern"]]
    assert [o["name"] for o in mine] == [f"bare-{tag}.example.com"], mine
