"""Issue 14: two nodes (two `ccscap serve`, two databases) where the
SERVER dies mid-sync. During a pull, then a push, the peer server is
killed with SIGKILL; the sync client fails clearly (exit 3, the peer and
the step named), its watermark stays at the last page or batch it
committed, the peer comes back on the same address, the sync is run
again, and the nodes converge: the same objects on both sides, none
twice, none lost, and a TLP:RED record of either side never on the
other."""

import subprocess

from conftest import BIN, base_env
from taxii_helpers import TLP_GREEN, TLP_RED, Taxii, make_collection, malware

RCC = "caricom-rcc"


def import_api(server, login, objs):
    for i in range(0, len(objs), 1000):
        r = server.request("POST", "/api/v1/import/stix",
                           session=server.bearer(login),
                           json={"type": "bundle",
                                 "id": "bundle--" + objs[i]["id"][9:],
                                 "objects": objs[i:i + 1000]})
        assert r.status_code == 201, r.text


def versions(server, login, coll):
    got, _ = Taxii(server, login).all_objects(RCC, coll,
                                              **{"match[version]": "all"})
    return [o["id"] for o in got]


def start_sync(node, root, *args):
    cmd = [str(BIN), "--db", node.db.uri, "--config", str(node.config),
           "sync", root, *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env=base_env(dict(node.db.env)),
                            cwd=node.db.workdir)


def kill_peer_after(p, peer, want):
    """Kills @peer once the sync @p printed a progress line with @want;
    returns the sync's (exit code, stderr)."""
    line = p.stderr.readline()
    assert want in line, line
    peer.kill9()
    _, err = p.communicate(timeout=300)
    return p.returncode, line + err


def sync(node, root, *args):
    out = node.cli("sync", root, *args, timeout=900)
    assert out.returncode == 0, out.stderr
    return out.stdout


def nodes(make_server):
    hub = make_server()
    hub_coll = make_collection(hub, RCC, "Hub regional", "amber", [
        ("--user", "analyst", "--read", "--write")])
    token = hub.create_token("analyst", "sync-node")
    root = hub.url(f"/taxii2/{RCC}/")
    node = make_server(config=f"sync_peer = {root} {token}\n")
    node_coll = make_collection(node, RCC, "Node regional", "amber", [
        ("--user", "analyst", "--read")])
    return hub, hub_coll, root, node, node_coll


def test_hub_killed_during_a_pull_then_converges(make_server):
    hub, hub_coll, root, node, node_coll = nodes(make_server)
    objs = [malware(name=f"h{i}", marks=[TLP_GREEN]) for i in range(3300)]
    red = malware(name="hub red", marks=[TLP_RED])
    import_api(hub, "analyst", objs[:1700] + [red] + objs[1700:])
    p = start_sync(node, root, "--pull")
    code, err = kill_peer_after(p, hub, "1000 objects so far")
    assert code == 3, err
    assert f"peer {root}: pull of collection {hub_coll}, page" in err, err
    assert "run the same command again to resume" in err
    held = versions(node, "analyst", node_coll)
    assert 1000 <= len(held) < 3300
    # the watermark is that of the last page the node committed
    mark = node.db.sql("SELECT mark FROM taxii_sync WHERE direction = "
                       "'pull'")
    assert len(mark) == 1 and mark[0][0].endswith("Z"), mark
    hub.start(port=hub.port)
    out = sync(node, root, "--pull")
    # resumed at the watermark: nothing pulled twice
    assert f"pulled {3300 - len(held)} objects" in out, out
    on_node = versions(node, "analyst", node_coll)
    assert len(on_node) == len(set(on_node)) == 3300
    assert set(on_node) == {o["id"] for o in objs}
    assert sorted(on_node) == sorted(versions(hub, "analyst", hub_coll))
    assert red["id"] not in on_node


def test_hub_killed_during_a_push_then_converges(make_server):
    hub, hub_coll, root, node, node_coll = nodes(make_server)
    node.add_user("red.reader", "cert", "BB")
    objs = [malware(name=f"n{i}", marks=[TLP_GREEN]) for i in range(1500)]
    import_api(node, "ncpoc.jm", objs)
    r = node.request("POST", "/api/v1/incidents",
                     session=node.bearer("ncpoc.jm"),
                     json={"title": "Red on the node", "description": "x",
                           "rsit": "fraud:phishing", "severity": "high",
                           "tlp": "red", "recipients": ["red.reader"]})
    assert r.status_code == 201, r.text
    p = start_sync(node, root, "--push", "--collection", hub_coll)
    code, err = kill_peer_after(p, hub, "accepted so far")
    assert code == 3, err
    assert (f"peer {root}: push to collection {hub_coll} from local "
            f"{node_coll}") in err, err
    sent = node.db.sql("SELECT date_added FROM taxii_push")
    assert len(sent) == 1, sent
    hub.start(port=hub.port)
    on_hub = versions(hub, "analyst", hub_coll)
    assert 200 <= len(on_hub) < 1500
    out = sync(node, root, "--push", "--collection", hub_coll)
    assert "refused by the peer 0" in out
    on_hub = versions(hub, "analyst", hub_coll)
    assert len(on_hub) == len(set(on_hub)) == 1500
    assert set(on_hub) == {o["id"] for o in objs}
    # the node pulls the hub back: the same set on both sides, no twins
    sync(node, root, "--pull", "--collection", hub_coll)
    on_node = versions(node, "analyst", node_coll)
    assert len(on_node) == len(set(on_node))
    assert sorted(on_node) == sorted(on_hub)
    r = hub.get("/api/v1/incidents?limit=100",
                session=hub.bearer("analyst"))
    assert r.status_code == 200 and "Red on the node" not in r.text
