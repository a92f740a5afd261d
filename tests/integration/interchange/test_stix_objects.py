"""Issue 11 item 6: the stored STIX objects, listed and read through the
TLP policy (GET /api/v1/stix/objects, /api/v1/stix/objects/{id}).

A Jamaican NCPOC imports a small intelligence report (identity, threat
actor, malware, attack pattern, relationships, report, an indicator and
an incident) under TLP:AMBER; Trinidad and Tobago may read none of it,
and its answers must be exactly those for objects never stored."""

import csv
import io
import json
import uuid

from conftest import assert_error

TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
T = "2026-03-01T10:00:00.000Z"


def sid(t):
    return f"{t}--{uuid.uuid4()}"


def sdo(type_, oid, marks, **props):
    o = {"type": type_, "spec_version": "2.1", "id": oid, "created": T,
         "modified": T, "object_marking_refs": marks}
    o.update(props)
    return o


def report_bundle(marks, tag="Lantern"):
    ids = {k: sid(k) for k in ("identity", "threat-actor", "malware",
                               "attack-pattern", "indicator", "incident",
                               "report")}
    uses = sid("relationship")
    indicates = sid("relationship")
    objs = [
        sdo("identity", ids["identity"], marks, name=f"{tag} CERT",
            identity_class="organization"),
        sdo("threat-actor", ids["threat-actor"], marks,
            name=f"{tag} Spider", threat_actor_types=["crime-syndicate"],
            created_by_ref=ids["identity"]),
        sdo("malware", ids["malware"], marks, name=f"{tag}Loader",
            is_family=True, description="A loader seen in the region"),
        sdo("attack-pattern", ids["attack-pattern"], marks,
            name="Spearphishing Attachment"),
        sdo("indicator", ids["indicator"], marks, name="C2 domain",
            pattern_type="stix",
            pattern=f"[domain-name:value = '{tag.lower()}-c2.example']",
            valid_from="2026-03-01T10:00:00Z"),
        sdo("incident", ids["incident"], marks, name=f"{tag} intrusion",
            description="Loader found on a ministry host"),
        sdo("relationship", uses, marks, relationship_type="uses",
            source_ref=ids["threat-actor"], target_ref=ids["malware"]),
        sdo("relationship", indicates, marks, relationship_type="indicates",
            source_ref=ids["indicator"], target_ref=ids["malware"]),
        sdo("report", ids["report"], marks, name=f"{tag} report",
            published="2026-03-01T10:00:00Z", report_types=["threat-report"],
            object_refs=[ids["threat-actor"], ids["malware"], uses]),
    ]
    bundle = {"type": "bundle", "id": sid("bundle"), "objects": objs}
    ids["uses"] = uses
    ids["indicates"] = indicates
    return bundle, ids


def imp(server, who, doc):
    r = server.request("POST", "/api/v1/import/stix", session=who,
                       data=json.dumps(doc),
                       headers={"Content-Type": "application/json"})
    assert r.status_code == 201, r.text
    return r.json()


def objects(server, who, **q):
    r = server.get("/api/v1/stix/objects", session=who, params=q)
    assert r.status_code == 200, r.text
    return r.json()


def test_list_by_type_and_read_one(server):
    jm = server.bearer("ncpoc.jm")
    bundle, ids = report_bundle([TLP_AMBER])
    answer = imp(server, jm, bundle)
    # the import result names what was stored, with links
    stored = {o["stix_id"]: o for o in answer["stored"]["stix_objects"]}
    assert ids["malware"] in stored and stored[ids["malware"]]["id"] > 0
    assert answer["stored"]["stix_objects_total"] == len(bundle["objects"])
    got = objects(server, jm, type="malware")
    assert got["total"] == 1 and got["next_cursor"] is None
    assert got["items"][0]["name"] == "LanternLoader"
    assert got["items"][0]["tlp"] == "amber"
    assert got["types"]["relationship"] == 2

    # one object: properties, references and relationships both ways
    r = server.get(f"/api/v1/stix/objects/{ids['malware']}", session=jm)
    assert r.status_code == 200, r.text
    mal = r.json()
    assert mal["object"]["description"] == "A loader seen in the region"
    inc = mal["relationships"]["incoming"]
    kinds = sorted((x["relationship_type"], x["other"]["stix_id"])
                   for x in inc)
    assert kinds == sorted([("uses", ids["threat-actor"]),
                            ("indicates", ids["indicator"])])
    assert all(x["other"]["id"] for x in inc)
    r = server.get(f"/api/v1/stix/objects/{ids['threat-actor']}", session=jm)
    ta = r.json()
    out = ta["relationships"]["outgoing"]
    assert [(x["relationship_type"], x["other"]["name"]) for x in out] == \
        [("uses", "LanternLoader")]
    refs = {x["property"]: x for x in ta["refs"]}
    assert refs["created_by_ref"]["name"] == "Lantern CERT"
    # the same object by its row id
    r2 = server.get(f"/api/v1/stix/objects/{ta['id']}", session=jm)
    assert r2.json()["stix_id"] == ids["threat-actor"]

    # the ccscap records made from it
    r = server.get(f"/api/v1/stix/objects/{ids['incident']}", session=jm)
    assert [i["title"] for i in r.json()["incidents"]] == \
        ["Lantern intrusion"]
    r = server.get(f"/api/v1/stix/objects/{ids['indicator']}", session=jm)
    assert [i["value"] for i in r.json()["indicators"]] == \
        ["lantern-c2.example"]


def test_unreadable_is_missing(server):
    jm = server.bearer("ncpoc.jm")
    tt = server.bearer(server.add_user("ncpoc.tt", "ncpoc", "TT"))
    before = objects(server, tt)
    bundle, ids = report_bundle([TLP_AMBER])
    imp(server, jm, bundle)
    after = objects(server, tt)
    assert after["total"] == before["total"]
    assert after["types"] == before["types"]
    mid = objects(server, jm, type="malware")["items"][0]["id"]
    for ref in (ids["malware"], str(mid)):
        a = assert_error(server.get(f"/api/v1/stix/objects/{ref}",
                                    session=tt), 404, "not_found")
    b = assert_error(server.get(f"/api/v1/stix/objects/malware--{uuid.uuid4()}",
                                session=tt), 404, "not_found")
    assert a == b
    assert_error(server.get("/api/v1/stix/objects/99999999", session=tt),
                 404, "not_found")
    # a CLEAR object of Jamaica's names the AMBER one: shown as a bare id
    rel = sdo("relationship", sid("relationship"), [TLP_CLEAR],
              relationship_type="related-to", source_ref=ids["malware"],
              target_ref=ids["threat-actor"])
    imp(server, jm, {"type": "bundle", "id": sid("bundle"), "objects": [rel]})
    r = server.get(f"/api/v1/stix/objects/{rel['id']}", session=tt)
    assert r.status_code == 200, r.text
    refs = {x["property"]: x for x in r.json()["refs"]}
    assert refs["source_ref"]["id"] is None
    assert refs["source_ref"]["name"] is None
    # anonymous callers are refused
    r = server.get("/api/v1/stix/objects")
    assert_error(r, 401, "authentication_required")


def test_paging_sort_filter_csv(server):
    jm = server.bearer("ncpoc.jm")
    for tag in ("Alpha", "Bravo", "Charlie"):
        imp(server, jm, report_bundle([TLP_AMBER], tag)[0])
    whole = objects(server, jm, type="malware", sort="name", order="asc",
                    limit=200)
    names = [i["name"] for i in whole["items"]]
    assert names == sorted(names, key=str.lower)
    assert {"AlphaLoader", "BravoLoader", "CharlieLoader"} <= set(names)
    n = whole["total"]
    # page through two at a time, forwards then back
    seen, cur, pages = [], None, []
    while True:
        q = dict(type="malware", sort="name", order="asc", limit=2)
        if cur:
            q["cursor"] = cur
        page = objects(server, jm, **q)
        assert page["total"] == n
        pages.append(page)
        seen += [i["name"] for i in page["items"]]
        cur = page["next_cursor"]
        if cur is None:
            break
    assert seen == names
    back = objects(server, jm, type="malware", sort="name", order="asc",
                   limit=2, cursor=pages[-1]["prev_cursor"])
    assert back["items"] == pages[-2]["items"]
    # words filter
    got = objects(server, jm, q="bravo SEEN")
    assert [i["name"] for i in got["items"]] == ["BravoLoader"]
    # bad input
    assert_error(server.get("/api/v1/stix/objects?limit=0", session=jm),
                 400, "invalid_limit")
    assert_error(server.get("/api/v1/stix/objects?limit=201", session=jm),
                 400, "invalid_limit")
    msg = assert_error(server.get("/api/v1/stix/objects?sort=body",
                                  session=jm), 400, "invalid_sort")
    assert "name" in msg
    assert_error(server.get("/api/v1/stix/objects?type=Bad_Type",
                            session=jm), 400, "invalid_type")
    assert_error(server.get("/api/v1/stix/objects?from=2026-13-01",
                            session=jm), 400, "invalid_date")
    cur = pages[0]["next_cursor"]
    bad = cur[:-2] + ("AA" if cur[-2:] != "AA" else "BB")
    assert_error(server.get("/api/v1/stix/objects", session=jm,
                            params=dict(type="malware", sort="name",
                                        order="asc", limit=2, cursor=bad)),
                 400, "invalid_cursor")
    # a cursor of another query
    assert_error(server.get("/api/v1/stix/objects", session=jm,
                            params=dict(type="report", limit=2, cursor=cur)),
                 400, "invalid_cursor")
    # CSV: the whole filtered list, as an attachment
    r = server.get("/api/v1/stix/objects", session=jm,
                   params=dict(type="malware", sort="name", order="asc",
                               format="csv"))
    assert r.status_code == 200
    assert "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["name"] for x in rows] == names
    assert rows[0]["tlp"] == "amber"


def test_page_route_serves_the_object_page(server):
    r = server.get("/stix/malware--" + str(uuid.uuid4()),
                   headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert "text/html" in r.headers["Content-Type"]
    assert "stix-object.js" in r.text


def test_one_incident_as_stix(server):
    jm = server.bearer("ncpoc.jm")
    tt = server.bearer(server.add_user("ncpoc.tt", "ncpoc", "TT"))
    bundle, ids = report_bundle([TLP_AMBER])
    imp(server, jm, bundle)
    r = server.get(f"/api/v1/stix/objects/{ids['incident']}", session=jm)
    iid = r.json()["incidents"][0]["id"]
    r = server.get(f"/api/v1/incidents/{iid}/stix", session=jm)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/stix+json")
    assert "attachment" in r.headers["Content-Disposition"]
    objs = r.json()["objects"]
    assert objs[0]["id"] == ids["incident"]
    assert objs[1]["id"] == TLP_AMBER
    a = assert_error(server.get(f"/api/v1/incidents/{iid}/stix", session=tt),
                     404, "not_found")
    b = assert_error(server.get("/api/v1/incidents/99999999/stix",
                                session=tt), 404, "not_found")
    assert a == b
    # an incident made in ccscap is written as the export writes it
    r = server.get("/api/v1/incidents", session=jm)
    mine = [i for i in r.json()["items"] if not i.get("stix_id")]
    if mine:
        r = server.get(f"/api/v1/incidents/{mine[0]['id']}/stix", session=jm)
        assert r.status_code == 200, r.text
        assert r.json()["objects"][0]["type"] == "incident"
        assert r.json()["objects"][0]["name"] == mine[0]["title"]
