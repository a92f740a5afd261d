"""The contact directory: the two-NCPOC rule, state scope, read-only roles,
optimistic concurrency, deletion and the search filters."""

import pytest

from conftest import assert_error


def states(server, session, gap=False):
    r = server.get("/api/v1/states" + ("?gap=1" if gap else ""),
                   session=session)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def state_info(server, session, code):
    r = server.get(f"/api/v1/states/{code}", session=session)
    assert r.status_code == 200, r.text
    return r.json()


def contacts(server, session, query=""):
    """Every contact of @query, page by page (the list pages)."""
    items, cursor = [], None
    while True:
        q = query + ("&" if query else "?") + "limit=200" + (
            f"&cursor={cursor}" if cursor else "")
        r = server.get("/api/v1/contacts" + q, session=session)
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return items


def ncpoc(state, name="Nadia Ncpoc", cat="law_enforcement"):
    return {"name": name, "role": "ncpoc", "ncpoc_category": cat,
            "state": state, "email": f"nadia@{state.lower()}.example.org",
            "phone": "+1 555 010 2030"}


def duty(state, name="Dana Duty"):
    return {"name": name, "role": "cert_duty", "state": state,
            "email": f"duty@{state.lower()}.example.org"}


def post(server, session, body):
    return server.request("POST", "/api/v1/contacts", session=session,
                          json=body)


def patch(server, session, contact, body):
    """PATCH @contact (a dict as the API returned it) with @body, sending
    the contact's version unless @body names one."""
    body = dict(body)
    body.setdefault("version", contact["version"])
    return server.request("PATCH", f"/api/v1/contacts/{contact['id']}",
                          session=session, json=body)


def delete(server, session, cid):
    return server.request("DELETE", f"/api/v1/contacts/{cid}",
                          session=session)


def test_coordinator_fills_an_ncpoc_gap(server):
    coord = server.login("coordinator")
    gaps = states(server, coord, gap=True)
    assert gaps, "the demo data should leave some states short of NCPOCs"
    assert all(g["ncpoc_count"] < 2 and g["ncpoc_gap"] for g in gaps)
    assert len(gaps) < 21
    target = gaps[0]
    seq = server.audit_seq()
    r = post(server, coord, ncpoc(target["code"]))
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["state"] == target["code"] and c["role"] == "ncpoc"
    assert c["ncpoc_category"] == "law_enforcement"
    assert c["version"] == 1 and isinstance(c["id"], int)
    assert server.audit_seq() == seq + 1
    st = state_info(server, coord, target["code"])
    assert st["ncpoc_count"] == target["ncpoc_count"] + 1
    assert c["id"] in {x["id"] for x in st["contacts"]}
    got = server.get(f"/api/v1/contacts/{c['id']}", session=coord)
    assert got.status_code == 200 and got.json() == c


def test_third_ncpoc_refused(server):
    coord = server.login("coordinator")
    full = [s for s in states(server, coord) if s["ncpoc_count"] == 2]
    assert full, "the demo data should have states with two NCPOCs"
    code = full[0]["code"]
    before = server.snapshot()
    r = post(server, coord, ncpoc(code, name="Third Person"))
    msg = assert_error(r, 409, "ncpoc_limit_reached")
    assert code in msg
    assert state_info(server, coord, code)["ncpoc_count"] == 2
    assert server.snapshot() == before


def test_ncpoc_limit_applies_to_edits_too(server):
    coord = server.login("coordinator")
    all_states = states(server, coord)
    full = next(s["code"] for s in all_states if s["ncpoc_count"] == 2)
    # A cert_duty contact of the full state turned into an NCPOC...
    cd = contacts(server, coord, f"?state={full}&role=cert_duty") or \
        [post(server, coord, duty(full)).json()]
    before = server.snapshot()
    r = patch(server, coord, cd[0], {"role": "ncpoc",
                                   "ncpoc_category": "other"})
    assert_error(r, 409, "ncpoc_limit_reached")
    # ...or an NCPOC of another state moved into it.
    other = next(s["code"] for s in all_states
                 if s["ncpoc_count"] >= 1 and s["code"] != full)
    mover = contacts(server, coord, f"?state={other}&role=ncpoc")[0]
    r = patch(server, coord, mover, {"state": full})
    assert_error(r, 409, "ncpoc_limit_reached")
    assert server.snapshot() == before
    # Editing an NCPOC within its full state is fine (it does not count
    # against itself).
    own = contacts(server, coord, f"?state={full}&role=ncpoc")[0]
    r = patch(server, coord, own, {"title": "Director"})
    assert r.status_code == 200, r.text


def test_state_ncpoc_works_only_in_own_state(server):
    jm = server.login("ncpoc.jm")
    seq = server.audit_seq()
    r = post(server, jm, duty("JM", name="Jamaica Duty Officer"))
    assert r.status_code == 201, r.text
    mine = r.json()
    r = patch(server, jm, mine, {"title": "Duty officer"})
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "Duty officer"
    assert r.json()["version"] == mine["version"] + 1
    mine = r.json()
    assert server.audit_seq() == seq + 2

    before = server.snapshot()
    r = post(server, jm, duty("BB"))
    assert_error(r, 403, "forbidden")
    # A regional (stateless) contact is out of a state user's scope too.
    r = post(server, jm, {"name": "Steering Person",
                          "role": "steering_member"})
    assert_error(r, 403, "forbidden")
    bb = contacts(server, jm, "?state=BB")
    assert bb, "demo data has Barbados contacts"
    r = patch(server, jm, bb[0], {"title": "Changed by JM"})
    assert_error(r, 403, "forbidden")
    r = delete(server, jm, bb[0]["id"])
    assert_error(r, 403, "forbidden")
    # Moving a JM contact to BB would put it out of reach: refused.
    r = patch(server, jm, mine, {"state": "BB"})
    assert_error(r, 403, "forbidden")
    r = patch(server, jm, mine, {"state": None})
    assert_error(r, 403, "forbidden")
    assert server.snapshot() == before
    got = server.get(f"/api/v1/contacts/{mine['id']}", session=jm).json()
    assert got["state"] == "JM" and got["title"] == "Duty officer"


def test_cert_user_works_in_own_state(server):
    bb = server.login("cert.bb")
    r = post(server, bb, duty("BB", name="Barbados Night Shift"))
    assert r.status_code == 201, r.text
    assert_error(post(server, bb, duty("JM")), 403, "forbidden")


@pytest.mark.parametrize("login", ["steering", "partner", "analyst"])
def test_read_only_roles(server, login):
    s = server.login(login)
    items = contacts(server, s)
    assert items, "read-only roles can read contact details"
    assert server.get(f"/api/v1/contacts/{items[0]['id']}",
                      session=s).status_code == 200
    assert "contacts" in state_info(server, s, "JM")
    before = server.snapshot()
    assert_error(post(server, s, duty("JM")), 403, "forbidden")
    assert_error(patch(server, s, items[0], {"title": "x"}), 403,
                 "forbidden")
    assert_error(delete(server, s, items[0]["id"]), 403, "forbidden")
    assert_error(server.get("/api/v1/audit", session=s), 403, "forbidden")
    assert server.snapshot() == before


def test_stale_version_refused(server):
    coord = server.login("coordinator")
    c = contacts(server, coord, "?state=JM")[0]
    v = c["version"]
    r = patch(server, coord, c, {"title": "First edit"})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == v + 1
    before = server.snapshot()
    # A second editor still holding version v.
    r = patch(server, coord, c, {"title": "Second edit"})
    msg = assert_error(r, 409, "version_conflict")
    assert str(v + 1) in msg
    assert server.snapshot() == before
    got = server.get(f"/api/v1/contacts/{c['id']}", session=coord).json()
    assert got["title"] == "First edit" and got["version"] == v + 1


def test_edit_without_version_refused(server):
    coord = server.login("coordinator")
    c = contacts(server, coord, "?state=JM")[0]
    before = server.snapshot()
    r = server.request("PATCH", f"/api/v1/contacts/{c['id']}", session=coord,
                       json={"title": "Blind edit"})
    assert_error(r, 422, "version_required")
    assert server.snapshot() == before


def test_delete_then_get_is_404(server):
    coord = server.login("coordinator")
    c = post(server, coord, duty("JM", name="Short Lived")).json()
    seq = server.audit_seq()
    r = delete(server, coord, c["id"])
    assert r.status_code == 200, r.text
    assert r.json() == {"id": c["id"], "deleted": True}
    assert server.audit_seq() == seq + 1
    assert_error(server.get(f"/api/v1/contacts/{c['id']}", session=coord),
                 404, "not_found")
    before = server.snapshot()
    assert_error(delete(server, coord, c["id"]), 404, "not_found")
    assert_error(patch(server, coord, c, {"title": "x"}), 404,
                 "not_found")
    assert server.snapshot() == before
    assert c["id"] not in {x["id"] for x in contacts(server, coord)}


def test_filters(server):
    coord = server.login("coordinator")
    everyone = contacts(server, coord)
    jm = contacts(server, coord, "?state=JM")
    assert jm and all(c["state"] == "JM" for c in jm)
    assert len(jm) == sum(1 for c in everyone if c["state"] == "JM")
    nc = contacts(server, coord, "?role=ncpoc")
    assert nc and all(c["role"] == "ncpoc" for c in nc)
    both = contacts(server, coord, "?state=JM&role=ncpoc")
    assert {c["id"] for c in both} == \
        {c["id"] for c in jm if c["role"] == "ncpoc"}

    a = post(server, coord, duty("JM", name="Zebediah Quartermaine")).json()
    b = post(server, coord, duty("BB", name="Percy 100% Sure")).json()
    c = post(server, coord, duty("BB", name="Ab_Cd Underscore")).json()
    d = post(server, coord, duty("BB", name="AbXCd Letter")).json()
    for q in ("zebediah", "QUARTERMAINE", "ebediah quart"):
        got = contacts(server, coord, "?q=" + q.replace(" ", "%20"))
        assert [x["id"] for x in got] == [a["id"]], q
    assert contacts(server, coord, "?q=zebediah&state=BB") == []
    # '%' and '_' are literal characters, not wildcards.
    got = contacts(server, coord, "?q=%25")
    assert [x["id"] for x in got] == [b["id"]]
    got = contacts(server, coord, "?q=100%25")
    assert [x["id"] for x in got] == [b["id"]]
    got = contacts(server, coord, "?q=ab_cd")
    assert [x["id"] for x in got] == [c["id"]]
    got = contacts(server, coord, "?q=abxcd")
    assert [x["id"] for x in got] == [d["id"]]
    # The search also looks at e-mail addresses.
    got = contacts(server, coord, "?q=duty@jm.example")
    assert a["id"] in {x["id"] for x in got}
    # An empty q is no filter.
    assert len(contacts(server, coord, "?q=")) == len(everyone) + 4


@pytest.mark.parametrize("query,status,code", [
    ("?state=jm", 422, "invalid_state_code"),
    ("?state=JAM", 422, "invalid_state_code"),
    ("?role=boss", 422, "invalid_role"),
    ("?q=" + "x" * 201, 400, "invalid_query"),
])
def test_bad_filters(server, query, status, code):
    coord = server.bearer("coordinator")
    assert_error(server.get("/api/v1/contacts" + query, session=coord),
                 status, code)
