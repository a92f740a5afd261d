"""Fixtures for the ccscap integration suite (style rule 23).

Every test drives the real binary over real HTTP: a fresh database is made
with `ccscap init --demo`, `ccscap serve` is started on 127.0.0.1:0, and the
port is read from its first line of output. Each test runs once per backend:
`sqlite` always (a temporary file), `postgres` when CCSCAP_TEST_PG_ADMIN is
set (a fresh database per server, made with psql; tests/pg-harness.sh sets
it). With CCSCAP_REQUIRE_PG=1 a missing PostgreSQL fails the postgres runs
instead of skipping them.

Speed: `ccscap init --demo` runs once per backend per session into a
template database; each server then gets its own copy of it (a file copy
for SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL) with its own key
file and credentials. CCSCAP_IT_FRESH_INIT=1 runs init for every server.
Two costs a test would otherwise pay again and again are paid once, in the
template: each demo user's password is hashed again with argon2id at its
lowest cost (sign-in verifies whatever cost the stored hash names, so the
path is the same; a sign-in then costs milliseconds instead of 64 MiB and
about 0.17 s), and each demo user gets its API token there (Server.bearer
takes it instead of running `ccscap token create`). Hashes and tokens made
by a test itself are the product's own. On PostgreSQL a thread of each
pytest process keeps the next copy of the template made ahead and drops
the databases tests are done with (PgClones), so a test waits for neither.

Environment:
  CCSCAP_BIN            binary (default build/src/cli/ccscap, from the repo)
  CCSCAP_TEST_PG_ADMIN  postgres:// URI of a database we may CREATE DATABASE
                        from (the cluster's maintenance database)
  CCSCAP_REQUIRE_PG     1: fail, do not skip, when PostgreSQL is missing
  CCSCAP_IT_SHARD       i/n: run only part i of n; exclusive: only the tests
                        marked so (both set by run.sh --jobs)
"""

import base64
import copy
import ctypes
import hashlib
import hmac
import json
import os
import re
import selectors
import shutil
import signal
import sqlite3
import struct
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]

SECURITY_HEADERS = ("X-Content-Type-Options", "Content-Security-Policy")

LISTEN_RE = re.compile(
    r"^ccscap listening on http://127\.0\.0\.1:(\d+)/ \(store: (\w+)\)$")
CRED_RE = re.compile(
    r"^\s+(\S+)\s+password (\S+)\s+role (\S+)(?: ([A-Z]{2}))?\s*$")
TOTP_RE = re.compile(r"^\s+one-time code secret ([A-Z2-7]+)\s*$")

# Variables of ours that must not leak from the caller's shell into the
# binary (a stray CCSCAP_DB or CCSCAP_CONFIG would point it elsewhere).
SCRUBBED_ENV = ("CCSCAP_CONFIG", "CCSCAP_DB", "CCSCAP_LISTEN",
                "CCSCAP_KEY_FILE", "CCSCAP_LOG_LEVEL", "CCSCAP_EVIDENCE_DIR")


def _find_binary():
    value = os.environ.get("CCSCAP_BIN", "build/src/cli/ccscap")
    path = Path(value)
    if not path.is_absolute():
        # Relative to where the suite was started, else to the repository.
        path = path.resolve() if path.exists() else REPO / path
    return path


BIN = _find_binary()
PG_ADMIN = os.environ.get("CCSCAP_TEST_PG_ADMIN", "")
REQUIRE_PG = os.environ.get("CCSCAP_REQUIRE_PG", "") == "1"
FRESH_INIT = os.environ.get("CCSCAP_IT_FRESH_INIT", "") == "1"


def pytest_configure(config):
    """Run as root, `serve` drops to its service user, which must pass
    through the temporary directories to its evidence: pytest's shared
    /tmp/pytest-of-root is 0700 and re-made so by every session that
    starts, so the suite takes a directory of its own, 0711."""
    config.addinivalue_line(
        "markers", "exclusive: disturbs what every test shares (stops the "
        "PostgreSQL cluster); under run.sh --jobs it runs alone, after the "
        "others")
    if os.geteuid() == 0 and not config.option.basetemp:
        base = tempfile.mkdtemp(prefix="ccscap-it-")
        os.chmod(base, 0o711)
        config.option.basetemp = os.path.join(base, "t")
        config.ccscap_base = base


def _shard():
    """CCSCAP_IT_SHARD=i/n (run.sh --jobs): this process runs part i of
    n, of the tests not marked `exclusive`, as (i, n); CCSCAP_IT_SHARD=
    exclusive: only those, run once the shards are done, as ("exclusive",
    1); None without it. A bad value stops the run with a clear error."""
    value = os.environ.get("CCSCAP_IT_SHARD", "")
    if not value:
        return None
    if value == "exclusive":
        return value, 1
    m = re.fullmatch(r"(\d+)/(\d+)", value)
    if not m or not 0 <= int(m.group(1)) < int(m.group(2)) <= 64:
        raise pytest.UsageError(
            f"CCSCAP_IT_SHARD={value!r}: want i/n, 0 <= i < n <= 64")
    return int(m.group(1)), int(m.group(2))


def pytest_collection_modifyitems(config, items):
    """Under CCSCAP_IT_SHARD, keeps this shard's tests. Every process
    collects the same items in the same order and deals them out the same
    way: each test goes to the shard with the least work so far, a
    PostgreSQL run counted heavier (its database is a CREATE DATABASE),
    so every test runs in exactly one shard and the shards end together."""
    shard = _shard()
    if shard is None:
        return
    mine, n = shard
    load = [0.0] * n
    keep, drop = [], []
    for item in items:
        if item.get_closest_marker("exclusive") is not None:
            to = "exclusive"
        else:
            to = min(range(n), key=lambda k: (load[k], k))
            load[to] += 1.5 if "[postgres" in item.nodeid else 1.0
        (keep if to == mine else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


def pytest_sessionfinish(session, exitstatus):
    base = getattr(session.config, "ccscap_base", None)
    # kept when something failed, for its logs
    if base and exitstatus == 0 and not hasattr(session.config,
                                                "workerinput"):
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _binary_present():
    if not (BIN.is_file() and os.access(BIN, os.X_OK)):
        pytest.fail(f"ccscap binary not found at {BIN}: build it "
                    "(ninja -C build) or set CCSCAP_BIN", pytrace=False)





def pg_available():
    return bool(PG_ADMIN) and shutil.which("psql") is not None


def need_pg():
    """Skips (or fails, under CCSCAP_REQUIRE_PG=1) without PostgreSQL."""
    if pg_available():
        return
    why = ("PostgreSQL not available (set CCSCAP_TEST_PG_ADMIN, e.g. run "
           "under tests/pg-harness.sh, and install psql)")
    if REQUIRE_PG:
        pytest.fail(why + " but CCSCAP_REQUIRE_PG=1", pytrace=False)
    pytest.skip(why)


# ---------------------------------------------------------------- TOTP

def totp_at(secret_b32, step, digits=6):
    """RFC 6238 (HMAC-SHA1, 30 s steps) code for time step @step."""
    secret = secret_b32.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    off = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF
    return f"{value % 10 ** digits:0{digits}d}"


def current_step():
    return int(time.time()) // 30


# ------------------------------------------------------------ processes

def base_env(extra=None):
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env["CCSCAP_LOG_LEVEL"] = "warn"
    if extra:
        env.update(extra)
    return env


class Database:
    """One database of either backend, plus raw SQL access for tests that
    must reach under the API (expiring a session, tampering with audit)."""

    def __init__(self, kind, workdir, name, key_file=None, template=None,
                 clones=None):
        self.kind = kind
        self.workdir = Path(workdir)
        self.name = name
        self.dropped = False
        self.clones = clones
        if kind == "sqlite":
            self.path = self.workdir / f"{name}.db"
            self.uri = f"sqlite:{self.path}"
            # The default: the key file sits beside the database file.
            self.key_file = Path(key_file) if key_file else \
                Path(f"{self.path}.key")
            self.env = {"CCSCAP_KEY_FILE": str(self.key_file)} \
                if key_file else {}
            if template is not None:
                shutil.copyfile(template.path, self.path)
        else:
            ready = clones.take(template) if clones and template else None
            self.pg_name = ready or f"ccs_it_{uuid.uuid4().hex[:16]}"
            if ready is None:
                admin_psql(f'CREATE DATABASE "{self.pg_name}"' + (
                    f' TEMPLATE "{template.pg_name}"' if template else ""))
            parts = urllib.parse.urlsplit(PG_ADMIN)
            self.uri = urllib.parse.urlunsplit(
                parts._replace(path="/" + self.pg_name))
            self.key_file = Path(key_file) if key_file else \
                self.workdir / f"{name}.key"
            self.env = {"CCSCAP_KEY_FILE": str(self.key_file)}
        if template is not None:
            shutil.copyfile(template.key_file, self.key_file)
            os.chmod(self.key_file, 0o600)

    def sql(self, query):
        """Runs one statement directly; returns rows as tuples of text."""
        if self.kind == "sqlite":
            con = sqlite3.connect(self.path, timeout=10)
            try:
                rows = con.execute(query).fetchall()
                con.commit()
            finally:
                con.close()
            return [tuple(None if v is None else str(v) for v in r)
                    for r in rows]
        out = subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t",
             "-d", self.uri, "-c", query],
            capture_output=True, text=True, timeout=60, check=False)
        assert out.returncode == 0, f"psql failed: {out.stderr}"
        return [tuple(line.split("\t")) for line in out.stdout.splitlines()
                if line != ""]

    def drop(self):
        if self.kind == "postgres" and not self.dropped:
            self.dropped = True
            if self.clones is not None:
                self.clones.drop_later(self.pg_name)
            else:
                admin_psql(f'DROP DATABASE IF EXISTS "{self.pg_name}" '
                           "WITH (FORCE)")


def admin_psql(statement, check=True):
    out = subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", PG_ADMIN, "-c",
         statement], capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0 or not check, \
        f"psql {statement!r}: {out.stderr}"
    return out.returncode == 0


class PgClones:
    """One thread that makes copies of a PostgreSQL template ahead of the
    tests that will want them (one per template) and drops the databases
    tests are done with, so that neither CREATE DATABASE ... TEMPLATE nor
    DROP DATABASE (about 0.3 and 0.1 s of the cluster's work each) is on a
    test's path. take() never waits: with no copy ready the caller makes
    its own. After a failed copy it makes no more (the callers' own
    CREATE then says why); close() drops what is left."""

    def __init__(self):
        self.cv = threading.Condition()
        self.ready = {}      # template name -> names of its ready copies
        self.wanted = []     # template names to copy, in order
        self.drops = []      # database names to drop
        self.broken = False
        self.closing = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def take(self, template):
        """A ready copy of @template (a Database), or None; either way
        the next copy is asked for."""
        with self.cv:
            names = self.ready.setdefault(template.pg_name, [])
            name = names.pop(0) if names else None
            if not self.broken and not names and \
                    template.pg_name not in self.wanted:
                self.wanted.append(template.pg_name)
                self.cv.notify()
            return name

    def drop_later(self, name):
        with self.cv:
            self.drops.append(name)
            self.cv.notify()

    def _next(self):
        """The next job, ("copy" | "drop", name), or None to stop."""
        with self.cv:
            while not (self.wanted or self.drops or self.closing):
                self.cv.wait()
            if self.wanted and not self.closing:
                return "copy", self.wanted.pop(0)
            if self.drops:
                return "drop", self.drops.pop(0)
            return None

    def _run(self):
        while True:
            job = self._next()
            if job is None:
                return
            what, name = job
            if what == "drop":
                admin_psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                           check=False)
                continue
            copy_name = f"ccs_it_{uuid.uuid4().hex[:16]}"
            ok = admin_psql(f'CREATE DATABASE "{copy_name}" TEMPLATE '
                            f'"{name}"', check=False)
            with self.cv:
                if ok:
                    self.ready.setdefault(name, []).append(copy_name)
                else:
                    self.broken = True
                    self.wanted.clear()

    def close(self):
        """Drops every copy not taken and every database handed over,
        then stops the thread."""
        with self.cv:
            for names in self.ready.values():
                self.drops.extend(names)
            self.ready.clear()
            self.closing = True
            self.cv.notify()
        self.thread.join(timeout=120)


def run_cli(db, *args, stdin=None, config=None, env=None, timeout=120):
    """Runs `ccscap --db URI [--config FILE] ARGS...`; returns the
    CompletedProcess (text mode) without judging its exit status."""
    cmd = [str(BIN)]
    if db is not None:
        cmd += ["--db", db.uri]
    if config is not None:
        cmd += ["--config", str(config)]
    cmd += [str(a) for a in args]
    extra = dict(db.env) if db is not None else {}
    if env:
        extra.update(env)
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True,
                          env=base_env(extra), timeout=timeout,
                          cwd=db.workdir if db is not None else None,
                          check=False)


def parse_credentials(text):
    """{login: {"password", "role", "state", "totp"}} from the file that
    `ccscap init --demo --demo-credentials FILE` writes."""
    users, last = {}, None
    for line in text.splitlines():
        m = CRED_RE.match(line)
        if m:
            last = m.group(1)
            users[last] = {"password": m.group(2), "role": m.group(3),
                           "state": m.group(4), "totp": None}
            continue
        m = TOTP_RE.match(line)
        if m and last is not None:
            users[last]["totp"] = m.group(1)
    return users


class Credentials:
    """Demo sign-in details plus the last TOTP step used per account, so a
    second admin sign-in never replays a step the server has seen."""

    def __init__(self, users):
        self.users = users
        self.last_step = {}

    def __getitem__(self, login):
        return self.users[login]

    def next_totp(self, login):
        secret = self.users[login]["totp"]
        assert secret, f"{login} has no one-time code secret"
        step = max(current_step(), self.last_step.get(login, -1) + 1)
        # The server accepts one step either side of its clock.
        while step > current_step() + 1:
            time.sleep(0.5)
        self.last_step[login] = step
        return totp_at(secret, step)


def reachable_by_service_user(path):
    """Run as root, `serve` becomes its unprivileged `user` (default
    ccscap) after opening its files, and then still writes evidence under
    @path: let other users pass through (not list) the temporary
    directories above it, which pytest makes 0700."""
    if os.geteuid() != 0:
        return
    for p in [Path(path), *Path(path).parents]:
        st = p.stat()
        if str(p).startswith(tempfile_root()) and st.st_uid == 0:
            os.chmod(p, (st.st_mode & 0o7777) | 0o011)


def tempfile_root():
    return os.path.realpath(os.environ.get("TMPDIR") or "/tmp") + "/"


class Server:
    """A running `ccscap serve`."""

    def __init__(self, db, creds, workdir, config=None, name="server"):
        self.db = db
        self.creds = creds
        self.config = config
        self.workdir = Path(workdir)
        self.stderr_path = self.workdir / f"{name}.stderr"
        self.proc = None
        self.port = None
        self.store = None
        self.exit_code = None
        self.died_early = False
        self._bearers = {}

    # -- lifecycle

    def start(self, port=0):
        """Starts the server (on @port, 0: any free one)."""
        reachable_by_service_user(self.workdir)
        cmd = [str(BIN), "--db", self.db.uri]
        if self.config is not None:
            cmd += ["--config", str(self.config)]
        cmd += ["serve", "--listen", f"127.0.0.1:{port}"]
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=self._stderr,
            env=base_env(self.db.env), cwd=self.workdir)
        line = self._first_line(timeout=30)
        m = LISTEN_RE.match(line)
        assert m, (f"unexpected first line {line!r}; stderr: "
                   f"{self.stderr_tail()}")
        self.port = int(m.group(1))
        self.store = m.group(2)
        deadline = time.monotonic() + 15
        while True:
            try:
                r = requests.get(self.url("/healthz"), timeout=2)
                if r.status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, \
                f"/healthz never answered 200; stderr: {self.stderr_tail()}"
            time.sleep(0.05)
        return self

    def _first_line(self, timeout):
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        buf = b""
        deadline = time.monotonic() + timeout
        try:
            while b"\n" not in buf:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    self.proc.kill()
                    raise AssertionError(
                        "server printed no listening line in time; stderr: "
                        + self.stderr_tail())
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    self.proc.wait(timeout=5)
                    raise AssertionError(
                        f"server exited with {self.proc.returncode} before "
                        f"listening; stderr: {self.stderr_tail()}")
                buf += chunk
        finally:
            sel.close()
        return buf.split(b"\n", 1)[0].decode()

    def stop(self):
        """SIGTERM; returns the exit status (None if it had to be killed)."""
        if self.proc is None or self.exit_code is not None:
            return self.exit_code
        if self.proc.poll() is not None:
            self.died_early = True
        else:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.exit_code = None
                self._close()
                return None
        self.exit_code = self.proc.returncode
        self._close()
        return self.exit_code

    def kill9(self):
        """SIGKILL, as a crash would; start(port=self.port) brings the
        server back on the same address."""
        self.proc.kill()
        self.proc.wait(timeout=30)
        self._close()

    def _close(self):
        if self.proc.stdout:
            self.proc.stdout.close()
        self._stderr.close()

    def stderr_tail(self, n=2000):
        try:
            return self.stderr_path.read_text(errors="replace")[-n:]
        except OSError:
            return "(no stderr)"

    # -- HTTP helpers

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path, session=None, **kw):
        return (session or requests).get(self.url(path), timeout=30, **kw)

    def request(self, method, path, session=None, **kw):
        return (session or requests).request(method, self.url(path),
                                             timeout=30, **kw)

    def sign_in(self, login, password=None, totp=None, session=None):
        """POST /api/v1/session; returns the response (no judgement)."""
        body = {"login": login,
                "password": password if password is not None
                else self.creds[login]["password"]}
        if totp is not None:
            body["totp"] = totp
        r = self.request("POST", "/api/v1/session",
                         session=session or requests.Session(), json=body)
        return r

    def disable_user(self, login, enable=False):
        """`ccscap user disable LOGIN [--enable]`; asserts success."""
        return self.user_cli("disable", login,
                             *(["--enable"] if enable else []))

    def change_password(self, login, password):
        """`ccscap user passwd LOGIN --password-stdin`; asserts success."""
        out = self.user_cli("passwd", login, "--password-stdin",
                            stdin=password + "\n")
        self.creds[login]["password"] = password
        return out

    def user_cli(self, *args, stdin=None):
        out = self.cli("user", *args, stdin=stdin)
        assert out.returncode == 0, out.stderr
        return out

    def add_user(self, login, role, state=None, org=None):
        """`ccscap user add` with a random password, remembered in
        self.creds so login()/bearer() work for the new account."""
        password = base64.urlsafe_b64encode(os.urandom(18)).decode()
        args = ["add", login, "--role", role, "--password-stdin"]
        if state:
            args += ["--state", state]
        if org:
            args += ["--org", str(org)]
        self.user_cli(*args, stdin=password + "\n")
        self.creds.users[login] = {"password": password, "role": role,
                                   "state": state, "totp": None}
        return login

    def login(self, login):
        """A requests.Session signed in as @login (cookie), with the CSRF
        token in s.csrf and sent by default as X-CSRF-Token."""
        s = requests.Session()
        totp = None
        if self.creds[login]["totp"]:
            totp = self.creds.next_totp(login)
        r = self.sign_in(login, totp=totp, session=s)
        assert r.status_code == 201, f"sign-in as {login}: {r.text}"
        s.csrf = r.json()["csrf_token"]
        s.headers["X-CSRF-Token"] = s.csrf
        s.login = login
        return s

    def bearer(self, login):
        """A requests.Session using an API token made with the CLI (made
        once per login; the token is created before any snapshot)."""
        if login not in self._bearers:
            token = self.creds.users.get(login, {}).get("token")
            if token is None:
                token = self.create_token(login, f"it-{login}")
            s = requests.Session()
            s.headers["Authorization"] = f"Bearer {token}"
            s.token = token
            self._bearers[login] = s
        return self._bearers[login]

    def create_token(self, login, name):
        out = self.cli("token", "create", "--user", login, "--name", name)
        assert out.returncode == 0, out.stderr
        token = out.stdout.strip()
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token), out.stdout
        return token

    def cli(self, *args, **kw):
        return run_cli(self.db, *args, config=kw.pop("config", self.config),
                       **kw)

    # -- observations that do not change anything

    def snapshot(self):
        """What a coordinator sees: every contact and the audit trail head
        (seq numbers are gap-free, so the top seq is the event count)."""
        s = self.bearer("coordinator")
        c = self.get("/api/v1/contacts", session=s)
        assert c.status_code == 200, c.text
        return {"contacts": c.json()["items"],
                "audit_seq": self.audit_seq(),
                "users": self.users()}

    def audit_seq(self):
        a = self.get("/api/v1/audit?limit=1",
                     session=self.bearer("coordinator"))
        assert a.status_code == 200, a.text
        items = a.json()["items"]
        return items[0]["seq"] if items else 0

    def audit_events(self, limit=1000):
        """The @limit newest events, newest first (read page by page:
        the trail pages 200 events at most)."""
        items, cursor = [], None
        while len(items) < limit:
            q = f"/api/v1/audit?limit={min(200, limit - len(items))}"
            if cursor:
                q += f"&cursor={cursor}"
            a = self.get(q, session=self.bearer("coordinator"))
            assert a.status_code == 200, a.text
            items += a.json()["items"]
            cursor = a.json()["next_cursor"]
            if cursor is None:
                break
        return items

    def users(self):
        out = self.cli("user", "list", "--json")
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)


def assert_security_headers(r):
    for h in SECURITY_HEADERS:
        assert h in r.headers, f"{r.request.method} {r.url}: no {h}"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src" in r.headers["Content-Security-Policy"]


def assert_error(r, status, code, need_message=True):
    """The response is the error @status/@code in the one error shape:
    exactly {"error": {"code": ..., "message": ...}}, the message a
    non-empty string (unless @need_message is false)."""
    assert r.status_code == status, \
        f"{r.request.method} {r.url}: want {status} {code}, got " \
        f"{r.status_code} {r.text[:300]}"
    assert r.headers.get("Content-Type", "").startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str)
    if need_message:
        assert body["error"]["message"].strip(), body
    assert_security_headers(r)
    return body["error"]["message"]


# ------------------------------------------------------------- fixtures

@pytest.fixture(params=["sqlite", "postgres"])
def backend(request):
    if request.param == "postgres":
        need_pg()
    return request.param


@pytest.fixture(scope="session")
def pg_clones(demo_template):
    """The session's PgClones, or None without PostgreSQL, with
    CCSCAP_IT_FRESH_INIT, and in the run of the tests that stop the
    cluster (CCSCAP_IT_SHARD=exclusive). It depends on demo_template so
    that it is closed before the templates are dropped."""
    if not PG_ADMIN or FRESH_INIT or \
            os.environ.get("CCSCAP_IT_SHARD") == "exclusive":
        yield None
        return
    clones = PgClones()
    yield clones
    clones.close()


@pytest.fixture
def make_db(tmp_path, pg_clones):
    """Factory: make_db(kind, name=None, key_file=None) -> empty Database
    (PostgreSQL databases are dropped at teardown)."""
    made = []

    def make(kind, name=None, key_file=None, template=None):
        if kind == "postgres":
            need_pg()
        db = Database(kind, tmp_path, name or f"db{len(made)}",
                      key_file=key_file, template=template,
                      clones=pg_clones)
        made.append(db)
        return db

    yield make
    for db in made:
        db.drop()


def cheap_pw_hash(password):
    """An argon2id hash of @password at libsodium's lowest cost (t=1,
    8 KiB), in the same encoding `ccscap` writes; for the test template
    only (see the module's text)."""
    lib = ctypes.CDLL("libsodium.so.23")
    assert lib.sodium_init() >= 0, "sodium_init failed"
    out = ctypes.create_string_buffer(128)  # crypto_pwhash_STRBYTES
    pw = password.encode()
    rc = lib.crypto_pwhash_str_alg(
        out, pw, ctypes.c_ulonglong(len(pw)), ctypes.c_ulonglong(1),
        ctypes.c_size_t(8192), ctypes.c_int(2))  # ALG_ARGON2ID13
    assert rc == 0, "crypto_pwhash_str_alg failed"
    return out.value.decode()


def init_demo(db):
    """`ccscap init --demo` on @db; returns its Credentials."""
    creds_file = db.workdir / f"{db.name}.demo-credentials"
    out = run_cli(db, "init", "--demo", "--demo-credentials", creds_file)
    assert out.returncode == 0, f"init failed: {out.stderr}"
    assert "demo data loaded" in out.stdout, out.stdout
    users = parse_credentials(creds_file.read_text())
    assert {"admin", "coordinator", "ncpoc.jm", "cert.bb", "steering",
            "partner", "analyst"} <= set(users), users
    assert users["admin"]["totp"], "no TOTP secret for admin"
    return Credentials(users)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """demo_template(kind) -> (Database, users): one `init --demo` per
    backend per session, for servers to copy."""
    made = {}

    def get(kind):
        if kind not in made:
            workdir = tmp_path_factory.mktemp(f"template-{kind}")
            db = Database(kind, workdir, "template")
            users = init_demo(db).users
            for login, u in users.items():
                h = cheap_pw_hash(u["password"])
                assert "'" not in h and "'" not in login
                db.sql(f"UPDATE users SET pw_hash = '{h}' "
                       f"WHERE login = '{login}'")
                out = run_cli(db, "token", "create", "--user", login,
                              "--name", f"it-{login}")
                assert out.returncode == 0, out.stderr
                u["token"] = out.stdout.strip()
            if kind == "sqlite":
                # Everything into the main file, so a copy of it is whole.
                db.sql("PRAGMA wal_checkpoint(TRUNCATE)")
            made[kind] = (db, users)
        return made[kind]

    yield get
    for db, _ in made.values():
        db.drop()


@pytest.fixture
def make_server(backend, make_db, demo_template, tmp_path):
    """Factory: make_server(config=None, db=None, creds=None) -> started
    Server. Without @db a fresh demo database of the test's backend is
    made (a copy of the session's `init --demo` template). @config is text
    for a config file passed with --config. Every server is stopped at
    teardown and must exit 0 on SIGTERM."""
    servers = []

    def make(config=None, db=None, creds=None, kind=None):
        n = len(servers)
        if db is None:
            kind = kind or backend
            if FRESH_INIT:
                db = make_db(kind, f"s{n}")
                creds = init_demo(db)
            else:
                template, users = demo_template(kind)
                db = make_db(kind, f"s{n}", template=template)
                creds = Credentials(copy.deepcopy(users))
        cfg_path = None
        if config is not None:
            cfg_path = tmp_path / f"s{n}.conf"
            cfg_path.write_text(config)
        srv = Server(db, creds, tmp_path, config=cfg_path, name=f"s{n}")
        servers.append(srv)
        return srv.start()

    yield make
    bad = []
    for srv in servers:
        was_running = srv.exit_code is None
        code = srv.stop()
        if was_running and (code != 0 or srv.died_early):
            how = "died on its own with" if srv.died_early else \
                "on SIGTERM exited"
            bad.append(f"server on {srv.db.uri} {how} {code}; stderr: "
                       f"{srv.stderr_tail()}")
    assert not bad, "\n".join(bad)


@pytest.fixture
def server(make_server):
    """A fresh demo server of the test's backend."""
    return make_server()
