"""GET /api/v1/states/{code} is kept rendered per state and per "may read
contacts" (svc/directory/state_cache.c, migration 0034). What a user
must never notice: a reply older than the last write to the directory,
whoever made it (this server, another server on the same database, or
SQL by hand), a signed-in reader's contacts given to one who may not read
them, or a revoked token still answered."""

import requests

from conftest import assert_error, assert_security_headers

PUBLIC_STATE_KEYS = {"code", "name", "status", "cctld"}


def get_state(server, session, code="JM"):
    r = server.get(f"/api/v1/states/{code}", session=session)
    assert r.status_code == 200, r.text
    return r


def warm(server, session, code="JM"):
    """Two reads in a row (the second one from the cache, if any): they
    must be the same bytes; returns the parsed reply."""
    first = get_state(server, session, code)
    again = get_state(server, session, code)
    assert again.content == first.content
    return again.json()


def duty(state, name):
    return {"name": name, "role": "cert_duty", "state": state,
            "email": f"duty@{state.lower()}.example.org"}


def names(reply):
    return {c["name"] for c in reply["contacts"]}


def test_api_writes_are_in_the_next_reply(server):
    coord = server.bearer("coordinator")
    before = warm(server, coord)
    r = server.request("POST", "/api/v1/contacts", session=coord,
                       json=duty("JM", "Cache Duty"))
    assert r.status_code == 201, r.text
    c = r.json()
    after = get_state(server, coord).json()
    assert names(after) == names(before) | {"Cache Duty"}
    r = server.request("PATCH", f"/api/v1/contacts/{c['id']}",
                       session=coord, json={"name": "Cache Duty Renamed",
                                            "version": c["version"]})
    assert r.status_code == 200, r.text
    assert "Cache Duty Renamed" in names(warm(server, coord))
    r = server.request("DELETE", f"/api/v1/contacts/{c['id']}",
                       session=coord)
    assert r.status_code in (200, 204), r.text
    assert names(warm(server, coord)) == names(before)
    r = server.request("POST", "/api/v1/organisations", session=coord,
                       json={"name": "Cache Test Agency", "kind":
                             "national_body", "state": "JM"})
    assert r.status_code == 201, r.text
    orgs = {o["name"] for o in get_state(server, coord).json()[
        "organisations"]}
    assert "Cache Test Agency" in orgs


def test_sql_writes_by_hand_are_in_the_next_reply(server):
    """Nothing of this server runs: only the database's triggers can tell
    it (a script, a restore, another tool)."""
    coord = server.bearer("coordinator")
    before = warm(server, coord)
    server.db.sql("UPDATE states SET name = 'Jamaica (renamed)' "
                  "WHERE code = 'JM'")
    assert get_state(server, coord).json()["name"] == "Jamaica (renamed)"
    r = server.request("POST", "/api/v1/organisations", session=coord,
                       json={"name": "Before Rename", "kind":
                             "national_body", "state": "JM"})
    assert r.status_code == 201, r.text
    oid = r.json()["id"]
    assert oid in {o["id"] for o in warm(server, coord)["organisations"]}
    server.db.sql(f"UPDATE organisations SET name = 'Renamed Org' "
                  f"WHERE id = {oid}")
    got = {o["id"]: o["name"]
           for o in get_state(server, coord).json()["organisations"]}
    assert got[oid] == "Renamed Org"
    cid = before["contacts"][0]["id"]
    server.db.sql(f"DELETE FROM contacts WHERE id = {cid}")
    assert cid not in {c["id"] for c in warm(server, coord)["contacts"]}


def test_another_servers_writes_are_in_the_next_reply(make_server):
    """Two servers on one database, each with its own kept replies."""
    a = make_server()
    b = make_server(db=a.db, creds=a.creds)
    coord_a = a.bearer("coordinator")
    coord_b = b.bearer("coordinator")
    before = warm(a, coord_a)
    assert warm(b, coord_b) == before
    r = b.request("POST", "/api/v1/contacts", session=coord_b,
                  json=duty("JM", "Written Through B"))
    assert r.status_code == 201, r.text
    assert "Written Through B" in names(get_state(a, coord_a).json())
    r = a.request("DELETE", f"/api/v1/contacts/{r.json()['id']}",
                  session=coord_a)
    assert r.status_code in (200, 204), r.text
    assert names(get_state(b, coord_b).json()) == names(before)


def test_public_never_gets_a_members_reply(server):
    coord = server.bearer("coordinator")
    member = warm(server, coord, "JM")
    assert member["contacts"] and "organisations" in member
    anon = requests.Session()
    for _ in range(2):
        r = get_state(server, anon, "JM")
        assert set(r.json()) == PUBLIC_STATE_KEYS, r.text
    assert warm(server, coord, "JM") == member
    # the other order: the public's reply is kept first
    public = warm(server, anon, "BB")
    assert set(public) == PUBLIC_STATE_KEYS
    bb = warm(server, coord, "BB")
    assert "contacts" in bb and "ncpoc_count" in bb
    # a token that is not valid is refused, not answered from the cache
    bad = requests.Session()
    bad.headers["Authorization"] = "Bearer " + "x" * 43
    assert_error(server.get("/api/v1/states/JM", session=bad), 401,
                 "invalid_token")


def test_kept_reply_has_the_same_headers(server):
    coord = server.bearer("coordinator")
    first = get_state(server, coord)
    again = get_state(server, coord)
    for r in (first, again):
        assert_security_headers(r)
        assert r.headers["Content-Type"] == "application/json; charset=utf-8"
        assert r.headers["Cache-Control"] == "no-store"
    drop = {"Date"}
    assert {k: v for k, v in first.headers.items() if k not in drop} == \
        {k: v for k, v in again.headers.items() if k not in drop}


def test_unknown_or_bad_state_is_still_404(server):
    coord = server.bearer("coordinator")
    for code in ("ZZ", "jm", "JMX"):
        for _ in range(2):
            r = server.get(f"/api/v1/states/{code}", session=coord)
            assert r.status_code == 404, r.text


def test_revoked_token_refused_on_the_next_request(server):
    admin = server.login("admin")
    r = server.request("POST", "/api/v1/users/coordinator/tokens",
                       session=admin, json={"name": "cached", "ttl_days": 1})
    assert r.status_code == 201, r.text
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {r.json()['token']}"
    warm(server, s)
    tid = server.get("/api/v1/users/coordinator/tokens",
                     session=admin).json()["items"]
    tid = [t["id"] for t in tid if t["name"] == "cached"][0]
    r = server.request("POST", f"/api/v1/tokens/{tid}/revoke", session=admin)
    assert r.status_code == 200, r.text
    assert_error(server.get("/api/v1/states/JM", session=s), 401,
                 "invalid_token")


def test_token_revoked_elsewhere_refused_on_the_next_request(server):
    """Revoked by another process: disabling the account (CLI), or SQL."""
    ncpoc = server.bearer("ncpoc.jm")
    warm(server, ncpoc)
    server.disable_user("ncpoc.jm")
    assert_error(server.get("/api/v1/states/JM", session=ncpoc), 401,
                 "invalid_token")
    cert = server.bearer("cert.bb")
    warm(server, cert)
    server.db.sql("UPDATE api_tokens SET revoked = 1")
    assert_error(server.get("/api/v1/states/JM", session=cert), 401,
                 "invalid_token")


def test_large_headers_and_bodies_still_served(server):
    """libmicrohttpd's pool per connection is 16 KiB (server.c): request
    headers of several kilobytes and bodies far larger still work."""
    coord = server.bearer("coordinator")
    r = server.get("/api/v1/states/JM", session=coord,
                   headers={"X-Padding": "p" * 8000})
    assert r.status_code == 200, r.text
    assert r.json()["code"] == "JM"
    body = duty("JM", "n" * 150)
    body["padding"] = "x" * 600000
    r = server.request("POST", "/api/v1/contacts", session=coord, json=body)
    assert_error(r, 400, "unknown_field")
    r = server.request("POST", "/api/v1/contacts", session=coord,
                       json=duty("JM", "Big Body " + "b" * 150))
    assert r.status_code == 201, r.text
    assert "Big Body " + "b" * 150 in names(get_state(server, coord).json())
