"""Trainings and awareness campaigns over real HTTP, on both backends.

What must hold: the real June 2024 training is seeded, marked as from
its public source; coordinators write any training or campaign, partners
only their own organisation's, other roles none; every id a write refers
to is checked and an unknown one is refused with 422 naming the field;
bad input (end before start, negative counts, unknown state,
organisation, standard, audience) stores nothing, not even an audit
event; lists filter by state, year, audience and status and page with a
total and a cursor; the calendar lists both kinds by date.
"""
import pytest

from conftest import assert_error
from training_helpers import (LAST_WEEK, TOMORROW, YESTERDAY, campaign_body,
                              impacs, org_id, totals, training_body, unmet)


def post(server, s, path, body):
    return server.request("POST", path, session=s, json=body)


def patch(server, s, path, body):
    return server.request("PATCH", path, session=s, json=body)


def test_the_june_2024_training_is_seeded(server):
    s = server.bearer("steering")
    r = server.get("/api/v1/trainings?year=2024", session=s)
    assert r.status_code == 200, r.text
    seeded = [t for t in r.json()["items"]
              if t["title"] == "Cyber Crisis Management Training"]
    assert len(seeded) == 1
    t = seeded[0]
    assert (t["start"], t["end"]) == ("2024-06-06", "2024-06-07")
    assert t["host_state"] == "BB" and t["place"] == "Barbados"
    assert t["organiser"]["acronym"] == "CARICOM IMPACS"
    assert t["partner"]["name"] == "Thales Group"
    assert t["states"] == sorted(["AG", "BB", "DM", "GY", "JM", "LC", "VC",
                                  "TT"])
    assert t["seeded_public"] is True
    assert "bolsters regional skills" in t["source"]
    assert t["status"] == "planned"
    assert "crisis_managers" in t["audiences"]
    assert len(t["topics"]) == 5


def test_create_read_change_training(server):
    c = server.login("coordinator")
    org = impacs(server, c)
    std = unmet(server, c, "JM")
    body = training_body(org, standards=[
        {"standard": std["lineage_id"], "level": std["met_level"]}])
    r = post(server, c, "/api/v1/trainings", body)
    assert r.status_code == 201, r.text
    t = r.json()
    assert t["status"] == "planned"
    assert t["states"] == ["BB", "JM"]
    assert t["participants_total"] == 12
    assert t["standards"][0]["lineage_id"] == std["lineage_id"]
    assert t["standards"][0]["code"] == std["code"]
    assert t["materials"][0]["url"] == "https://example.org/slides.pdf"
    assert t["organiser"]["id"] == org and t["partner"] is None
    g = server.get(f"/api/v1/trainings/{t['id']}", session=c)
    assert g.status_code == 200 and g.json() == t
    r = patch(server, c, f"/api/v1/trainings/{t['id']}",
              {"title": "Digital evidence, first responders (JM)",
               "online": True})
    assert r.status_code == 200, r.text
    u = r.json()
    assert u["title"] == "Digital evidence, first responders (JM)"
    assert u["online"] is True
    # fields not given are kept, arrays included
    assert u["participants"] == t["participants"]
    assert u["standards"] == t["standards"]
    actions = [e["action"] for e in server.audit_events()]
    assert "training.create" in actions and "training.update" in actions


BAD_TRAININGS = [
    ({"end": "2020-01-01", "start": "2020-02-01"}, 422, "invalid_period"),
    ({"start": "2024-02-30"}, 422, "invalid_date"),
    ({"participants": [{"state": "JM", "women": -1}]}, 422,
     "invalid_count"),
    ({"participants": [{"state": "XX"}]}, 422, "unknown_state"),
    ({"participants": [{"state": "JM", "role": "astronauts"}]}, 422,
     "unknown_role"),
    ({"participants": [{"state": "JM"}, {"state": "JM"}]}, 422,
     "duplicate_participant"),
    ({"host_state": "ZZ"}, 422, "unknown_state"),
    ({"organiser_id": 999999}, 422, "unknown_organisation"),
    ({"partner_id": 999999}, 422, "unknown_organisation"),
    ({"standards": [999999]}, 422, "unknown_standard"),
    ({"standards": [{"standard": 1, "level": 99}]}, 422, "invalid_level"),
    ({"standards": [1, 1]}, 422, "duplicate_standard"),
    ({"standards": ["AWR-MINISTERS"]}, 422, "invalid_standard"),
    ({"audiences": ["astronauts"]}, 422, "unknown_audience"),
    ({"audiences": []}, 422, "unknown_audience"),
    ({"initiative_id": 999999}, 422, "unknown_initiative"),
    ({"materials": [{"title": "x", "url": "javascript:alert(1)"}]}, 422,
     "invalid_url"),
    ({"status": "postponed"}, 422, "invalid_status"),
    ({"status": "completed", "end": TOMORROW}, 422, "not_ended"),
    ({"bogus": 1}, 400, "unknown_field"),
    ({"organiser_id": "1"}, 400, "wrong_type"),
]


@pytest.mark.parametrize("change,status,code", BAD_TRAININGS)
def test_bad_trainings_store_nothing(server, change, status, code):
    c = server.bearer("coordinator")
    body = training_body(impacs(server, c), **change)
    before = totals(server)
    assert_error(post(server, c, "/api/v1/trainings", body), status, code)
    assert totals(server) == before


def test_bad_patch_changes_nothing(server):
    c = server.bearer("coordinator")
    r = post(server, c, "/api/v1/trainings", training_body(
        impacs(server, c)))
    assert r.status_code == 201, r.text
    t = r.json()
    before = totals(server)
    for change, code in [({"end": "2000-01-01"}, "invalid_period"),
                         ({"organiser_id": 999999}, "unknown_organisation"),
                         ({"participants": [{"state": "JM", "men": -3}]},
                          "invalid_count")]:
        assert_error(patch(server, c, f"/api/v1/trainings/{t['id']}",
                           change), 422, code)
    assert server.get(f"/api/v1/trainings/{t['id']}",
                      session=c).json() == t
    assert totals(server) == before
    assert_error(patch(server, c, "/api/v1/trainings/999999",
                       {"title": "x"}), 404, "not_found")
    assert_error(server.get("/api/v1/trainings/999999", session=c), 404,
                 "not_found")


def test_who_may_write_trainings(server):
    c = server.bearer("coordinator")
    org = impacs(server, c)
    thales = org_id(server, c, "Thales Group")
    body = training_body(org)
    for login in ("analyst", "ncpoc.jm", "cert.bb", "steering", "partner"):
        assert_error(post(server, server.bearer(login), "/api/v1/trainings",
                          body), 403, "forbidden")
    assert_error(server.request("POST", "/api/v1/trainings", json=body),
                 401, "authentication_required")
    # a partner writes its own organisation's trainings only
    server.add_user("trainer.thales", "partner", org=thales)
    p = server.bearer("trainer.thales")
    assert_error(post(server, p, "/api/v1/trainings", body), 403,
                 "forbidden")
    r = post(server, p, "/api/v1/trainings", dict(body, partner_id=thales))
    assert r.status_code == 201, r.text
    mine = r.json()["id"]
    r = patch(server, p, f"/api/v1/trainings/{mine}", {"title": "Ours"})
    assert r.status_code == 200, r.text
    # ...and cannot give it away
    assert_error(patch(server, p, f"/api/v1/trainings/{mine}",
                       {"partner_id": None}), 403, "forbidden")
    other = post(server, c, "/api/v1/trainings", body).json()["id"]
    assert_error(patch(server, p, f"/api/v1/trainings/{other}",
                       {"title": "Theirs"}), 403, "forbidden")
    # every member reads
    for login in ("ncpoc.jm", "steering", "partner"):
        assert server.get(f"/api/v1/trainings/{other}",
                          session=server.bearer(login)).status_code == 200


def test_training_filters_and_paging(server):
    c = server.bearer("coordinator")
    org = impacs(server, c)
    made = []
    for start, end, state, aud in [
            ("2021-03-01", "2021-03-02", "KN", "judges"),
            ("2022-05-01", "2022-05-03", "KN", "prosecutors"),
            ("2022-11-30", "2023-01-02", "BZ", "judges")]:
        r = post(server, c, "/api/v1/trainings", training_body(
            org, start=start, end=end, audiences=[aud],
            participants=[{"state": state}]))
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])

    def ids(q):
        r = server.get(f"/api/v1/trainings?{q}", session=c)
        assert r.status_code == 200, r.text
        return [t["id"] for t in r.json()["items"]], r.json()["total"]

    assert ids("state=KN") == ([made[0], made[1]], 2)
    assert ids("year=2022") == ([made[1], made[2]], 2)
    assert ids("year=2023&state=BZ") == ([made[2]], 1)
    assert ids("audience=judges&state=BZ") == ([made[2]], 1)
    assert ids("status=cancelled")[1] == 0
    # pages of one, ordered by date, cover the list once
    seen, cursor = [], None
    total = ids("")[1]
    while True:
        q = "limit=1" + (f"&cursor={cursor}" if cursor else "")
        page = server.get(f"/api/v1/trainings?{q}", session=c).json()
        assert page["total"] == total and page["count"] <= 1
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == total
    starts = [(t["start"], t["id"]) for t in seen]
    assert starts == sorted(starts)
    for q, st, code in [("year=abc", 400, "invalid_year"),
                        ("limit=0", 400, "invalid_limit"),
                        ("audience=schools", 422, "unknown_audience"),
                        ("state=J1", 422, "invalid_state_code"),
                        ("status=done", 422, "invalid_status"),
                        ("cursor=yesterday", 400, "invalid_cursor")]:
        assert_error(server.get(f"/api/v1/trainings?{q}", session=c), st,
                     code)


def test_campaigns(server):
    c = server.login("coordinator")
    org = impacs(server, c)
    std = unmet(server, c, "LC")
    r = post(server, c, "/api/v1/campaigns", campaign_body(
        org, standards=[std["lineage_id"]]))
    assert r.status_code == 201, r.text
    k = r.json()
    assert k["state"] == "LC" and k["reach"] == 1200
    assert k["status"] == "planned"
    assert k["standards"][0]["level"] is None
    assert server.get(f"/api/v1/campaigns/{k['id']}",
                      session=c).json() == k
    r = patch(server, c, f"/api/v1/campaigns/{k['id']}", {"reach": 1500})
    assert r.status_code == 200 and r.json()["reach"] == 1500
    r = server.get("/api/v1/campaigns?state=LC&audience=schools", session=c)
    # the demo data has a schools campaign in LC of its own
    assert k["id"] in [x["id"] for x in r.json()["items"]]
    assert all(x["state"] == "LC" and "schools" in x["audiences"]
               for x in r.json()["items"])
    r = server.get("/api/v1/campaigns?state=LC&audience=ministers", session=c)
    assert k["id"] not in [x["id"] for x in r.json()["items"]]
    assert server.get("/api/v1/campaigns?state=JM",
                      session=c).json()["total"] == 0
    for login in ("analyst", "ncpoc.jm", "steering", "partner"):
        assert_error(post(server, server.bearer(login), "/api/v1/campaigns",
                          campaign_body(org)), 403, "forbidden")
    assert_error(patch(server, c, "/api/v1/campaigns/999999",
                       {"reach": 1}), 404, "not_found")


@pytest.mark.parametrize("change,status,code", [
    ({"end": "2020-01-01", "start": "2020-02-01"}, 422, "invalid_period"),
    ({"reach": -5}, 422, "invalid_count"),
    ({"state": "XX"}, 422, "unknown_state"),
    ({"audiences": ["judges"]}, 422, "unknown_audience"),
    ({"channel": "carrier_pigeon"}, 422, "unknown_channel"),
    ({"organiser_id": 999999}, 422, "unknown_organisation"),
    ({"standards": [999999]}, 422, "unknown_standard"),
    ({"initiative_id": 999999}, 422, "unknown_initiative"),
    ({"status": "completed", "end": TOMORROW}, 422, "not_ended"),
    ({"state": None}, 400, "wrong_type"),
])
def test_bad_campaigns_store_nothing(server, change, status, code):
    c = server.bearer("coordinator")
    body = campaign_body(impacs(server, c), **change)
    before = totals(server)
    assert_error(post(server, c, "/api/v1/campaigns", body), status, code)
    assert totals(server) == before


def test_calendar(server):
    c = server.bearer("ncpoc.jm")
    co = server.bearer("coordinator")
    org = impacs(server, co)
    assert post(server, co, "/api/v1/campaigns", campaign_body(
        org, start="2024-05-01", end="2024-05-31",
        state="JM")).status_code == 201
    r = server.get("/api/v1/capacity/calendar?year=2024&state=JM",
                   session=c)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [(i["kind"], i["start"]) for i in items] == [
        ("campaign", "2024-05-01"), ("training", "2024-06-06")]
    assert server.get("/api/v1/capacity/calendar?year=2024&state=KN",
                      session=c).json()["count"] == 0
    assert_error(server.get("/api/v1/capacity/calendar?year=24",
                            session=c), 400, "invalid_year")
    assert YESTERDAY and LAST_WEEK


def test_trainings_follow_the_list_contract(server):
    from list_contract import check_list, check_q, get_page
    c = server.bearer("coordinator")
    org = impacs(server, c)
    for i in range(6):
        r = post(server, c, "/api/v1/trainings", training_body(
            org, title=f"Contract drill {i}", start=f"201{i}-04-01",
            end=f"201{i}-04-03", place=f"Basseterre hall {i}"))
        assert r.status_code == 201, r.text
    check_list(server, c, "/api/v1/trainings",
               ["start", "end", "title", "status", "updated_at"],
               int_sorts=("updated_at",))
    assert check_q(server, c, "/api/v1/trainings", "contract drill",
                   "title") == 6
    assert check_q(server, c, "/api/v1/trainings", "basseterre hall",
                   "place") == 6
    # from/to on the start date, with the list's own filters
    page = get_page(server, c, "/api/v1/trainings?q=contract+drill"
                    "&from=2012-01-01&to=2013-04-01&state=JM", limit=200)
    assert sorted(t["start"] for t in page["items"]) == \
        ["2012-04-01", "2013-04-01"] and page["total"] == 2
    # the CSV names the organiser and joins the arrays
    r = server.get("/api/v1/trainings?format=csv&q=contract+drill+0",
                   session=c)
    assert r.status_code == 200, r.text
    head, row = r.text.splitlines()[:2]
    assert "organiser" in head.split(",")
    assert "CARICOM Implementation Agency for Crime and Security" in row
    assert "Seizure of devices; Chain of custody" in row
    assert len(r.text.splitlines()) == 2


def test_campaigns_follow_the_list_contract(server):
    from list_contract import check_list, check_q, get_page
    c = server.bearer("coordinator")
    org = impacs(server, c)
    for i, st in enumerate(["LC", "GD", "LC", "KN", "LC"]):
        r = post(server, c, "/api/v1/campaigns", campaign_body(
            org, title=f"Contract poster week {i}", state=st,
            start=f"201{i}-06-01", end=f"201{i}-06-30"))
        assert r.status_code == 201, r.text
    check_list(server, c, "/api/v1/campaigns",
               ["start", "end", "title", "status", "state", "updated_at"],
               int_sorts=("updated_at",))
    assert check_q(server, c, "/api/v1/campaigns", "poster week",
                   "title") == 5
    page = get_page(server, c, "/api/v1/campaigns?q=poster+week&state=LC",
                    limit=2, sort="start", order="desc")
    assert page["total"] == 3
    assert [x["start"] for x in page["items"]] == \
        ["2014-06-01", "2012-06-01"]
    nxt = get_page(server, c, "/api/v1/campaigns?q=poster+week&state=LC",
                   limit=2, sort="start", order="desc",
                   cursor=page["next_cursor"])
    assert [x["start"] for x in nxt["items"]] == ["2010-06-01"]
    assert nxt["next_cursor"] is None
