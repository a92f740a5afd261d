"""Signing in and out: passwords, one-time codes, lockout, throttling,
session cookies, expiry and CSRF."""

import secrets
import time

import requests

from conftest import assert_error, current_step, totp_at


def wrong_totp(secret):
    """A 6-digit code valid for none of the steps the server accepts."""
    step = current_step()
    valid = {totp_at(secret, s) for s in range(step - 2, step + 4)}
    code = 0
    while f"{code:06d}" in valid:
        code += 1
    return f"{code:06d}"


def test_wrong_password_refused(server):
    before = server.snapshot()
    r = server.sign_in("coordinator", password="not-the-password-1")
    assert_error(r, 401, "invalid_credentials")
    assert "Set-Cookie" not in r.headers
    assert r.headers.get("WWW-Authenticate", "").startswith("Bearer")
    assert server.snapshot() == before


def test_unknown_login_same_answer(server):
    r = server.sign_in("no.such.user", password="whatever-password")
    msg = assert_error(r, 401, "invalid_credentials")
    r2 = server.sign_in("coordinator", password="whatever-password")
    assert assert_error(r2, 401, "invalid_credentials") == msg


def test_sign_in_body_is_validated(server):
    r = server.request("POST", "/api/v1/session", json={"login": "x"})
    assert_error(r, 400, "missing_field")
    r = server.request("POST", "/api/v1/session",
                       json={"login": "coordinator", "password": 1})
    assert_error(r, 400, "wrong_type")


def test_admin_needs_totp(server):
    before = server.snapshot()
    r = server.sign_in("admin")
    assert_error(r, 401, "totp_required")
    r = server.sign_in("admin", totp=wrong_totp(server.creds["admin"]["totp"]))
    assert_error(r, 401, "invalid_credentials")
    assert "Set-Cookie" not in r.headers
    assert server.snapshot() == before


def test_admin_sign_in_with_totp_and_no_replay(server):
    creds = server.creds
    code = creds.next_totp("admin")
    s = requests.Session()
    r = server.sign_in("admin", totp=code, session=s)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["user"]["login"] == "admin"
    assert body["user"]["role"] == "admin"
    assert body["user"]["totp_enabled"] is True
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("ccscap_session=")
    attrs = [a.strip().lower() for a in cookie.split(";")]
    assert "httponly" in attrs
    assert "samesite=strict" in attrs
    assert "path=/" in attrs
    me = server.get("/api/v1/session", session=s)
    assert me.status_code == 200
    assert me.json()["user"]["login"] == "admin"
    assert me.json()["csrf_token"] == body["csrf_token"]
    # The same code again, even with the right password, is refused.
    before = server.audit_seq()
    r = server.sign_in("admin", totp=code)
    assert_error(r, 401, "invalid_credentials")
    assert server.audit_seq() == before
    # A fresh code works (the helper moves to the next step).
    assert server.login("admin").get(server.url("/api/v1/users")) \
        .status_code == 200


def test_sign_in_sets_strict_httponly_cookie(server):
    s = requests.Session()
    r = server.sign_in("coordinator", session=s)
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == {"user", "csrf_token", "expires_at"}
    assert body["user"]["login"] == "coordinator"
    assert "pw_hash" not in body["user"]
    cookie = r.headers["Set-Cookie"]
    attrs = [a.strip().lower() for a in cookie.split(";")]
    assert "httponly" in attrs and "samesite=strict" in attrs
    assert any(a.startswith("max-age=") for a in attrs)
    # No Secure by default (cookie_secure = 0); the cookie works over HTTP.
    assert "secure" not in attrs
    me = server.get("/api/v1/me", session=s)
    assert me.status_code == 200 and me.json()["login"] == "coordinator"


def test_account_lockout_after_five_failures(server):
    before = server.snapshot()
    for i in range(5):
        r = server.sign_in("ncpoc.jm", password=f"wrong-password-{i}")
        assert_error(r, 401, "invalid_credentials")
    # Locked: even the right password is refused, and no session starts.
    r = server.sign_in("ncpoc.jm")
    assert_error(r, 429, "too_many_attempts")
    assert "Set-Cookie" not in r.headers
    assert server.snapshot() == before
    # Only that account: another one still signs in from the same address.
    assert server.sign_in("cert.bb").status_code == 201


def test_account_lockout_is_per_account_not_per_failure_kind(server):
    # Four wrong passwords, then the right one: not locked, and the
    # counter starts again after a success.
    for i in range(4):
        assert_error(server.sign_in("steering", password=f"bad-{i}-xxxxx"),
                     401, "invalid_credentials")
    assert server.sign_in("steering").status_code == 201
    for i in range(4):
        assert_error(server.sign_in("steering", password=f"bad-{i}-yyyyy"),
                     401, "invalid_credentials")
    assert server.sign_in("steering").status_code == 201


def test_disabled_account_cannot_sign_in(server):
    server.disable_user("partner")
    assert_error(server.sign_in("partner"), 401, "invalid_credentials")


def test_password_change_ends_sessions(server):
    s = server.login("coordinator")
    old = server.creds["coordinator"]["password"]
    out = server.change_password("coordinator", "a-brand-new-password-42")
    assert "sessions were ended" in out.stdout
    assert_error(server.get("/api/v1/session", session=s), 401,
                 "invalid_session")
    assert_error(server.sign_in("coordinator", password=old), 401,
                 "invalid_credentials")
    assert server.sign_in("coordinator").status_code == 201


def test_no_secrets_in_account_views(server):
    admin = server.login("admin")
    users = server.get("/api/v1/users", session=admin)
    assert users.status_code == 200
    me = server.get("/api/v1/me", session=admin).json()
    text = users.text + server.get("/api/v1/session", session=admin).text
    for secret_field in ("pw_hash", "totp_secret", "password", "token_hash"):
        assert secret_field not in text
        assert secret_field not in me
    assert server.creds["admin"]["totp"] not in text
    assert {u["login"] for u in users.json()["items"]} >= {
        "admin", "coordinator", "ncpoc.jm"}


def test_per_address_throttle(make_server):
    srv = make_server(config="ip_max_failures = 3\n")
    coord = srv.bearer("coordinator")  # made before the failures
    seq = srv.audit_seq()
    for login in ("nobody.one", "coordinator", "nobody.two"):
        assert_error(srv.sign_in(login, password="wrong-password-x"), 401,
                     "invalid_credentials")
    # The 4th attempt from 127.0.0.1 is refused whatever the account,
    # even one that never failed, with the right password.
    r = srv.sign_in("partner")
    msg = assert_error(r, 429, "too_many_attempts")
    assert "address" in msg
    assert "Set-Cookie" not in r.headers
    assert_error(srv.sign_in("coordinator"), 429, "too_many_attempts")
    assert srv.audit_seq() == seq
    # Bearer tokens are not sign-ins and keep working.
    assert srv.get("/api/v1/contacts", session=coord).status_code == 200


def test_sign_out_ends_the_session(server):
    s = server.login("coordinator")
    old_cookie = s.cookies.get("ccscap_session")
    seq = server.audit_seq()
    r = server.request("DELETE", "/api/v1/session", session=s)
    assert r.status_code == 200, r.text
    assert r.json() == {"signed_out": True}
    assert "max-age=0" in r.headers["Set-Cookie"].lower()
    assert server.audit_seq() == seq + 1
    # The old cookie, replayed by hand, no longer works.
    r = server.get("/api/v1/session",
                   cookies={"ccscap_session": old_cookie})
    assert_error(r, 401, "invalid_session")


def test_sign_out_needs_csrf(server):
    s = server.login("coordinator")
    r = server.request("DELETE", "/api/v1/session", session=s,
                       headers={"X-CSRF-Token": None})
    assert_error(r, 403, "csrf_failed")
    assert server.get("/api/v1/session", session=s).status_code == 200


def test_sign_out_with_a_token_is_refused(server):
    r = server.request("DELETE", "/api/v1/session",
                       session=server.bearer("coordinator"))
    assert_error(r, 400, "no_session")


def test_unknown_cookie_is_invalid_session(server):
    fake = secrets.token_urlsafe(32)  # 43 characters, like a real one
    assert len(fake) == 43
    r = server.get("/api/v1/session", cookies={"ccscap_session": fake})
    assert_error(r, 401, "invalid_session")
    r = server.get("/api/v1/contacts", cookies={"ccscap_session": "short"})
    assert_error(r, 401, "invalid_session")
    # A public page with a stale cookie still answers, as anonymous.
    r = server.get("/api/v1/states/JM", cookies={"ccscap_session": fake})
    assert r.status_code == 200 and "contacts" not in r.json()


def test_expired_session(server):
    s = server.login("coordinator")
    assert server.get("/api/v1/session", session=s).status_code == 200
    server.db.sql("UPDATE sessions SET expires_at = 1 WHERE user_id = "
                  "(SELECT id FROM users WHERE login = 'coordinator')")
    assert_error(server.get("/api/v1/session", session=s), 401,
                 "session_expired")
    assert_error(server.get("/api/v1/contacts", session=s), 401,
                 "session_expired")


def test_session_ttl_from_config(make_server):
    srv = make_server(config="session_ttl = 60\n")
    r = srv.sign_in("coordinator")
    assert r.status_code == 201
    assert "max-age=60" in r.headers["Set-Cookie"].lower()
    assert 55 <= r.json()["expires_at"] - int(time.time()) \
        <= 61


# ------------------------------------------------------------------ CSRF

def new_contact(state="JM", name="Csrf Probe"):
    return {"name": name, "role": "cert_duty", "state": state,
            "email": "probe@jm.example.org"}


def test_cookie_write_without_csrf_token_is_refused(server):
    s = server.login("coordinator")
    before = server.snapshot()
    r = server.request("POST", "/api/v1/contacts", session=s,
                       json=new_contact(), headers={"X-CSRF-Token": None})
    assert_error(r, 403, "csrf_failed")
    assert server.snapshot() == before


def test_cookie_write_with_wrong_csrf_token_is_refused(server):
    s = server.login("coordinator")
    other = server.login("ncpoc.jm")  # a real token, but another session's
    before = server.snapshot()
    for tok in ("nope", other.csrf, secrets.token_urlsafe(32), ""):
        r = server.request("POST", "/api/v1/contacts", session=s,
                           json=new_contact(), headers={"X-CSRF-Token": tok})
        assert_error(r, 403, "csrf_failed")
    cid = before["contacts"][0]["id"]
    r = server.request("DELETE", f"/api/v1/contacts/{cid}", session=s,
                       headers={"X-CSRF-Token": "nope"})
    assert_error(r, 403, "csrf_failed")
    r = server.request("PATCH", f"/api/v1/contacts/{cid}", session=s,
                       json={"name": "Changed"},
                       headers={"X-CSRF-Token": None})
    assert_error(r, 403, "csrf_failed")
    assert server.snapshot() == before
    # With the right token the same write goes through.
    r = server.request("POST", "/api/v1/contacts", session=s,
                       json=new_contact())
    assert r.status_code == 201, r.text


def test_bearer_requests_need_no_csrf(server):
    b = server.bearer("coordinator")
    seq = server.audit_seq()
    r = server.request("POST", "/api/v1/contacts", session=b,
                       json=new_contact(name="Bearer Made"))
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "Bearer Made"
    assert server.audit_seq() == seq + 1
