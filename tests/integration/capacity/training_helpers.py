"""Shared words of the capacity integration tests: a valid training or
campaign body, the id of an organisation, a standard a state does (not)
meet, the totals that must not move when a write is refused."""
import datetime

TODAY = datetime.datetime.now(datetime.timezone.utc).date()
YESTERDAY = (TODAY - datetime.timedelta(days=1)).isoformat()
LAST_WEEK = (TODAY - datetime.timedelta(days=7)).isoformat()
TOMORROW = (TODAY + datetime.timedelta(days=1)).isoformat()


def org_id(server, s, name):
    r = server.get("/api/v1/organisations", session=s)
    assert r.status_code == 200, r.text
    body = r.json()
    items = body["items"] if isinstance(body, dict) else body
    for o in items:
        if o["name"] == name or o.get("acronym") == name:
            return o["id"]
    raise AssertionError(f"no organisation {name}")


def impacs(server, s):
    return org_id(server, s, "CARICOM IMPACS")


def standards_of(server, s, state):
    """The gap analysis of @state as a list of standards."""
    r = server.get(f"/api/v1/gaps?state={state}", session=s)
    assert r.status_code == 200, r.text
    return [st for a in r.json()["areas"] for sa in a["specific_areas"]
            for st in sa["standards"]]


def unmet(server, s, state, skip=()):
    for st in standards_of(server, s, state):
        if st["status"] != "met" and st["lineage_id"] not in skip:
            return st
    raise AssertionError(f"{state} meets every standard")


def met(server, s, state):
    for st in standards_of(server, s, state):
        if st["status"] == "met":
            return st
    raise AssertionError(f"{state} meets no standard")


def training_body(org, **change):
    body = {
        "title": "Digital evidence for first responders",
        "description": "Two days on seizing and preserving devices.",
        "start": LAST_WEEK, "end": YESTERDAY,
        "place": "Kingston", "host_state": "JM", "online": False,
        "organiser_id": org,
        "audiences": ["le_first_responders", "investigators"],
        "topics": ["Seizure of devices", "Chain of custody"],
        "materials": [{"title": "Slides",
                       "url": "https://example.org/slides.pdf"}],
        "participants": [
            {"state": "JM", "role": "le_first_responders", "women": 4,
             "men": 6},
            {"state": "BB", "role": "investigators", "unspecified": 2},
        ],
        "standards": [],
    }
    body.update(change)
    return body


def campaign_body(org, **change):
    body = {
        "title": "Safe online at school",
        "state": "LC", "audiences": ["schools"], "channel": "schools",
        "start": LAST_WEEK, "end": YESTERDAY, "reach": 1200,
        "organiser_id": org, "standards": [],
    }
    body.update(change)
    return body


def totals(server):
    """(trainings, campaigns, proposals, audit seq) as the coordinator and
    the analyst see them."""
    c = server.bearer("coordinator")
    a = server.bearer("analyst")
    t = server.get("/api/v1/trainings?limit=1", session=c).json()["total"]
    k = server.get("/api/v1/campaigns?limit=1", session=c).json()["total"]
    p = server.get("/api/v1/proposals?limit=1", session=a).json()["total"]
    return t, k, p, server.audit_seq()
