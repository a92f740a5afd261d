"""Issue 14: `ccscap sync`, two nodes (two servers, two databases): a
national node pulls the hub's collection and pushes its own records (STIX
it imported, incidents and indicators made through its API), never what
it pulled; the two converge, TLP:RED and AMBER+STRICT never leave the
node (checked again just before sending), the token comes from the
configuration file, and a sync killed after its first page resumes
without losing or repeating an object."""

import subprocess
import uuid

from conftest import BIN, base_env
from taxii_helpers import (TLP_AMBER, TLP_CLEAR, TLP_GREEN, TLP_RED, Taxii,
                           make_collection, malware, sid)

RCC = "caricom-rcc"
TLP_AMBER_STRICT = ("marking-definition--"
                    "939a9414-2ddd-4d32-a0cd-375ea402b003")


def import_api(server, login, objs):
    r = server.request("POST", "/api/v1/import/stix",
                       session=server.bearer(login),
                       json={"type": "bundle", "id": sid("bundle"),
                             "objects": objs})
    assert r.status_code == 201, r.text


def two_nodes(make_server):
    hub = make_server()
    hub_coll = make_collection(hub, RCC, "Hub regional", "amber", [
        ("--user", "analyst", "--read", "--write")])
    token = hub.create_token("analyst", "sync-node")
    root = hub.url(f"/taxii2/{RCC}/")
    node = make_server(config=f"sync_peer = {root} {token}\n")
    # the RIFC reads the region's TLP:AMBER; ncpoc.jm the rest
    node_coll = make_collection(node, RCC, "Node regional", "amber", [
        ("--user", "analyst", "--read"), ("--user", "ncpoc.jm", "--read")])
    return hub, hub_coll, root, node, node_coll


def ids_in(server, login, coll):
    got, _ = Taxii(server, login).all_objects(RCC, coll,
                                              **{"match[version]": "all"})
    return [o["id"] for o in got]


def sync(node, root, *args):
    out = node.cli("sync", root, *args, timeout=600)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_pull_and_push_converge_and_keep_red_home(make_server):
    hub, hub_coll, root, node, node_coll = two_nodes(make_server)
    on_hub = [malware(marks=[TLP_CLEAR]), malware(marks=[TLP_GREEN]),
              malware(marks=[TLP_AMBER])]
    import_api(hub, "analyst", on_hub + [malware(marks=[TLP_RED])])
    assert "pulled 3 objects" in sync(node, root, "--pull")
    assert sorted(ids_in(node, "analyst", node_coll)) == sorted(
        o["id"] for o in on_hub)
    # pulled records pass the node's own TLP policy: the region's
    # TLP:AMBER is not Jamaica's to read
    assert sorted(ids_in(node, "ncpoc.jm", node_coll)) == sorted(
        o["id"] for o in on_hub[:2])
    # nothing new: nothing pulled again
    assert "pulled 0 objects" in sync(node, root, "--pull")
    mine = malware(marks=[TLP_GREEN])
    red = malware(marks=[TLP_RED])
    strict = malware(marks=[TLP_AMBER_STRICT])
    import_api(node, "ncpoc.jm", [mine, red, strict])
    out = sync(node, root, "--push", "--collection", hub_coll)
    # its own record only: the three it pulled are not sent back, and
    # RED and AMBER+STRICT were never filed in a collection to send
    assert "pushed 1, refused by the peer 0" in out
    on_hub_now = ids_in(hub, "analyst", hub_coll)
    assert mine["id"] in on_hub_now
    assert red["id"] not in on_hub_now and strict["id"] not in on_hub_now
    assert sorted(on_hub_now) == sorted([o["id"] for o in on_hub] +
                                        [mine["id"]])
    assert "pushed 0" in sync(node, root, "--push", "--collection",
                              hub_coll)


def test_token_only_from_the_configuration(make_server):
    hub = make_server()
    root = hub.url(f"/taxii2/{RCC}/")
    out = hub.cli("sync", root, "--pull")
    assert out.returncode == 2
    assert "sync_peer" in out.stderr


def test_killed_sync_resumes(make_server):
    hub, hub_coll, root, node, node_coll = two_nodes(make_server)
    objs = [malware(name=f"m{i}", marks=[TLP_GREEN]) for i in range(2300)]
    import_api(hub, "analyst", objs)
    cmd = [str(BIN), "--db", node.db.uri, "--config", str(node.config),
           "sync", root, "--pull"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True,
                         env=base_env(dict(node.db.env)), cwd=node.db.workdir)
    line = p.stderr.readline()
    assert "1000 objects so far" in line, line
    p.kill()
    p.wait(timeout=30)
    p.stdout.close()
    p.stderr.close()
    got = ids_in(node, "analyst", node_coll)
    assert 1000 <= len(got) < 2300
    out = sync(node, root, "--pull")
    assert "pulled" in out
    got = ids_in(node, "analyst", node_coll)
    assert len(got) == len(set(got)) == 2300
    assert set(got) == {o["id"] for o in objs}


def report(server, login, title, tlp="green", value=None, **kw):
    body = {"title": title, "description": "made on the node",
            "rsit": "fraud:phishing", "severity": "medium", "tlp": tlp}
    if value:
        body["indicators"] = [{"type": "domain", "value": value}]
    body.update(kw)
    r = server.request("POST", "/api/v1/incidents",
                       session=server.bearer(login), json=body)
    assert r.status_code == 201, r.text
    return r.json()


def hub_objects(hub, coll):
    got, _ = Taxii(hub, "analyst").all_objects(RCC, coll,
                                               **{"match[version]": "all"})
    return got


def test_records_made_by_form_reach_the_hub_by_push(make_server):
    hub, hub_coll, root, node, _ = two_nodes(make_server)
    node.add_user("red.reader", "cert", "BB")
    value = f"push-{uuid.uuid4().hex[:10]}.example"
    report(node, "ncpoc.jm", "Phishing kit on the node", value=value)
    report(node, "ncpoc.jm", "Red on the node", tlp="red",
           recipients=["red.reader"])
    report(node, "ncpoc.jm", "Strict on the node", tlp="amber+strict")
    out = sync(node, root, "--push", "--collection", hub_coll)
    assert "refused by the peer 0" in out
    objs = hub_objects(hub, hub_coll)
    inc = [o for o in objs if o["type"] == "incident"]
    assert [o["name"] for o in inc] == ["Phishing kit on the node"]
    assert inc[0]["object_marking_refs"] == [TLP_GREEN]
    ind = [o for o in objs if o["type"] == "indicator"]
    assert [o["pattern"] for o in ind] == [
        f"[domain-name:value = '{value}']"]
    # the hub imported it: its own API shows the incident
    r = hub.get("/api/v1/incidents?limit=100",
                session=hub.bearer("analyst"))
    assert "Phishing kit on the node" in r.text
    assert "Red on the node" not in r.text
    assert "Strict on the node" not in r.text
    # from the watermark: nothing again, then only what is new
    assert "pushed 0" in sync(node, root, "--push", "--collection",
                              hub_coll)
    report(node, "ncpoc.jm", "Second report")
    assert "pushed 1," in sync(node, root, "--push", "--collection",
                               hub_coll)
    names = sorted(o["name"] for o in hub_objects(hub, hub_coll)
                   if o["type"] == "incident")
    assert names == ["Phishing kit on the node", "Second report"]


def test_marking_checked_again_before_it_leaves(make_server):
    """Entries of a local collection that holds TLP:RED (posted to it) are
    kept home by the push; an unmarked object leaves carrying the TLP it
    was filed under, so a peer cannot file it lower."""
    hub = make_server()
    hub_clear = make_collection(hub, RCC, "Hub clear", "clear", [
        ("--user", "analyst", "--read", "--write")])
    token = hub.create_token("analyst", "sync-node")
    root = hub.url(f"/taxii2/{RCC}/")
    node = make_server(config=f"sync_peer = {root} {token}\n")
    room = make_collection(node, RCC, "Red room", "red", [
        ("--user", "analyst", "--read", "--write")])
    green = make_collection(node, RCC, "Node green", "green", [
        ("--user", "analyst", "--read", "--write")])
    red, strict = malware(marks=[TLP_RED]), malware(
        marks=[TLP_AMBER_STRICT])
    clear, bare = malware(marks=[TLP_CLEAR]), malware()
    del bare["object_marking_refs"]
    t = Taxii(node, "analyst")
    assert t.add(RCC, room, [red, strict])["success_count"] == 2
    assert t.add(RCC, green, [clear, bare])["success_count"] == 2
    out = sync(node, root, "--push", "--collection", hub_clear, "--from",
               room)
    assert "kept home (TLP:RED, AMBER+STRICT) 2" in out
    got = [o["id"] for o in hub_objects(hub, hub_clear)]
    assert red["id"] not in got and strict["id"] not in got
    out = sync(node, root, "--push", "--collection", hub_clear, "--from",
               green)
    # the unmarked object was filed TLP:GREEN here: it leaves marked so,
    # and the hub's TLP:CLEAR collection refuses it
    assert "refused by the peer 1" in out
    got = [o["id"] for o in hub_objects(hub, hub_clear)]
    assert got == [clear["id"]]


def test_push_needs_a_source(make_server):
    hub, hub_coll, _, node, _ = two_nodes(make_server)
    token = hub.create_token("analyst", "sync-public")
    public = hub.url("/taxii2/public/")
    node.config.write_text(node.config.read_text() +
                           f"sync_peer = {public} {token}\n")
    out = node.cli("sync", public, "--push", "--collection", hub_coll)
    assert out.returncode == 1
    assert "no collection in API root 'public'" in out.stderr
    out = node.cli("sync", public, "--push", "--collection", hub_coll,
                   "--from", "0000")
    assert out.returncode == 1
    assert "--from: this node has no collection '0000'" in out.stderr


def test_pulled_objects_stay_the_peers_in_a_new_collection(make_server):
    """A collection added after a pull is filled from what is stored,
    pulled objects included: they keep their origin, so a push still
    sends only this node's own records."""
    hub, hub_coll, root, node, _ = two_nodes(make_server)
    import_api(hub, "analyst", [malware(marks=[TLP_GREEN])
                                for _ in range(3)])
    assert "pulled 3 objects" in sync(node, root, "--pull")
    later = make_collection(node, RCC, "Added later", "amber", [
        ("--user", "analyst", "--read")])
    assert len(ids_in(node, "analyst", later)) == 3
    mine = malware(marks=[TLP_GREEN])
    import_api(node, "ncpoc.jm", [mine])
    out = sync(node, root, "--push", "--collection", hub_coll)
    assert "pushed 1, refused by the peer 0" in out
