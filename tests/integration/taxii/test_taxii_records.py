"""Issue 14 item 4: incidents made through ccscap's own API (not imported
as STIX) appear in the TAXII collections their markings allow, rendered
by the STIX export, each change a new version with a new date_added so a
poller using added_after sees it; TLP:RED stays out of every collection
whatever its grants, and a record above a collection's TLP is not in it.
"""
import time
import uuid

from taxii_helpers import (TLP_GREEN, Taxii, make_collection)

RCC = "caricom-rcc"


def report(server, session, title, **kw):
    body = {"title": title, "description": "made in ccscap",
            "rsit": "fraud:phishing", "severity": "medium",
            "tlp": "green"}
    body.update(kw)
    r = server.request("POST", "/api/v1/incidents", session=session,
                       json=body)
    assert r.status_code == 201, r.text
    return r.json()


def named(objs, title):
    return [o for o in objs if o.get("type") == "incident"
            and o.get("name") == title]


def test_an_incident_made_in_ccscap_is_in_the_collections(server):
    green = make_collection(server, RCC, "Regional green", "green",
                            [("--any", "--read")])
    public = make_collection(server, "public", "Public", "clear",
                             [("--public", "--read")])
    jm = server.bearer("ncpoc.jm")
    inc = report(server, jm, "Lookalike bank domains")
    reader = Taxii(server, "cert.bb")
    objs, _ = reader.all_objects(RCC, green)
    got = named(objs, "Lookalike bank domains")
    assert len(got) == 1, objs
    assert got[0]["object_marking_refs"] == [TLP_GREEN]
    assert got[0]["x_ccscap_state"] == "JM"
    assert got[0]["id"].startswith("incident--")
    # the export of the same record is the same object: one mapping
    ex = server.get("/api/v1/export/stix", session=jm)
    assert ex.status_code == 200, ex.text
    same = [o for o in ex.json()["objects"] if o["id"] == got[0]["id"]]
    assert same == got
    # TLP:GREEN is not public
    objs, _ = Taxii(server).all_objects("public", public)
    assert named(objs, "Lookalike bank domains") == []
    assert inc["id"]


def test_red_and_amber_stay_out(server):
    red = make_collection(server, RCC, "Regional red", "red",
                          [("--any", "--read")])
    green = make_collection(server, RCC, "Regional green", "green",
                            [("--any", "--read")])
    server.add_user("red.only", "cert", "BB")
    jm = server.bearer("ncpoc.jm")
    report(server, jm, "Ransomware at the ministry", tlp="red",
           recipients=["red.only"])
    report(server, jm, "Amber only", tlp="amber")
    report(server, jm, "Green control")
    bb = Taxii(server, "cert.bb")
    objs, _ = bb.all_objects(RCC, red)
    assert named(objs, "Ransomware at the ministry") == []
    assert len(named(objs, "Green control")) == 1
    # TLP:AMBER stays in its state: filed where the TLP allows, read by
    # those the marking lets read it
    assert named(objs, "Amber only") == []
    own = Taxii(server, "ncpoc.jm")
    objs, _ = own.all_objects(RCC, red)
    assert len(named(objs, "Amber only")) == 1
    objs, _ = own.all_objects(RCC, green)
    assert named(objs, "Amber only") == []
    assert len(named(objs, "Green control")) == 1


def test_an_update_is_a_new_version_after_the_last_poll(server):
    green = make_collection(server, RCC, "Regional green", "green",
                            [("--any", "--read")])
    jm = server.bearer("ncpoc.jm")
    inc = report(server, jm, "Credential stuffing")
    reader = Taxii(server, "cert.bb")
    path = f"{RCC}/collections/{green}/objects/"
    first = reader.get(path)
    assert first.status_code == 200, first.text
    last = first.headers["X-TAXII-Date-Added-Last"]
    sid = named(first.json()["objects"], "Credential stuffing")[0]["id"]
    # nothing new after the last poll yet
    r = reader.get(path, params={"added_after": last})
    assert r.status_code == 200, r.text
    assert named(r.json().get("objects", []), "Credential stuffing") == []
    for version, status in ((inc["version"], "triaged"),
                            (inc["version"] + 1, "investigating")):
        r = server.request("PATCH", f"/api/v1/incidents/{inc['id']}",
                           session=jm, json={"version": version,
                                             "status": status,
                                             "severity": "high"})
        assert r.status_code == 200, r.text
        got = reader.get(path, params={"added_after": last})
        assert got.status_code == 200, got.text
        new = named(got.json().get("objects", []), "Credential stuffing")
        assert len(new) == 1, got.json()
        assert new[0]["id"] == sid
        assert new[0]["x_ccscap_status"] == status
        assert new[0]["x_ccscap_severity"] == "high"
        assert got.headers["X-TAXII-Date-Added-Last"] > last
        last = got.headers["X-TAXII-Date-Added-Last"]
        time.sleep(1.1)
    # the object's versions, newest last, end with the last change
    r = reader.get(f"{path}{sid}/", params={"match[version]": "all"})
    assert r.status_code == 200, r.text
    vs = r.json()["objects"]
    assert vs[-1]["x_ccscap_status"] == "investigating"
    assert len(vs) >= 2


def test_an_indicator_reported_in_ccscap_is_in_the_collections(server):
    green = make_collection(server, RCC, "Regional green", "green",
                            [("--any", "--read")])
    server.add_user("red.rcpt", "cert", "BB")
    jm = server.bearer("ncpoc.jm")
    value = f"lookalike-{uuid.uuid4().hex[:10]}.example"
    secret = f"secret-{uuid.uuid4().hex[:10]}.example"
    for v, extra in ((value, {"tlp": "green"}),
                     (secret, {"tlp": "red", "recipients": ["red.rcpt"]})):
        r = server.request("POST", "/api/v1/indicators", session=jm,
                           json={"indicators": [{"type": "domain",
                                                 "value": v}], **extra})
        assert r.status_code == 201, r.text
    # an incident's indicators are filed too
    report(server, jm, "With an indicator", indicators=[
        {"type": "domain", "value": "in-" + value}])
    objs, _ = Taxii(server, "cert.bb").all_objects(RCC, green)
    inds = {o["name"]: o for o in objs if o["type"] == "indicator"}
    assert inds[value]["pattern"] == f"[domain-name:value = '{value}']"
    assert inds[value]["object_marking_refs"] == [TLP_GREEN]
    assert "in-" + value in inds
    assert secret not in inds
    objs, _ = Taxii(server, "red.rcpt").all_objects(RCC, green)
    assert secret not in {o.get("name") for o in objs}


def test_publish_files_the_records_already_made(server):
    jm = server.bearer("ncpoc.jm")
    report(server, jm, "Made before the collection")
    report(server, jm, "Red before the collection", tlp="red",
           recipients=["cert.bb"])
    green = make_collection(server, RCC, "Late green", "green",
                            [("--any", "--read")])
    objs, _ = Taxii(server, "cert.bb").all_objects(RCC, green)
    assert named(objs, "Made before the collection") == []
    out = server.cli("taxii", "publish")
    assert out.returncode == 0, out.stderr
    objs, _ = Taxii(server, "cert.bb").all_objects(RCC, green)
    assert len(named(objs, "Made before the collection")) == 1
    assert named(objs, "Red before the collection") == []
