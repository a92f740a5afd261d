"""API tokens for machines: made with the CLI or the API, sent as
`Authorization: Bearer`, refused once the account is disabled."""

import secrets

from conftest import assert_error


def test_cli_token_works_as_bearer(server):
    out = server.cli("token", "create", "--user", "coordinator", "--name",
                     "ci")
    assert out.returncode == 0, out.stderr
    token = out.stdout.strip()
    assert len(token) == 43 and "\n" not in token
    assert "shown only now" in out.stderr
    h = {"Authorization": f"Bearer {token}"}
    r = server.get("/api/v1/session", headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["user"]["login"] == "coordinator"
    assert body.get("csrf_token") is None  # no cookie session, no CSRF
    r = server.get("/api/v1/contacts", headers=h)
    assert r.status_code == 200 and r.json()["count"] > 0
    # The token is not stored in the clear.
    rows = server.db.sql("SELECT token_hash FROM api_tokens")
    assert rows and all(token not in row[0] for row in rows)


def test_wrong_or_malformed_token_refused(server):
    server.bearer("coordinator")  # a real token exists
    for value in (f"Bearer {secrets.token_urlsafe(32)}", "Bearer short",
                  "Bearer ", "Basic Y29vcmRpbmF0b3I6eA==", "bearer x"):
        r = server.get("/api/v1/contacts", headers={"Authorization": value})
        assert_error(r, 401, "invalid_token")
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
    # A bad token is refused even on a public route: the caller asked to
    # be someone.
    r = server.get("/api/v1/states",
                   headers={"Authorization": "Bearer nope"})
    assert_error(r, 401, "invalid_token")


def test_disabling_the_user_revokes_tokens_and_sessions(server):
    b = server.bearer("coordinator")
    s = server.login("coordinator")
    assert server.get("/api/v1/contacts", session=b).status_code == 200
    out = server.disable_user("coordinator")
    assert "tokens revoked" in out.stdout
    assert_error(server.get("/api/v1/contacts", session=b), 401,
                 "invalid_token")
    assert_error(server.get("/api/v1/contacts", session=s), 401,
                 "invalid_session")
    # Enabling the account again does not bring the old token back.
    server.disable_user("coordinator", enable=True)
    assert_error(server.get("/api/v1/contacts", session=b), 401,
                 "invalid_token")
    assert server.sign_in("coordinator").status_code == 201


def test_token_create_via_api(server):
    s = server.login("ncpoc.jm")
    seq = server.audit_seq()
    r = server.request("POST", "/api/v1/tokens", session=s,
                       json={"name": "jm-sync", "ttl_days": 30})
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    assert server.audit_seq() == seq + 1
    me = server.get("/api/v1/me", headers={"Authorization":
                                           f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["login"] == "ncpoc.jm"
    r = server.request("POST", "/api/v1/tokens", session=s,
                       json={"name": "x", "ttl_days": 99999})
    assert_error(r, 422, "invalid_ttl")
    assert server.audit_seq() == seq + 1


def test_cli_token_for_unknown_user_fails(server):
    out = server.cli("token", "create", "--user", "ghost", "--name", "x")
    assert out.returncode != 0
    assert "ghost" in out.stderr
    out = server.cli("token", "create", "--user", "coordinator")
    assert out.returncode == 2 and "--name" in out.stderr
