"""Helpers shared by the capacity-building tests: organisations by name,
partner accounts tied to an organisation, and initiative bodies."""
from sharing_helpers import get, post

INITIATIVES = "/api/v1/initiatives"


def org_id(server, name):
    rows = server.db.sql(
        f"SELECT id FROM organisations WHERE name = '{name}'")
    assert rows, name
    return int(rows[0][0])


def partner_of(server, login, org_name):
    """A partner account of organisation @org_name; returns its login."""
    oid = org_id(server, org_name)
    server.add_user(login, "partner")
    server.db.sql(f"UPDATE users SET organisation_id = {oid} "
                  f"WHERE login = '{login}'")
    return login


def body(server, ident="XX-TEST-1", **over):
    """A valid initiative: INTERPOL implementing, ITU funding, JM + BB."""
    b = {
        "iati_identifier": ident,
        "title": "E-evidence training for first responders",
        "description": "Police first responders trained on digital "
                       "evidence handling.",
        "kind": "training_series",
        "status": 2,
        "planned_start": "2024-01-01",
        "planned_end": "2024-12-31",
        "organisations": [
            {"id": org_id(server, "International Telecommunication Union"),
             "role": 1},
            {"id": org_id(server, "International Criminal Police Organization"), "role": 4}],
        "states": [{"state": "JM", "percentage": "60"},
                   {"state": "BB", "percentage": 40}],
        "needs": ["T2.2"],
    }
    b.update(over)
    return {k: v for k, v in b.items() if v is not None}


def create(server, who="coordinator", **over):
    r = post(server, who, INITIATIVES, body(server, **over))
    assert r.status_code == 201, r.text
    return r.json()


def patch(server, who, iid, b):
    s = server.bearer(who)
    return server.request("PATCH", f"{INITIATIVES}/{iid}", session=s,
                          json=b)


def all_pages(server, who, path, limit):
    """Follows next_cursor to the end; returns (items, totals seen)."""
    items, totals, cursor = [], set(), None
    while True:
        sep = "&" if "?" in path else "?"
        url = f"{path}{sep}limit={limit}"
        if cursor:
            url += f"&cursor={cursor}"
        r = get(server, who, url)
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["items"]) <= limit
        assert page.get("count", len(page["items"])) == len(page["items"])
        items += page["items"]
        totals.add(page["total"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items, totals


def cell_initiatives(server, who, cov, need, state):
    """Every initiative of a cell of GET /coverage: the first ones it
    lists, then the rest from GET /coverage/cell after its cursor."""
    for c in cov["cells"]:
        if c["need"] == need and c["state"] == state:
            items = list(c["initiatives"])
            if c["next_cursor"] is not None:
                rest, _ = all_pages(
                    server, who, f"/api/v1/coverage/cell?need={need}"
                    f"&state={state}&cursor={c['next_cursor']}", 200)
                items += rest
            assert len(items) == c["count"]
            return items
    raise AssertionError(f"no cell {need} {state}")
