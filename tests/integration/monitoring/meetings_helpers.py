"""Shared words of the meetings, recommendations and plan-version tests:
dates relative to today, a valid meeting and recommendation body, ids of
directory records, and counting rows that a refused write must not
add."""
import datetime

from capacity_helpers import all_pages  # noqa: F401 (re-exported)

TODAY = datetime.datetime.now(datetime.timezone.utc).date()
LAST_MONTH = (TODAY - datetime.timedelta(days=30)).isoformat()
LAST_WEEK = (TODAY - datetime.timedelta(days=7)).isoformat()
YESTERDAY = (TODAY - datetime.timedelta(days=1)).isoformat()
NEXT_MONTH = (TODAY + datetime.timedelta(days=30)).isoformat()

MEETINGS = "/api/v1/meetings"
RECS = "/api/v1/recommendations"
PLANS = "/api/v1/plan-versions"


def call(server, who, method, path, body=None):
    s = server.bearer(who) if who else None
    if body is None:
        return server.request(method, path, session=s)
    return server.request(method, path, session=s, json=body)


def org_id(server, name):
    r = server.get("/api/v1/organisations?limit=200",
                   session=server.bearer("coordinator"))
    assert r.status_code == 200, r.text
    body = r.json()
    for o in body["items"] if isinstance(body, dict) else body:
        if o["name"] == name or o.get("acronym") == name:
            return o["id"]
    raise AssertionError(f"no organisation {name}")


def contact_id(server, state):
    r = server.get(f"/api/v1/contacts?state={state}",
                   session=server.bearer("coordinator"))
    assert r.status_code == 200, r.text
    body = r.json()
    items = body["items"] if isinstance(body, dict) else body
    assert items, f"no contact in {state}"
    return items[0]["id"], items[0]["name"]


def meeting_body(server, **change):
    body = {
        "kind": "steering",
        "title": "Steering Committee, third meeting",
        "date": LAST_MONTH,
        "place": "Port of Spain",
        "host_state": "TT",
        "online": False,
        "agenda": ["Review of the RCC report", "Update of the plan"],
        "minutes": "The Committee reviewed the RCC's periodic report.",
        "decisions": ["Ask the RIFC to publish the gap analysis yearly"],
        "attendees": [
            {"organisation_id": org_id(server, "CARICOM IMPACS"),
             "role": "chair"},
            {"state": "JM", "role": "member"},
        ],
    }
    body.update(change)
    return body


def rec_body(**change):
    body = {
        "text": "Nominate the second NCPOC.",
        "owner_state": "JM",
        "due_date": YESTERDAY,
        "timeframe": "immediate",
        "need_ref": "T2.4",
    }
    body.update(change)
    return body


def count(server, table):
    return int(server.db.sql(f"SELECT COUNT(*) FROM {table}")[0][0])
