"""Issue 14: the TAXII 2.1 server, conformance written from the OASIS
specification (TAXII 2.1, 10 June 2021), covering what medallion's test
suite covers: discovery, API roots, status, added_after on every list,
limit, every match[] form, delete by version, the 401/403/404/406/413/415/
422 errors in the TAXII error shape, and a next cursor that changes
parameters between pages, was tampered with or belongs to another query.
Access is per user and organisation per collection, and every object
passes the TLP policy whatever the collection says."""

import base64
import time

from taxii_helpers import (MEDIA, TLP_AMBER, TLP_CLEAR, TLP_GREEN, TLP_RED,
                           TS_RE, Taxii, assert_taxii_error, indicator,
                           make_collection, malware, sid)

RCC = "caricom-rcc"


def rcc_collection(server, title="Regional", tlp="green", grants=None):
    return make_collection(server, RCC, title, tlp, grants if grants
                           is not None else [("--user", "ncpoc.jm",
                                              "--read", "--write")])


# -- discovery, roots, media types, credentials ----------------------------

def test_discovery_lists_the_roots_a_caller_may_use(server):
    anon = Taxii(server)
    r = anon.get("")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == MEDIA
    assert r.json()["api_roots"] == ["/taxii2/public/"]
    jm = Taxii(server, "ncpoc.jm")
    roots = jm.get("").json()["api_roots"]
    assert "/taxii2/caricom-rcc/" in roots
    assert "/taxii2/jm-national/" in roots
    assert "/taxii2/bb-national/" not in roots
    info = jm.get("jm-national/").json()
    assert info["versions"] == [MEDIA]
    assert info["max_content_length"] == 10 << 20


def test_media_types(server):
    t = Taxii(server, "ncpoc.jm")
    r = t.s.get(t.url(""), headers={"Accept": "application/json"})
    assert_taxii_error(r, 406)
    r = t.s.get(t.url(""), headers={
        "Accept": "application/taxii+json;version=2.0"})
    assert_taxii_error(r, 406)
    # no version means the newest, 2.1
    r = t.s.get(t.url(""), headers={"Accept": "application/taxii+json"})
    assert r.status_code == 200, r.text
    r = t.s.get(t.url(""), headers={
        "Accept": "text/html, application/taxii+json; version=2.1"})
    assert r.status_code == 200, r.text
    cid = rcc_collection(server)
    r = t.post(f"{RCC}/collections/{cid}/objects/", {"objects": []},
               headers={"Content-Type": "application/json"})
    assert_taxii_error(r, 415)


def test_credentials(server):
    anon = Taxii(server)
    r = anon.get(f"{RCC}/")
    body = assert_taxii_error(r, 401)
    assert "Basic" in r.headers["WWW-Authenticate"]
    assert body["error_code"] == "authentication_required"
    basic = Taxii(server, "ncpoc.jm", basic=True)
    assert basic.get(f"{RCC}/").status_code == 200
    bad = Taxii(server)
    raw = base64.b64encode(b"ncpoc.jm:wrong-password-here").decode()
    bad.s.headers["Authorization"] = f"Basic {raw}"
    assert_taxii_error(bad.get(f"{RCC}/"), 401)
    tok = Taxii(server)
    tok.s.headers["Authorization"] = "Bearer not-a-token"
    assert_taxii_error(tok.get(f"{RCC}/"), 401)


def test_unknown_resources_are_taxii_404s(server):
    t = Taxii(server, "ncpoc.jm")
    assert_taxii_error(t.get("zz-national/"), 404)
    assert_taxii_error(t.get("nowhere/"), 404)
    assert_taxii_error(t.get(f"{RCC}/collections/no-such-id/"), 404)
    assert_taxii_error(t.get(f"{RCC}/status/no-such-status/"), 404)
    assert_taxii_error(t.get(f"{RCC}/unknown/thing/"), 404)
    r = t.s.put(t.url(f"{RCC}/"), data="x")
    assert_taxii_error(r, 405)


# -- collections and access ------------------------------------------------

def test_collections_per_user_and_org(server):
    mine = rcc_collection(server, "Jamaica's")
    other = rcc_collection(server, "Barbados'", grants=[
        ("--user", "cert.bb", "--read")])
    ro = rcc_collection(server, "Read only", grants=[
        ("--user", "ncpoc.jm", "--read")])
    wo = rcc_collection(server, "Write only", grants=[
        ("--user", "ncpoc.jm", "--write")])
    jm = Taxii(server, "ncpoc.jm")
    cols = jm.get(f"{RCC}/collections/").json()["collections"]
    by_id = {c["id"]: c for c in cols}
    assert set(by_id) == {mine, ro, wo}
    assert by_id[ro]["can_read"] and not by_id[ro]["can_write"]
    assert by_id[wo]["can_write"] and not by_id[wo]["can_read"]
    assert by_id[mine]["media_types"] == [
        "application/stix+json;version=2.1"]
    # a collection without a grant is not there at all
    assert_taxii_error(jm.get(f"{RCC}/collections/{other}/"), 404)
    assert_taxii_error(jm.get(f"{RCC}/collections/{other}/objects/"), 404)
    # read only: no POST; write only: no GET
    r = jm.post(f"{RCC}/collections/{ro}/objects/",
                {"objects": [malware()]})
    assert_taxii_error(r, 403)
    assert_taxii_error(jm.get(f"{RCC}/collections/{wo}/objects/"), 403)
    assert jm.add(RCC, wo, [malware()])["success_count"] == 1
    # a grant to every signed-in user
    anyone = rcc_collection(server, "Everyone", grants=[
        ("--any", "--read")])
    bb = Taxii(server, "cert.bb")
    assert bb.get(f"{RCC}/collections/{anyone}/").status_code == 200


def test_grant_per_organisation(server):
    orgs = server.get("/api/v1/organisations?limit=5",
                      session=server.bearer("coordinator")).json()["items"]
    org = orgs[0]["id"]
    server.add_user("taxii.org", "cert", state="BB", org=org)
    cid = rcc_collection(server, "Org", grants=[
        ("--org", str(org), "--read")])
    t = Taxii(server, "taxii.org")
    assert t.get(f"{RCC}/collections/{cid}/").json()["can_read"] is True
    assert_taxii_error(Taxii(server, "cert.bb").get(
        f"{RCC}/collections/{cid}/"), 404)


# -- POST and status --------------------------------------------------------

def test_post_stores_through_the_import_with_per_object_failures(server):
    cid = rcc_collection(server)
    t = Taxii(server, "ncpoc.jm")
    good = indicator("taxii-good.example")
    bad = malware()
    del bad["name"]
    del bad["is_family"]
    bad["modified"] = "not a time"
    amber = malware(marks=[TLP_AMBER])
    st = t.add(RCC, cid, [good, bad, amber, "not an object"])
    assert st["status"] == "complete"
    assert st["total_count"] == 4
    assert st["success_count"] == 1 and st["failure_count"] == 3
    assert [s["id"] for s in st["successes"]] == [good["id"]]
    failed = {f.get("id"): f["message"] for f in st["failures"]}
    assert "modified" in failed[bad["id"]]
    assert "TLP:amber" in failed[amber["id"]]
    assert st["pending_count"] == 0
    # the status resource is kept, and only its maker reads it
    r = t.get(f"{RCC}/status/{st['id']}/")
    assert r.status_code == 200 and r.json() == st
    other = Taxii(server, "analyst")
    assert_taxii_error(other.get(f"{RCC}/status/{st['id']}/"), 404)
    # the import correlated the indicator: ccscap knows the value
    s = server.get("/api/v1/indicators/lookup?type=domain&"
                   "value=taxii-good.example",
                   session=server.bearer("ncpoc.jm"))
    assert s.status_code == 200, s.text
    assert "taxii-good.example" in s.text
    objs, _ = t.all_objects(RCC, cid)
    assert [o["id"] for o in objs] == [good["id"]]


def test_post_bad_bodies(server):
    cid = rcc_collection(server)
    t = Taxii(server, "ncpoc.jm")
    path = f"{RCC}/collections/{cid}/objects/"
    r = t.s.post(t.url(path), data="{not json",
                 headers={"Content-Type": MEDIA})
    assert_taxii_error(r, 400)
    assert_taxii_error(t.post(path, {"objects": "no"}), 422)
    assert_taxii_error(t.post(path, [1, 2]), 422)
    big = "x" * ((10 << 20) + 10)
    r = t.s.post(t.url(path), data=big, headers={"Content-Type": MEDIA})
    assert_taxii_error(r, 413)
    objs, _ = t.all_objects(RCC, cid)
    assert objs == []


# -- reading: envelope, headers, paging ------------------------------------

def test_objects_paging_never_loses_or_repeats(server):
    cid = rcc_collection(server)
    t = Taxii(server, "ncpoc.jm")
    sent = [malware(name=f"m{i}") for i in range(25)]
    # one POST: every object of it shares one request time
    t.add(RCC, cid, sent)
    r = t.get(f"{RCC}/collections/{cid}/objects/", params={"limit": 10})
    body = r.json()
    assert body["more"] is True and len(body["objects"]) == 10
    first = r.headers["X-TAXII-Date-Added-First"]
    last = r.headers["X-TAXII-Date-Added-Last"]
    assert TS_RE.match(first) and TS_RE.match(last) and first < last
    got, pages = t.all_objects(RCC, cid, limit=10)
    assert pages == 3
    assert sorted(o["id"] for o in got) == sorted(o["id"] for o in sent)
    # the manifest's date_added values are unique and increasing
    m = t.get(f"{RCC}/collections/{cid}/manifest/",
              params={"limit": 100}).json()["objects"]
    dates = [e["date_added"] for e in m]
    assert dates == sorted(dates) and len(set(dates)) == 25
    assert all(TS_RE.match(d) for d in dates)
    assert m[0]["media_type"] == "application/stix+json;version=2.1"
    assert m[0]["version"] == "2026-01-01T00:00:00.000Z"


def test_next_is_bound_to_its_query(server):
    cid = rcc_collection(server)
    t = Taxii(server, "ncpoc.jm")
    t.add(RCC, cid, [malware(name=f"m{i}") for i in range(5)])
    path = f"{RCC}/collections/{cid}/objects/"
    nxt = t.get(path, params={"limit": 2}).json()["next"]
    # limit may change between pages
    r = t.get(path, params={"limit": 3, "next": nxt})
    assert r.status_code == 200 and len(r.json()["objects"]) == 3
    # anything else may not
    r = t.get(path, params={"next": nxt, "match[type]": "malware"})
    assert_taxii_error(r, 400)
    r = t.get(f"{RCC}/collections/{cid}/manifest/", params={"next": nxt})
    assert_taxii_error(r, 400)
    tampered = nxt[:-2] + ("AA" if nxt[-2:] != "AA" else "BB")
    assert_taxii_error(t.get(path, params={"next": tampered}), 400)
    assert_taxii_error(t.get(path, params={"next": "garbage"}), 400)
    other = rcc_collection(server, "Other")
    t.add(RCC, other, [malware()])
    r = t.get(f"{RCC}/collections/{other}/objects/", params={"next": nxt})
    assert_taxii_error(r, 400)
    # another reader may not use my cursor
    t2 = Taxii(server, "ncpoc.jm")
    server.cli("taxii", "grant", cid, "--user", "analyst", "--read")
    a = Taxii(server, "analyst")
    assert_taxii_error(a.get(path, params={"next": nxt}), 400)
    assert t2.get(path, params={"next": nxt}).status_code == 200


def test_limit_bounds(server):
    cid = rcc_collection(server)
    t = Taxii(server, "ncpoc.jm")
    path = f"{RCC}/collections/{cid}/objects/"
    for bad in ("0", "1000001", "-1", "ten"):
        assert_taxii_error(t.get(path, params={"limit": bad}), 400)
    assert t.get(path, params={"limit": "1000"}).status_code == 200


def test_added_after_on_every_list(server):
    cid = rcc_collection(server)
    t = Taxii(server, "ncpoc.jm")
    oid = sid("malware")
    t.add(RCC, cid, [malware(oid, modified="2026-01-01T00:00:00.000Z")])
    base = f"{RCC}/collections/{cid}/"
    r = t.get(base + "objects/")
    mark = r.headers["X-TAXII-Date-Added-Last"]
    time.sleep(0.01)
    t.add(RCC, cid, [malware(oid, modified="2026-02-01T00:00:00.000Z"),
                     malware(name="later")])
    q = {"added_after": mark}
    objs = t.get(base + "objects/", params=q).json()["objects"]
    assert len(objs) == 2
    man = t.get(base + "manifest/", params=q).json()["objects"]
    assert len(man) == 2
    one = t.get(base + f"objects/{oid}/", params=q).json()["objects"]
    assert [o["modified"] for o in one] == ["2026-02-01T00:00:00.000Z"]
    vers = t.get(base + f"objects/{oid}/versions/", params=q).json()
    assert vers["versions"] == ["2026-02-01T00:00:00.000Z"]
    r = t.get(base + "objects/", params={"added_after": "yesterday"})
    assert_taxii_error(r, 400)
    late = t.get(base + "objects/", params={
        "added_after": "2999-01-01T00:00:00Z"}).json()
    assert late == {"more": False}


# -- match[] ----------------------------------------------------------------

def versions_of(server, cid):
    t = Taxii(server, "ncpoc.jm")
    oid = sid("malware")
    mods = ["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z",
            "2026-03-01T00:00:00.000Z"]
    for m in mods:
        t.add(RCC, cid, [malware(oid, modified=m)])
    ind = indicator("match.example")
    t.add(RCC, cid, [ind])
    return t, oid, mods, ind


def test_match_filters(server):
    cid = rcc_collection(server)
    t, oid, mods, ind = versions_of(server, cid)
    base = f"{RCC}/collections/{cid}/objects/"

    def ids_mods(**params):
        objs = t.get(base, params=params).json().get("objects", [])
        return [(o["id"], o["modified"]) for o in objs]

    # default: the last version of each
    assert ids_mods() == [(oid, mods[2]), (ind["id"], ind["modified"])]
    assert ids_mods(**{"match[version]": "first"}) == [
        (oid, mods[0]), (ind["id"], ind["modified"])]
    assert ids_mods(**{"match[version]": "all"}) == [
        (oid, m) for m in mods] + [(ind["id"], ind["modified"])]
    assert ids_mods(**{"match[version]": mods[1]}) == [(oid, mods[1])]
    assert ids_mods(**{"match[version]": f"first,{mods[1]}"}) == [
        (oid, mods[0]), (oid, mods[1]), (ind["id"], ind["modified"])]
    assert ids_mods(**{"match[type]": "indicator"}) == [
        (ind["id"], ind["modified"])]
    assert ids_mods(**{"match[type]": "indicator,malware"}) == ids_mods()
    assert ids_mods(**{"match[id]": oid,
                       "match[version]": "all"}) == [(oid, m) for m in mods]
    assert ids_mods(**{"match[spec_version]": "2.0"}) == []
    assert ids_mods(**{"match[spec_version]": "2.1"}) == ids_mods()
    for bad in ({"match[type]": "Not A Type!"}, {"match[id]": "nope"},
                {"match[version]": "newest"},
                {"match[spec_version]": "two"}):
        assert_taxii_error(t.get(base, params=bad), 400)
    man = t.get(f"{RCC}/collections/{cid}/manifest/",
                params={"match[id]": oid, "match[version]": "all"}).json()
    assert [e["version"] for e in man["objects"]] == mods


def test_object_versions_and_delete(server):
    cid = rcc_collection(server)
    t, oid, mods, _ = versions_of(server, cid)
    base = f"{RCC}/collections/{cid}/objects/{oid}/"
    assert t.get(base + "versions/").json()["versions"] == mods
    r = t.get(base + "versions/", params={"limit": 2})
    assert r.json()["versions"] == mods[:2] and r.json()["more"] is True
    r2 = t.get(base + "versions/", params={"next": r.json()["next"]})
    assert r2.json() == {"more": False, "versions": mods[2:]}
    objs = t.get(base, params={"match[version]": "all"}).json()["objects"]
    assert [o["modified"] for o in objs] == mods
    # delete one version, then the rest
    r = t.delete(base, params={"match[version]": mods[1]})
    assert r.status_code == 200, r.text
    assert t.get(base + "versions/").json()["versions"] == [mods[0],
                                                            mods[2]]
    assert t.delete(base).status_code == 200
    assert_taxii_error(t.get(base), 404)
    assert_taxii_error(t.get(base + "versions/"), 404)
    assert_taxii_error(t.delete(base), 404)
    # deleting needs write access
    ro = rcc_collection(server, "RO", grants=[
        ("--user", "ncpoc.jm", "--read")])
    assert_taxii_error(t.delete(f"{RCC}/collections/{ro}/objects/{oid}/"),
                       403)


# -- TLP policy and publishing ---------------------------------------------

def test_red_is_served_only_to_its_recipients(server):
    cid = rcc_collection(server, "Red", tlp="red", grants=[
        ("--user", "ncpoc.jm", "--read", "--write"),
        ("--user", "analyst", "--read")])
    t = Taxii(server, "ncpoc.jm")
    red = malware(marks=[TLP_RED])
    green = malware(marks=[TLP_GREEN])
    st = t.add(RCC, cid, [red, green])
    assert st["success_count"] == 2
    a = Taxii(server, "analyst")
    got, _ = a.all_objects(RCC, cid)
    assert [o["id"] for o in got] == [green["id"]]
    base = f"{RCC}/collections/{cid}/"
    assert_taxii_error(a.get(base + f"objects/{red['id']}/"), 404)
    man = a.get(base + "manifest/").json()["objects"]
    assert [e["id"] for e in man] == [green["id"]]


def test_records_made_in_ccscap_appear_where_markings_allow(server):
    pub = make_collection(server, "public", "Open data", "clear",
                          grants=[("--public", "--read")])
    rcc = rcc_collection(server, "Regional green")
    clear = malware(marks=[TLP_CLEAR])
    amber = malware(marks=[TLP_AMBER])
    green = malware(marks=[TLP_GREEN])
    bundle = {"type": "bundle", "id": sid("bundle"),
              "objects": [clear, amber, green]}
    r = server.request("POST", "/api/v1/import/stix",
                       session=server.bearer("analyst"), json=bundle)
    assert r.status_code == 201, r.text
    anon = Taxii(server)
    got, _ = anon.all_objects("public", pub)
    assert [o["id"] for o in got] == [clear["id"]]
    jm = Taxii(server, "ncpoc.jm")
    got, _ = jm.all_objects(RCC, rcc)
    assert sorted(o["id"] for o in got) == sorted([clear["id"],
                                                   green["id"]])
    # a new collection gets what is already stored
    later = make_collection(server, "public", "Later", "clear",
                            grants=[("--public", "--read")])
    got, _ = anon.all_objects("public", later)
    assert [o["id"] for o in got] == [clear["id"]]


def test_basic_push_as_misp_does_and_roles_that_may_not_report(server):
    cid = rcc_collection(server, "Push", grants=[
        ("--user", "ncpoc.jm", "--read", "--write"),
        ("--user", "steering", "--read", "--write")])
    misp = Taxii(server, "ncpoc.jm", basic=True)
    obj = malware()
    assert misp.add(RCC, cid, [obj])["success_count"] == 1
    # a write grant does not make a role one that reports records
    st = Taxii(server, "steering")
    r = st.post(f"{RCC}/collections/{cid}/objects/", {"objects": [malware()]})
    assert_taxii_error(r, 403)
    r = st.delete(f"{RCC}/collections/{cid}/objects/{obj['id']}/")
    assert_taxii_error(r, 403)
    assert [o["id"] for o in misp.all_objects(RCC, cid)[0]] == [obj["id"]]
