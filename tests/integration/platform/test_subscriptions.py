"""Subscriptions, the inbox, outbound notices and sharing communities over
real HTTP, on both backends.

What must hold: a new record reaches the inbox of a subscriber who may
read it and of nobody else; the inbox is re-checked at read time (an entry
whose record the user may no longer read disappears); subscriptions are
one's own; a webhook notice is delivered by the worker, signed with the
configured secret, and says no more than the TLP level allows; e-mail
notices stay queued while no SMTP relay is configured; coordinators create
sharing communities, whose members then read AMBER records shared with
them.
"""
import hashlib
import hmac
import http.server
import json
import socketserver
import threading
import time

import pytest

from conftest import assert_error
from sharing_helpers import add_user, get, inbox, post

SUBS = "/api/v1/subscriptions"
SECRET = "it-webhook-secret-0123456789"


def lesson(server, who="ncpoc.jm", **over):
    body = {"title": "Lesson title", "what_happened": "h",
            "what_worked": "w", "what_to_change": "c", "tlp": "green"}
    body.update(over)
    r = post(server, who, "/api/v1/lessons", body)
    assert r.status_code == 201, r.text
    return r.json()


def subscribe(server, who, **body):
    r = post(server, who, SUBS, body)
    assert r.status_code == 201, r.text
    return r.json()


def test_inbox_only_for_readers(server):
    subscribe(server, "cert.bb", topic="state", value="JM")
    subscribe(server, "partner", topic="state", value="JM")
    green = lesson(server)
    amber = lesson(server, tlp="amber", share_states=["BB"])
    strict = lesson(server, tlp="amber+strict")
    bb = {(e["kind"], e["ref_id"]): e for e in inbox(server, "cert.bb")}
    assert set(bb) == {("lesson", green["id"]), ("lesson", amber["id"])}
    assert "state JM" in bb[("lesson", green["id"])]["reason"]
    assert bb[("lesson", green["id"])]["title"] == "Lesson title"
    partner = [e["ref_id"] for e in inbox(server, "partner")]
    assert partner == [green["id"]]
    assert strict["id"] not in [e["ref_id"] for e in
                                inbox(server, "cert.bb")]
    # no entries were written for users who may not read a record
    rows = server.db.sql("SELECT COUNT(*) FROM inbox WHERE ref_id = "
                         f"{strict['id']} AND kind = 'lesson'")
    assert rows == [("0",)]


def test_inbox_rechecked_at_read_time(server):
    subscribe(server, "cert.bb", topic="state", value="JM")
    amber = lesson(server, tlp="amber", share_states=["BB"])
    entries = inbox(server, "cert.bb")
    assert [e["ref_id"] for e in entries] == [amber["id"]]
    r = post(server, "cert.bb", f"/api/v1/inbox/{entries[0]['id']}/read")
    assert r.status_code == 200, r.text
    assert get(server, "cert.bb", "/api/v1/inbox?unread=1").json()[
        "items"] == []
    # cert.bb moves to another state: the AMBER record is no longer theirs
    server.db.sql("UPDATE users SET state_code = 'TT' WHERE login = "
                  "'cert.bb'")
    assert inbox(server, "cert.bb") == []
    assert_error(post(server, "cert.bb",
                      f"/api/v1/inbox/{entries[0]['id']}/read"), 404,
                 "not_found")
    # and nobody marks another user's entry
    assert_error(post(server, "ncpoc.jm",
                      f"/api/v1/inbox/{entries[0]['id']}/read"), 404,
                 "not_found")


def test_subscriptions_are_ones_own(server):
    mine = subscribe(server, "cert.bb", topic="sector", value="finance",
                     email="soc@cert.example.bb")
    assert mine["email"] == "soc@cert.example.bb"
    assert_error(post(server, "cert.bb", SUBS, {"topic": "sector",
                                                "value": "finance"}),
                 409, "already_subscribed")
    assert get(server, "ncpoc.jm", SUBS).json()["items"] == []
    assert [s["id"] for s in get(server, "cert.bb", SUBS).json()["items"]] \
        == [mine["id"]]
    assert_error(server.request("DELETE", f"{SUBS}/{mine['id']}",
                                session=server.bearer("ncpoc.jm")), 404,
                 "not_found")
    r = server.request("DELETE", f"{SUBS}/{mine['id']}",
                       session=server.bearer("cert.bb"))
    assert r.status_code == 200, r.text
    assert get(server, "cert.bb", SUBS).json()["items"] == []


@pytest.mark.parametrize("body,status,code", [
    ({"topic": "weather", "value": "x"}, 422, "unknown_topic"),
    ({"topic": "state", "value": "XX"}, 422, "unknown_state"),
    ({"topic": "state", "value": "jm"}, 422, "invalid_state_code"),
    ({"topic": "rsit", "value": "fraud", "email": "not-an-address"}, 422,
     "invalid_email"),
    ({"topic": "rsit", "value": "fraud", "webhook_url": "ftp://x.example"},
     422, "invalid_url"),
    ({"topic": "rsit"}, 400, "missing_field"),
])
def test_bad_subscriptions(server, body, status, code):
    assert_error(post(server, "cert.bb", SUBS, body), status, code)


class Receiver:
    """A local HTTP server that records webhook POSTs."""

    def __init__(self):
        self.got = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                outer.got.append((dict(self.headers), self.rfile.read(n)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def wait(self, n, timeout=20):
        deadline = time.monotonic() + timeout
        while len(self.got) < n and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.got

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def test_webhook_delivered_and_signed(make_server, receiver):
    # the receiver listens on loopback: allowed by webhook_private only
    server = make_server(config=f"webhook_secret = {SECRET}\n"
                         "webhook_private = 1\n")
    subscribe(server, "analyst", topic="state", value="JM",
              webhook_url=receiver.url)
    subscribe(server, "partner", topic="state", value="JM",
              webhook_url=receiver.url + "?partner")
    green = lesson(server)
    amber = lesson(server, tlp="amber", title="Secret title")
    got = receiver.wait(3)
    assert len(got) == 3, got
    time.sleep(1.5)
    assert len(receiver.got) == 3  # the partner may not read the AMBER one
    bodies = []
    for headers, raw in got:
        sig = headers.get("X-Ccscap-Signature")
        want = "sha256=" + hmac.new(SECRET.encode(), raw,
                                    hashlib.sha256).hexdigest()
        assert sig == want
        assert headers.get("Content-Type") == "application/json"
        bodies.append(json.loads(raw))
    by = {(b["id"], b["tlp"]) for b in bodies}
    assert by == {(green["id"], "green"), (amber["id"], "amber")}
    for b in bodies:
        assert b["kind"] == "lesson"
        assert b["link"] == f"/api/v1/lessons/{b['id']}"
        if b["tlp"] == "green":
            assert b["title"] == "Lesson title"
        else:
            assert "title" not in b
            assert "Secret" not in json.dumps(b)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        rows = server.db.sql("SELECT COUNT(*) FROM outbox WHERE sent_at IS "
                             "NULL")
        if rows == [("0",)]:
            break
        time.sleep(0.2)
    assert rows == [("0",)]


def test_webhook_to_an_internal_address_is_refused(make_server, receiver):
    """Without webhook_private, a subscriber cannot make the server post
    to loopback (or any private, link-local or metadata address)."""
    server = make_server(config=f"webhook_secret = {SECRET}\n")
    subscribe(server, "analyst", topic="state", value="JM",
              webhook_url=receiver.url)
    lesson(server)
    deadline = time.monotonic() + 15
    rows = []
    while time.monotonic() < deadline:
        rows = server.db.sql("SELECT attempts, last_error FROM outbox")
        if rows and rows[0][0] != "0":
            break
        time.sleep(0.2)
    assert rows and rows[0][0] != "0", rows
    assert "webhook_private" in rows[0][1]
    time.sleep(1)
    assert receiver.got == []


def test_failed_webhook_is_retried_later(make_server):
    server = make_server(config=f"webhook_secret = {SECRET}\n"
                         "webhook_private = 1\n")
    # nothing listens on port 9 of localhost
    subscribe(server, "analyst", topic="state", value="JM",
              webhook_url="http://127.0.0.1:9/hook")
    lesson(server)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        # psql prints NULL as "": compare computed values instead
        rows = server.db.sql("SELECT attempts, COALESCE(sent_at, -1), "
                             "CASE WHEN last_error IS NULL THEN 0 ELSE 1 "
                             "END, next_at, created_at FROM outbox")
        if rows and rows[0][0] != "0":
            break
        time.sleep(0.2)
    attempts, sent, err, next_at, created = rows[0]
    assert (attempts, sent, err) == ("1", "-1", "1")
    assert int(next_at) >= int(created) + 60


def test_email_stays_queued_without_relay(server):
    subscribe(server, "cert.bb", topic="state", value="JM",
              email="soc@cert.example.bb")
    lesson(server)
    time.sleep(2)
    rows = server.db.sql("SELECT channel, target, attempts, "
                         "COALESCE(sent_at, -1), CASE WHEN body LIKE "
                         "'%/api/v1/lessons/%' AND body LIKE '%Lesson title%' "
                         "THEN 1 ELSE 0 END FROM outbox")
    assert rows == [("email", "soc@cert.example.bb", "0", "-1", "1")]


def test_communities(server):
    assert_error(post(server, "analyst", "/api/v1/communities",
                      {"name": "Finance", "states": ["BB"]}), 403,
                 "forbidden")
    r = post(server, "coordinator", "/api/v1/communities",
             {"name": "Finance CSIRTs", "description": "Banks",
              "states": ["BB", "TT"]})
    assert r.status_code == 201, r.text
    assert [s["code"] for s in r.json()["states"]] == ["BB", "TT"]
    assert_error(post(server, "coordinator", "/api/v1/communities",
                      {"name": "Finance CSIRTs", "states": ["BB"]}), 409,
                 "community_exists")
    assert_error(post(server, "coordinator", "/api/v1/communities",
                      {"name": "Empty"}), 422, "members_required")
    lst = get(server, "partner", "/api/v1/communities").json()["items"]
    assert [c["name"] for c in lst] == ["Finance CSIRTs"]
    add_user(server, "ncpoc.tt", "ncpoc", "TT")
    les = lesson(server, tlp="amber", communities=["Finance CSIRTs"])
    for who in ("cert.bb", "ncpoc.tt"):
        assert get(server, who, f"/api/v1/lessons/{les['id']}"
                   ).status_code == 200, who
    assert_error(get(server, "partner", f"/api/v1/lessons/{les['id']}"),
                 404, "not_found")
    assert "community.create" in [e["action"]
                                  for e in server.audit_events()]


class SmtpSink:
    """A minimal SMTP relay on loopback that records each message's
    envelope and data (enough of RFC 5321 for libcurl's client)."""

    def __init__(self):
        self.got = []
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                def say(line):
                    self.wfile.write(line.encode() + b"\r\n")
                    self.wfile.flush()
                say("220 sink ESMTP")
                env = {"from": None, "to": [], "data": b""}
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    cmd = line.decode("ascii", "replace").strip()
                    up = cmd.upper()
                    if up.startswith(("EHLO", "HELO")):
                        say("250 sink")
                    elif up.startswith("MAIL FROM:"):
                        env["from"] = cmd[10:].strip()
                        say("250 OK")
                    elif up.startswith("RCPT TO:"):
                        env["to"].append(cmd[8:].strip())
                        say("250 OK")
                    elif up == "DATA":
                        say("354 go ahead")
                        data = b""
                        while True:
                            chunk = self.rfile.readline()
                            if not chunk or chunk == b".\r\n":
                                break
                            data += chunk
                        env["data"] = data
                        outer.got.append(dict(env))
                        say("250 queued")
                    elif up == "QUIT":
                        say("221 bye")
                        return
                    else:
                        say("250 OK")

        self.srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.srv.daemon_threads = True
        self.url = f"smtp://127.0.0.1:{self.srv.server_address[1]}"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


def test_email_notice_sent_through_the_relay(make_server):
    """With smtp_url and smtp_from set, a matching subscriber's notice goes
    out by e-mail; above TLP:GREEN it names kind, id and level only."""
    sink = SmtpSink()
    try:
        server = make_server(config=f"smtp_url = {sink.url}\n"
                             "smtp_from = notices@ccscap.example.org\n")
        subscribe(server, "cert.bb", topic="state", value="JM",
                  email="soc@cert.example.bb")
        lesson(server, title="Green lesson title")
        lesson(server, tlp="amber", share_states=["BB"],
               title="Amber secret title")
        deadline = time.monotonic() + 20
        while len(sink.got) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(sink.got) == 2, sink.got
        for m in sink.got:
            assert m["from"] == "<notices@ccscap.example.org>"
            assert m["to"] == ["<soc@cert.example.bb>"]
        bodies = b"".join(m["data"] for m in sink.got).decode()
        assert "Green lesson title" in bodies
        assert "Amber secret title" not in bodies
        assert "TLP:AMBER" in bodies.upper()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            rows = server.db.sql("SELECT COUNT(*) FROM outbox WHERE "
                                 "sent_at IS NULL")
            if rows == [("0",)]:
                break
            time.sleep(0.2)
        assert rows == [("0",)]
    finally:
        sink.close()
