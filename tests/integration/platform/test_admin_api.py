"""Account administration over HTTP (issue 11, item 5): what the
administration pages call. Each action goes through the service the CLI
uses, so it is authorised (administrators only; the audit trail also for
coordinators) and audited; secrets are shown once; the audit trail filters
and pages with a total and a cursor, and its chain can be checked."""

from conftest import assert_error


def _new_user(server, admin, login, role="ncpoc", state="JM"):
    r = server.request("POST", "/api/v1/users", session=admin, json={
        "login": login, "display_name": "Test " + login, "role": role,
        "state": state, "password": "a long enough password 1"})
    assert r.status_code == 201, r.text
    return r.json()


def test_admin_creates_disables_and_resets(server):
    admin = server.login("admin")
    before = server.audit_seq()
    u = _new_user(server, admin, "web.made")
    assert u["login"] == "web.made" and u["id"] > 0
    assert server.sign_in("web.made", "a long enough password 1") \
        .status_code == 201
    # a duplicate and a weak password are refused, nothing stored
    r = server.request("POST", "/api/v1/users", session=admin, json={
        "login": "web.made", "display_name": "x", "role": "ncpoc",
        "state": "JM", "password": "a long enough password 1"})
    assert_error(r, 409, "duplicate_login")
    r = server.request("POST", "/api/v1/users/web.made/password",
                       session=admin, json={"password": "short"})
    assert_error(r, 422, "weak_password")
    r = server.request("POST", "/api/v1/users/web.made/password",
                       session=admin,
                       json={"password": "another long password 2"})
    assert r.status_code == 200, r.text
    assert server.sign_in("web.made", "another long password 2") \
        .status_code == 201
    r = server.request("POST", "/api/v1/users/web.made/disable",
                       session=admin)
    assert r.status_code == 200 and r.json()["disabled"] is True
    assert_error(server.sign_in("web.made", "another long password 2"),
                 401, "invalid_credentials")
    r = server.request("POST", "/api/v1/users/web.made/enable",
                       session=admin)
    assert r.status_code == 200 and r.json()["disabled"] is False
    r = server.request("POST", "/api/v1/users/web.made/totp", session=admin)
    assert r.status_code == 201, r.text
    assert len(r.json()["secret"]) >= 16
    assert r.json()["otpauth_uri"].startswith("otpauth://totp/ccscap:web.made")
    assert_error(server.request("POST", "/api/v1/users/nobody.here/disable",
                                session=admin), 404, "unknown_user")
    actions = [e["action"] for e in server.audit_events()
               if e["seq"] > before]
    for a in ("user.create", "user.passwd", "user.disable", "user.enable",
              "totp.reset"):
        assert a in actions, a


def test_only_admins_manage_accounts(server):
    admin = server.login("admin")
    _new_user(server, admin, "victim.one")
    coord = server.login("coordinator")
    before = server.audit_seq()
    for method, path, body in (
            ("POST", "/api/v1/users", {
                "login": "x.y.z", "display_name": "x", "role": "admin",
                "password": "a long enough password 1"}),
            ("POST", "/api/v1/users/victim.one/disable", None),
            ("POST", "/api/v1/users/victim.one/password",
             {"password": "a long enough password 9"}),
            ("POST", "/api/v1/users/victim.one/totp", None),
            ("POST", "/api/v1/users/victim.one/tokens", {"name": "x"})):
        r = server.request(method, path, session=coord, json=body)
        assert_error(r, 403, "forbidden")
    assert server.audit_seq() == before
    assert_error(server.get("/api/v1/users/victim.one/tokens",
                            session=coord), 403, "forbidden")


def test_tokens_listed_and_revoked(server):
    admin = server.login("admin")
    _new_user(server, admin, "bot.owner")
    r = server.request("POST", "/api/v1/users/bot.owner/tokens",
                       session=admin, json={"name": "feed", "ttl_days": 30})
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    h = {"Authorization": f"Bearer {token}"}
    assert server.get("/api/v1/me", headers=h).json()["login"] == "bot.owner"
    items = server.get("/api/v1/users/bot.owner/tokens",
                       session=admin).json()["items"]
    assert [t["name"] for t in items] == ["feed"]
    assert items[0]["active"] == 1 and "token_hash" not in items[0]
    tid = items[0]["id"]
    # another account may not revoke it: answered as a missing one
    other = server.add_user("other.user", "ncpoc", "BB")
    assert_error(server.request("POST", f"/api/v1/tokens/{tid}/revoke",
                                session=server.login(other)),
                 404, "not_found")
    r = server.request("POST", f"/api/v1/tokens/{tid}/revoke", session=admin)
    assert r.status_code == 200, r.text
    assert_error(server.get("/api/v1/me", headers=h), 401, "invalid_token")
    assert_error(server.request("POST", f"/api/v1/tokens/{tid}/revoke",
                                session=admin), 409, "already_revoked")
    assert "token.revoke" in [e["action"] for e in server.audit_events(5)]


def test_audit_filters_pages_and_verifies(server):
    admin = server.login("admin")
    for i in range(5):
        _new_user(server, admin, f"audit.user{i}")
    coord = server.login("coordinator")
    r = server.get("/api/v1/audit?action=user.create&limit=2", session=coord)
    assert r.status_code == 200, r.text
    page = r.json()
    assert len(page["items"]) == 2 and page["total"] >= 5
    seen = [e["seq"] for e in page["items"]]
    cursor = page["next_cursor"]
    while cursor:
        r = server.get(f"/api/v1/audit?action=user.create&limit=2"
                       f"&cursor={cursor}", session=coord)
        assert r.status_code == 200, r.text
        seen += [e["seq"] for e in r.json()["items"]]
        assert all(e["action"] == "user.create" for e in r.json()["items"])
        cursor = r.json()["next_cursor"]
    assert len(seen) == page["total"] == len(set(seen))
    assert seen == sorted(seen, reverse=True)
    r = server.get("/api/v1/audit?action=user.&actor=admin", session=coord)
    assert all(e["action"].startswith("user.") and e["actor"] == "admin"
               for e in r.json()["items"])
    assert r.json()["total"] >= 5
    assert_error(server.get("/api/v1/audit?cursor=abc", session=coord),
                 400, "invalid_cursor")
    assert_error(server.get("/api/v1/audit?since=yesterday", session=coord),
                 400, "invalid_since")
    top = server.audit_seq()
    r = server.get("/api/v1/audit/verify", session=coord)
    assert r.status_code == 200, r.text
    v = r.json()
    assert v["intact"] is True and v["events"] == top
    assert_error(server.get("/api/v1/audit/verify",
                            session=server.login("ncpoc.jm")),
                 403, "forbidden")


def test_verify_finds_a_changed_event(server):
    server.login("admin")
    seq = server.audit_seq()
    server.db.sql(f"UPDATE audit_events SET actor = 'mallory' "
                  f"WHERE seq = {seq}")
    r = server.get("/api/v1/audit/verify", session=server.login("coordinator"))
    assert r.status_code == 200, r.text
    assert r.json()["intact"] is False
    assert r.json()["bad_seq"] == seq


def test_audit_trail_follows_the_list_contract(server):
    from list_contract import check_list, check_q
    coord = server.bearer("coordinator")
    url = "/api/v1/audit?action=user."
    admin = server.login("admin")
    for i in range(5):
        _new_user(server, admin, f"contract.user{i}")
    check_list(server, coord, url,
               ["seq", "at", "actor", "action", "entity"],
               int_sorts=("seq", "at"), csv_id="seq")
    assert check_q(server, coord, url, "admin", "actor") >= 5
