"""Helpers shared by the information-sharing tests (advisories, lessons,
requests for information, subscriptions): extra users made with the CLI,
bearer sessions, and incidents written under the API (the incident API is
another module's; these tests only need rows to link to)."""
import hashlib
import time


def add_user(server, login, role, state=None):
    """server.add_user (random password); returns a bearer session."""
    return server.bearer(server.add_user(login, role, state))


def post(server, who, path, body=None):
    s = server.bearer(who)
    if body is None:
        return server.request("POST", path, session=s)
    return server.request("POST", path, session=s, json=body)


def get(server, who, path):
    return server.get(path, session=server.bearer(who))


def user_id(server, login):
    rows = server.db.sql(f"SELECT id FROM users WHERE login = '{login}'")
    return int(rows[0][0])


def _reader_set(server, tlp, state, uid, recipients):
    """The reader set of a marking written with SQL (the keys
    core/tlp_keys.c gives a marking with a source state, an author and
    RED recipients, no organisation), made as the server makes it
    (svc/sharing/reader_sets.c): lists read their rows through it."""
    keys = {"clear": ["*"], "green": ["m"],
            "amber": [f"u:{uid}", "r", f"s:{state}"],
            "amber+strict": [f"u:{uid}", "r"]}.get(tlp, [f"u:{uid}"])
    if tlp == "red":
        keys += [f"u:{r}" for r in recipients.split(",") if r]
    text = " ".join(sorted(set(keys), key=lambda k: k.encode()))
    digest = hashlib.sha256(text.encode()).hexdigest()
    made = server.db.sql(
        "INSERT INTO reader_sets (digest, keys) VALUES "
        f"('{digest}', '{text}') ON CONFLICT (digest) DO NOTHING "
        "RETURNING id")
    if made:
        for k in text.split(" "):
            server.db.sql("INSERT INTO reader_set_keys (reader, set_id) "
                          f"VALUES ('{k}', {made[0][0]})")
    return server.db.sql(
        f"SELECT id FROM reader_sets WHERE digest = '{digest}'")[0][0]


def insert_incident(server, tlp, state, author_login, recipients=""):
    """An incident row under a marking of level @tlp, written with SQL
    (@recipients: the comma list ",ID,ID," of a RED marking)."""
    now = int(time.time())
    uid = user_id(server, author_login)
    rset = _reader_set(server, tlp, state, uid, recipients)
    mid = server.db.sql(
        "INSERT INTO markings (tlp, src_state, author_id, recipients, "
        f"created_at, reader_set) VALUES ('{tlp}', '{state}', {uid}, "
        f"'{recipients}', {now}, {rset}) RETURNING id")[0][0]
    iid = server.db.sql(
        "INSERT INTO incidents (marking_id, state_code, author_id, author, "
        "title, description, rsit_class, rsit_type, severity, status, "
        "reported_at, created_at, updated_at) VALUES "
        f"({mid}, '{state}', {uid}, '{author_login}', 'Test incident', "
        "'d', 'malicious-code', 'malware', 'low', 'reported', "
        f"{now}, {now}, {now}) RETURNING id")[0][0]
    return int(iid)


def inbox(server, who):
    r = get(server, who, "/api/v1/inbox")
    assert r.status_code == 200, r.text
    return r.json()["items"]


def audit_actions(server):
    return [e.get("action") for e in server.audit_events()]
