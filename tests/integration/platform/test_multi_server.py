"""Several servers on one PostgreSQL (issue 15, docs/ops/SCALING.md).

Two `ccscap serve` share one PostgreSQL database behind Debian's nginx
(an unprivileged nginx with its own prefix in a temporary directory).
Under load from client threads one server is killed: no request nginx
could have passed to the other server fails, and every write that was
acknowledged (201) can be read afterwards. A session made through one
server works on the other, because sessions live in the database.

PostgreSQL stopped while a server runs: requests answer 503 with the
JSON error shape (database_unavailable, Retry-After), and once it is
started again the same server process answers normally, without a
restart. The cluster is the throwaway one of tests/pg-harness.sh, which
exports CCSCAP_TEST_PG_CTL to stop and start it.
"""

import copy
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid

import pytest
import requests

from conftest import Credentials, Server, assert_error, need_pg

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LOAD_THREADS = 8
KILL_AFTER_S = 2.0
LOAD_S = 6.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_copy(make_db, demo_template, name):
    """A fresh PostgreSQL demo database and its credentials."""
    need_pg()
    template, users = demo_template("postgres")
    db = make_db("postgres", name, template=template)
    return db, Credentials(copy.deepcopy(users))


class Nginx:
    """nginx in front of @ports: its own prefix, config and logs in a
    temporary directory, run as `nobody` when the tests run as root."""

    def __init__(self, ports):
        self.dir = tempfile.mkdtemp(prefix="ccs-nginx-")
        os.chmod(self.dir, 0o755)
        self.port = free_port()
        servers = "\n".join(
            f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;"
            for p in ports)
        d = self.dir
        conf = f"""
worker_processes 1;
daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {d}/access.log;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    upstream ccscap {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{self.port};
        client_max_body_size 16m;
        location / {{
            proxy_pass http://ccscap;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # a server that fails before answering: the next one, for
            # GET/HEAD; POST/PATCH/DELETE only if nothing was sent yet
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""
        self.conf = os.path.join(d, "nginx.conf")
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write(conf)
        cmd = [NGINX, "-p", d, "-c", self.conf]
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for root, dirs, files in os.walk(d):
                for name in dirs + files:
                    os.chown(os.path.join(root, name), nobody.pw_uid,
                             nobody.pw_gid)
            os.chown(d, nobody.pw_uid, nobody.pw_gid)
            cmd = ["runuser", "-u", "nobody", "--"] + cmd
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port),
                                              timeout=1):
                    break
            except OSError:
                assert self.proc.poll() is None, \
                    "nginx exited: " + self.proc.stderr.read().decode()
                assert time.monotonic() < deadline, "nginx did not listen"
                time.sleep(0.05)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def error_log(self):
        try:
            with open(os.path.join(self.dir, "error.log"),
                      encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Front:
    """The Server helpers (login, sign_in) pointed at nginx."""

    def __init__(self, server, nginx):
        self.server = copy.copy(server)
        self.server.port = nginx.port


def kill_hard(srv):
    """SIGKILL, as a crash: no graceful shutdown."""
    srv.proc.kill()
    srv.proc.wait()
    srv.exit_code = -9
    srv._close()


def load(front, reads, token, stop, log):
    """One client thread: reads through a session cookie made on any
    server, writes with an API token, until @stop is set."""
    writes = requests.Session()
    writes.headers["Authorization"] = f"Bearer {token}"
    me = threading.get_ident()
    n = 0
    while not stop.is_set():
        n += 1
        try:
            r = reads.get(front.server.url("/api/v1/states/JM"), timeout=30)
            log.append(("GET", r.status_code, None, r.text[:200]))
        except requests.RequestException as e:
            log.append(("GET", None, None, repr(e)))
        name = f"Load {me} {n} {uuid.uuid4().hex[:8]}"
        try:
            r = writes.post(front.server.url("/api/v1/contacts"), json={
                "name": name, "role": "cert_duty", "state": "JM",
                "email": f"load{n}@jm.example.org"}, timeout=30)
            cid = r.json().get("id") if r.status_code == 201 else None
            log.append(("POST", r.status_code, (cid, name), r.text[:200]))
        except (requests.RequestException, ValueError) as e:
            log.append(("POST", None, None, repr(e)))


def test_two_servers_behind_nginx_survive_a_crash(make_db, demo_template,
                                                   tmp_path):
    if not os.access(NGINX, os.X_OK):
        pytest.skip("nginx not installed (scripts/install-deps.sh test)")
    db, creds = pg_copy(make_db, demo_template, "multi")
    # behind one proxy every client comes from one address
    config = tmp_path / "multi.conf"
    config.write_text("per_ip_connections = 200\nmax_connections = 400\n"
                      "trusted_proxy = 127.0.0.1\n")
    a = Server(db, creds, tmp_path, config=config, name="a").start()
    b = Server(db, creds, tmp_path, config=config, name="b").start()
    nginx = Nginx([a.port, b.port])
    try:
        front = Front(b, nginx)
        token = b.create_token("coordinator", "multi-server-load")
        # a session made on server a is good on server b: shared in the db
        s = a.login("ncpoc.jm")
        assert b.get("/api/v1/me", session=s).json()["login"] == "ncpoc.jm"

        stop = threading.Event()
        logs = [[] for _ in range(LOAD_THREADS)]
        # signed in through nginx, so on either server
        sessions = [front.server.login("ncpoc.jm")
                    for _ in range(LOAD_THREADS)]
        threads = [threading.Thread(target=load, args=(
            front, sessions[i], token, stop, logs[i]))
                   for i in range(LOAD_THREADS)]
        for t in threads:
            t.start()
        time.sleep(KILL_AFTER_S)
        kill_hard(a)
        time.sleep(LOAD_S - KILL_AFTER_S)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        log = [e for part in logs for e in part]

        gets = [e for e in log if e[0] == "GET"]
        posts = [e for e in log if e[0] == "POST"]
        assert len(gets) > 50 and len(posts) > 50, (len(gets), len(posts))
        # a read is always retried on the surviving server
        bad_gets = [e for e in gets if e[1] != 200]
        assert not bad_gets, (bad_gets[:5], nginx.error_log()[-2000:])
        # a write can fail only if it was in flight on the killed server
        # (nginx does not resend a POST it already sent); never otherwise
        bad_posts = [e for e in posts if e[1] != 201]
        print(f"load: {len(gets)} reads, {len(posts)} writes, "
              f"{len(bad_posts)} writes lost in flight on the killed "
              "server")
        assert all(e[1] in (None, 502) for e in bad_posts), bad_posts[:5]
        assert len(bad_posts) <= LOAD_THREADS, bad_posts
        # every acknowledged write is there, read through the survivor
        made = [e[2] for e in posts if e[1] == 201]
        reader = front.server.login("coordinator")
        for cid, name in made:
            r = reader.get(front.server.url(f"/api/v1/contacts/{cid}"),
                           timeout=30)
            assert r.status_code == 200, (cid, r.text)
            assert r.json()["name"] == name
        rows = db.sql("SELECT COUNT(*) FROM contacts WHERE name LIKE "
                      "'Load %'")
        assert int(rows[0][0]) >= len(made)
        # the survivor still serves, directly too
        assert b.get("/healthz").status_code == 200
    finally:
        nginx.stop()
        if a.exit_code is None:
            a.stop()
        assert b.stop() == 0, b.stderr_tail()


@pytest.mark.exclusive
@pytest.mark.skipif(not os.environ.get("CCSCAP_TEST_PG_CTL"),
                    reason="needs tests/pg-harness.sh (CCSCAP_TEST_PG_CTL)")
def test_postgres_outage_answers_503_and_recovers(make_db, demo_template,
                                                  tmp_path):
    ctl = os.environ["CCSCAP_TEST_PG_CTL"]
    db, creds = pg_copy(make_db, demo_template, "outage")
    srv = Server(db, creds, tmp_path, name="outage").start()
    pid = srv.proc.pid
    stopped = False
    try:
        s = srv.login("coordinator")
        assert srv.get("/api/v1/states/JM", session=s).status_code == 200
        subprocess.run([ctl, "stop"], check=True, capture_output=True,
                       timeout=90)
        stopped = True
        # every pool connection finds the server gone: each answers 503
        for _ in range(6):
            r = srv.get("/api/v1/states/JM", session=s)
            assert_error(r, 503, "database_unavailable")
            assert r.headers.get("Retry-After") == "5"
        r = srv.request("POST", "/api/v1/contacts", session=s, json={
            "name": "During Outage", "role": "cert_duty", "state": "JM",
            "email": "outage@jm.example.org"})
        assert_error(r, 503, "database_unavailable")
        assert srv.get("/healthz").status_code == 503
        assert srv.proc.poll() is None, srv.stderr_tail()

        subprocess.run([ctl, "start"], check=True, capture_output=True,
                       timeout=90)
        stopped = False
        # the same process reconnects by itself on the next requests
        deadline = time.monotonic() + 15
        while srv.get("/api/v1/states/JM", session=s).status_code != 200:
            assert time.monotonic() < deadline, srv.stderr_tail()
            time.sleep(0.2)
        time.sleep(1.2)  # past every connection's reconnect pause
        for _ in range(12):
            r = srv.get("/api/v1/states/JM", session=s)
            assert r.status_code == 200, r.text
        r = srv.request("POST", "/api/v1/contacts", session=s, json={
            "name": "After Outage", "role": "cert_duty", "state": "JM",
            "email": "after@jm.example.org"})
        assert r.status_code == 201, r.text
        assert srv.get(f"/api/v1/contacts/{r.json()['id']}",
                       session=s).status_code == 200
        assert srv.get("/healthz").status_code == 200
        assert srv.proc.pid == pid and srv.proc.poll() is None
        assert db.sql("SELECT COUNT(*) FROM contacts WHERE name = "
                      "'During Outage'") == [("0",)]
    finally:
        if stopped:
            subprocess.run([ctl, "start"], check=False, timeout=90)
        assert srv.stop() == 0, srv.stderr_tail()


def test_sign_in_lockout_is_shared_between_servers(make_db, demo_template,
                                                   tmp_path):
    """Wrong passwords spread over two servers count as on one: the
    account locks after login_max_failures (5) in total, on both."""
    db, creds = pg_copy(make_db, demo_template, "lockout")
    a = Server(db, creds, tmp_path, name="la").start()
    b = Server(db, creds, tmp_path, name="lb").start()
    try:
        for i in range(4):
            r = (a, b)[i % 2].sign_in("coordinator",
                                      password="not-the-password-1")
            assert_error(r, 401, "invalid_credentials")
        # four failures: the right password still works, on either one
        assert b.sign_in("coordinator").status_code == 201
        for i in range(5):
            r = (a, b)[i % 2].sign_in("coordinator",
                                      password="not-the-password-1")
            assert r.status_code in (401, 429), r.text
        for srv in (a, b):
            r = srv.sign_in("coordinator")
            assert_error(r, 429, "too_many_attempts")
    finally:
        assert a.stop() == 0, a.stderr_tail()
        assert b.stop() == 0, b.stderr_tail()


def _fail_sign_in(srv, forwarded):
    return srv.request("POST", "/api/v1/session", session=requests.Session(),
                       json={"login": "coordinator",
                             "password": "not-the-password-2"},
                       headers={"X-Forwarded-For": forwarded})


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_trusted_proxy_names_the_client(make_server):
    """Behind nginx every request comes from nginx's address. With
    trusted_proxy set, the address nginx appended to X-Forwarded-For is
    the client's, so the per-address sign-in throttle counts each client
    (and only the last entry counts: earlier ones the client wrote)."""
    srv = make_server(config="trusted_proxy = 127.0.0.1\n"
                      "ip_max_failures = 3\nlogin_max_failures = 50\n")
    for _ in range(3):
        r = _fail_sign_in(srv, "198.51.100.9, 203.0.113.5")
        assert_error(r, 401, "invalid_credentials")
    r = _fail_sign_in(srv, "198.51.100.10, 203.0.113.5")
    assert_error(r, 429, "too_many_attempts")
    # another client behind the same proxy is not held back
    r = _fail_sign_in(srv, "203.0.113.5, 203.0.113.6")
    assert_error(r, 401, "invalid_credentials")

    # without trusted_proxy the header is ignored: one address for all
    plain = make_server(config="ip_max_failures = 3\n"
                        "login_max_failures = 50\n")
    for i in range(3):
        r = _fail_sign_in(plain, f"203.0.113.{20 + i}")
        assert_error(r, 401, "invalid_credentials")
    r = _fail_sign_in(plain, "203.0.113.99")
    assert_error(r, 429, "too_many_attempts")
