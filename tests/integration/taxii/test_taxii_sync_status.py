"""Issue 14, build item 5: `ccscap sync --push` polls the status of each
POST until it is complete before it moves its watermark. The peer here is
a TAXII server written in the test that answers every POST "pending" and
completes it on the second poll, or fails the poll; ccscap's own server
completes a POST before answering, so it cannot show the polling."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from taxii_helpers import MEDIA, TLP_GREEN, make_collection, malware, sid

RCC = "caricom-rcc"


class Peer:
    """A TAXII API root at /taxii2/caricom-rcc/ with one writable
    collection "c1"."""

    def __init__(self, fail_status=False):
        self.posted = []	# object ids per POST
        self.polls = 0
        self.fail_status = fail_status
        peer = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def reply(self, code, body):
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", MEDIA)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path.endswith("/collections/"):
                    return self.reply(200, {"collections": [{
                        "id": "c1", "title": "Peer", "can_read": True,
                        "can_write": True}]})
                if "/status/" in self.path:
                    peer.polls += 1
                    if peer.fail_status:
                        return self.reply(500, {
                            "title": "boom", "http_status": "500"})
                    n = len(peer.posted[-1])
                    done = peer.polls % 2 == 0
                    return self.reply(200, {
                        "id": "st", "status":
                        "complete" if done else "pending",
                        "total_count": n, "success_count":
                        n if done else 0, "failure_count": 0,
                        "pending_count": 0 if done else n})
                return self.reply(404, {"title": "no", "http_status":
                                        "404"})

            def do_POST(self):
                n = int(self.headers["Content-Length"])
                env = json.loads(self.rfile.read(n))
                peer.posted.append([o["id"] for o in env["objects"]])
                self.reply(202, {"id": "st", "status": "pending",
                                 "total_count": len(env["objects"]),
                                 "success_count": 0, "failure_count": 0,
                                 "pending_count": len(env["objects"])})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.root = (f"http://127.0.0.1:{self.httpd.server_port}"
                     f"/taxii2/{RCC}/")
        threading.Thread(target=self.httpd.serve_forever,
                         daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def node_with(make_server, peer, n):
    node = make_server(config=f"sync_peer = {peer.root} tok\n")
    make_collection(node, RCC, "Node regional", "amber", [
        ("--user", "analyst", "--read")])
    objs = [malware(name=f"s{i}", marks=[TLP_GREEN]) for i in range(n)]
    r = node.request("POST", "/api/v1/import/stix",
                     session=node.bearer("ncpoc.jm"),
                     json={"type": "bundle", "id": sid("bundle"),
                           "objects": objs})
    assert r.status_code == 201, r.text
    return node, objs


def test_push_waits_for_the_status_to_complete(make_server):
    peer = Peer()
    try:
        node, objs = node_with(make_server, peer, 250)
        out = node.cli("sync", peer.root, "--push", timeout=300)
        assert out.returncode == 0, out.stderr
        # two batches (200 + 50), each polled until complete
        assert [len(p) for p in peer.posted] == [200, 50]
        assert peer.polls == 4
        assert "pushed 250, refused by the peer 0" in out.stdout
        assert sorted(sum(peer.posted, [])) == sorted(o["id"] for o in objs)
    finally:
        peer.close()


def test_a_failed_poll_keeps_the_batch_for_the_next_run(make_server):
    peer = Peer(fail_status=True)
    try:
        node, _ = node_with(make_server, peer, 30)
        out = node.cli("sync", peer.root, "--push", timeout=300)
        assert out.returncode == 3, out.stderr
        assert f"peer {peer.root}: push to collection c1" in out.stderr
        assert "HTTP 500" in out.stderr
        assert node.db.sql("SELECT COUNT(*) FROM taxii_push") == [("0",)]
        peer.fail_status = False
        out = node.cli("sync", peer.root, "--push", timeout=300)
        assert out.returncode == 0, out.stderr
        # the batch whose status never completed was sent again, whole
        assert peer.posted[0] == peer.posted[1] and len(peer.posted) == 2
    finally:
        peer.close()
