"""Funders' stated areas of interest and the exchange rates, over HTTP.

What must hold: coordinators record an interest for any funder and a
partner for its own organisation only; an interest names a priority
area, a need or a state that exists, else the refusal names the field
and nothing is stored; each write is audited; the lists page with a
total and a cursor. Recorded exchange rates can be listed with their
date and source, the last recorded first.
"""
import pytest

from capacity_helpers import all_pages, org_id, partner_of
from conftest import assert_error
from sharing_helpers import get, post

ITU = "International Telecommunication Union"
CTU = "Caribbean Telecommunications Union"


def interests(org):
    return f"/api/v1/funders/{org}/interests"


def delete(server, who, path):
    return server.request("DELETE", path, session=server.bearer(who))


def test_record_list_and_remove(server):
    itu = org_id(server, ITU)
    seq = server.audit_seq()
    r = post(server, "coordinator", interests(itu),
             {"need": "T5.3", "state": "LC", "note": "Forensics pooling"})
    assert r.status_code == 201, r.text
    one = r.json()
    assert (one["org_id"], one["need"], one["state"], one["area"]) == (
        itu, "T5.3", "LC", None)
    assert one["org_name"] == ITU
    r = post(server, "coordinator", interests(itu), {"area": "PA2"})
    assert r.status_code == 201, r.text
    assert server.audit_seq() == seq + 2
    acts = [e["action"] for e in server.audit_events(5)]
    assert "funder_interest.create" in acts
    mine = get(server, "partner", interests(itu)).json()
    assert mine["total"] == 2
    assert [i["id"] for i in mine["items"]] == [one["id"],
                                                 r.json()["id"]]
    everyone = get(server, "steering", "/api/v1/funders/interests").json()
    assert one["id"] in [i["id"] for i in everyone["items"]]
    r = delete(server, "coordinator", f"{interests(itu)}/{one['id']}")
    assert r.status_code == 200, r.text
    assert get(server, "partner", interests(itu)).json()["total"] == 1
    assert server.audit_events(1)[0]["action"] == "funder_interest.delete"
    # gone, or of another organisation: not found either way
    assert_error(delete(server, "coordinator",
                        f"{interests(itu)}/{one['id']}"), 404, "not_found")
    ctu = org_id(server, CTU)
    other = post(server, "coordinator", interests(ctu),
                     {"state": "JM"}).json()
    assert_error(delete(server, "coordinator",
                        f"{interests(itu)}/{other['id']}"), 404,
                 "not_found")


def test_partner_writes_its_own_only(server):
    itu = org_id(server, ITU)
    ctu = org_id(server, CTU)
    who = partner_of(server, "itu.funder", ITU)
    r = post(server, who, interests(itu), {"need": "T1.3"})
    assert r.status_code == 201, r.text
    assert_error(post(server, who, interests(ctu), {"need": "T1.3"}), 403,
                 "not_your_organisation")
    theirs = post(server, "coordinator", interests(ctu),
                  {"need": "T1.3"}).json()
    for login in ("partner", "analyst", "ncpoc.jm", "steering"):
        server.bearer(login)     # signing in is audited too
    seq = server.audit_seq()
    assert_error(delete(server, who, f"{interests(ctu)}/{theirs['id']}"),
                 403, "not_your_organisation")
    # the demo partner has no organisation; other roles may not write
    for login in ("partner", "analyst", "ncpoc.jm", "steering"):
        r = post(server, login, interests(itu), {"need": "T1.3"})
        assert r.status_code == 403, (login, r.text)
    assert server.audit_seq() == seq
    assert get(server, "coordinator", interests(ctu)).json()["total"] == 1


@pytest.mark.parametrize("body,code,field", [
    ({}, "missing_field", "area"),
    ({"note": "anything"}, "missing_field", "area"),
    ({"area": "PA9"}, "unknown_area", "area"),
    ({"area": "health"}, "unknown_area", "area"),
    ({"need": "T9.9"}, "unknown_need", "need"),
    ({"state": "XX"}, "unknown_state", "state"),
    ({"area": "PA1", "need": "T1.1", "state": "ZZ"}, "unknown_state",
     "state"),
])
def test_bad_interest_stores_nothing(server, body, code, field):
    itu = org_id(server, ITU)
    seq = server.audit_seq()
    msg = assert_error(post(server, "coordinator", interests(itu), body),
                       422, code)
    assert msg.startswith(field), msg
    assert server.audit_seq() == seq
    assert get(server, "coordinator", interests(itu)).json()["total"] == 0


def test_unknown_funder_is_not_found(server):
    assert_error(post(server, "coordinator", interests(999999),
                      {"need": "T1.1"}), 404, "not_found")
    assert_error(get(server, "coordinator", interests(999999)), 404,
                 "not_found")


def test_interests_page_with_total(server):
    itu = org_id(server, ITU)
    for ref in ("T1.1", "T1.2", "T1.3", "T2.1", "T2.2"):
        assert post(server, "coordinator", interests(itu),
                    {"need": ref}).status_code == 201
    items, totals = all_pages(server, "partner", interests(itu), 2)
    assert [i["need"] for i in items] == ["T1.1", "T1.2", "T1.3", "T2.1",
                                          "T2.2"]
    assert totals == {5}


def test_rates_listed_with_date_and_source(server):
    made = []
    for day, rate in (("2025-01-02", "0.7400"), ("2025-02-03", "0.7350"),
                      ("2025-03-04", "0.7420")):
        r = post(server, "coordinator", "/api/v1/funding/rates",
                 {"from": "CAD", "to": "USD", "rate": rate,
                  "rate_date": day, "source": "Bank of Canada"})
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    items, totals = all_pages(server, "steering", "/api/v1/funding/rates",
                              2)
    assert [i["id"] for i in items][:3] == made[::-1]
    assert totals == {len(items)}
    last = items[0]
    assert (last["from"], last["to"], last["rate"], last["rate_date"],
            last["source"]) == ("CAD", "USD", "0.7420", "2025-03-04",
                                "Bank of Canada")
    assert last["created_by"] == "coordinator"
    assert_error(post(server, "partner", "/api/v1/funding/rates",
                      {"from": "CAD", "to": "USD", "rate": "1",
                       "rate_date": "2025-01-01", "source": "x"}), 403,
                 "forbidden")


def test_rates_follow_the_list_contract(server):
    from list_contract import check_list, check_q, get_page
    for i, (ccy, day) in enumerate((("EUR", "2019-05-01"),
                                    ("GBP", "2020-05-01"),
                                    ("JMD", "2021-05-01"),
                                    ("TTD", "2022-05-01"),
                                    ("BBD", "2023-05-01"),
                                    ("XCD", "2024-05-01"))):
        r = post(server, "coordinator", "/api/v1/funding/rates",
                 {"from": ccy, "to": "USD", "rate": f"0.{i + 1}",
                  "rate_date": day, "source": "Contract central bank"})
        assert r.status_code == 201, r.text
    s = server.bearer("steering")
    url = "/api/v1/funding/rates"
    check_list(server, s, url, ["created_at", "rate_date", "from_ccy",
                                "to_ccy"], int_sorts=("created_at",))
    assert check_q(server, s, url, "contract central", "source") == 6
    page = get_page(server, s, url + "?q=contract", sort="rate_date",
                    order="asc", **{"from": "2020-01-01",
                                    "to": "2022-05-01"})
    assert [x["from"] for x in page["items"]] == ["GBP", "JMD", "TTD"]


def test_interests_follow_the_list_contract(server):
    from list_contract import check_list, check_q, get_page
    itu, ctu = org_id(server, ITU), org_id(server, CTU)
    for org, need in ((itu, "T1.1"), (ctu, "T1.2"), (itu, "T2.1"),
                      (ctu, "T3.1"), (itu, "T4.1"), (ctu, "T5.1")):
        r = post(server, "coordinator", interests(org),
                 {"need": need, "note": "Contract interest"})
        assert r.status_code == 201, r.text
    s = server.bearer("partner")
    check_list(server, s, "/api/v1/funders/interests",
               ["created_at", "org_name"], int_sorts=("created_at",))
    check_q(server, s, "/api/v1/funders/interests", "contract interest",
            "note")
    # one funder, by the path or by ?org=, with the same rows
    mine = get_page(server, s, interests(itu) + "?q=contract", limit=2)
    assert mine["total"] == 3 and mine["next_cursor"]
    by_q = get_page(server, s, f"/api/v1/funders/interests?q=contract"
                    f"&org={itu}", limit=200)
    assert {i["id"] for i in by_q["items"]} >= {
        i["id"] for i in mine["items"]} and by_q["total"] == 3
    assert check_q(server, s, interests(ctu), "T5.1", "need") == 1
    assert_error(server.get("/api/v1/funders/999999/interests",
                            session=s), 404, "not_found")
