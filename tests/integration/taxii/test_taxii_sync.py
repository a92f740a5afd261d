"""Issue 14: `ccscap sync`, two nodes (two servers, two databases): a
national node pulls the hub's collection and pushes its own records; the
two converge, TLP:RED and AMBER+STRICT never leave the node, the token
comes from the configuration file, and a sync killed after its first
page resumes without losing or repeating an object."""

import subprocess

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
    assert "kept home (TLP:RED, AMBER+STRICT) 2" in out
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
