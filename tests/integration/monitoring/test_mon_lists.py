"""The monitoring lists under the list contract (issue 11 item 2), on
both backends: meetings and monitoring reports.

What must hold: each list pages with a total and signed cursors, sorts
by its columns both ways, filters by words and by date, and downloads
the same rows as CSV (tests/integration/list_contract.py); and what a
reader may not read stays hidden in all of them: the words of restricted
minutes find nothing, and the minutes are withheld on every page.
"""
import csv
import io

from conftest import assert_error
from list_contract import check_list, check_q, get_page, walk
from meetings_helpers import MEETINGS, call, meeting_body


def csv_table(server, s, url):
    r = server.get(url + ("&" if "?" in url else "?") + "format=csv",
                   session=s)
    assert r.status_code == 200, r.text[:300]
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))


def test_meetings_list(server):
    made = []
    for n in range(6):
        body = meeting_body(server, title=f"Session{n} of the committee",
                            date=f"2019-0{n + 1}-15",
                            kind="csm" if n % 2 else "rcc",
                            place="Castries" if n == 4 else "Bridgetown")
        if n == 5:
            body["minutes"] = "Zanzibarite suspects were named."
            body["minutes_sharing"] = {"tlp": "red",
                                       "recipients": ["steering"]}
        r = call(server, "coordinator", "POST", MEETINGS, body)
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    s = server.bearer("partner")
    url = f"{MEETINGS}?from=2019-01-01&to=2019-12-31"
    total = check_list(server, s, MEETINGS, ["date", "title", "kind",
                       "updated_at"], int_sorts=("updated_at",))
    assert total >= 6
    page = get_page(server, s, url, kind="csm")
    assert sorted(r["id"] for r in page["items"]) == made[1::2]
    rows, _ = walk(server, s, url, 2, sort="date", order="asc")
    assert [r["id"] for r in rows] == made
    assert get_page(server, s, url)["total"] == 6
    assert check_q(server, s, MEETINGS, "Castries", "place") == 1
    assert check_q(server, s, MEETINGS, "Session3", "title") == 1
    # restricted minutes: their words find nothing, for anyone, and they
    # are withheld from the partner on the page and in the CSV
    for who in ("partner", "steering"):
        page = get_page(server, server.bearer(who), MEETINGS,
                        q="Zanzibarite")
        assert page["total"] == 0
    rows, _ = walk(server, s, url, 4)
    last = [r for r in rows if r["id"] == made[5]][0]
    assert last["minutes"] is None and last["minutes_restricted"] is True
    assert last["attendees"]
    table = {int(t["id"]): t for t in csv_table(server, s, url)}
    assert table[made[5]]["minutes_restricted"] == "yes"
    assert table[made[4]]["minutes_restricted"] == "no"
    st = server.bearer("steering")
    rows, _ = walk(server, st, url, 4)
    assert [r["minutes"] for r in rows if r["id"] == made[5]] == [
        "Zanzibarite suspects were named."]
    assert_error(call(server, "partner", "GET", f"{MEETINGS}?kind=x"), 422,
                 "unknown_kind")
    assert_error(call(server, "partner", "GET", f"{MEETINGS}?to=2019-13-01"),
                 400, "invalid_date")
    assert server.get(MEETINGS).status_code == 401


def test_reports_list(server):
    coord = server.bearer("coordinator")
    period = {"from": "2025-01-01", "to": "2026-11-30"}
    made = []
    for audience, state in (("donors", None), ("donors", None),
                            ("consle", None), ("steering", None),
                            ("heads_intel", None), ("rcc", "JM"),
                            ("rcc", "BB")):
        b = dict(period, audience=audience)
        if state:
            b["state"] = state
        r = server.request("POST", "/api/v1/reports", session=coord, json=b)
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    url = "/api/v1/reports"
    total = check_list(server, coord, url, ["created_at", "title",
                       "audience", "period_from", "tlp"],
                       int_sorts=("created_at",))
    assert total >= 7
    assert check_q(server, coord, url, "Donors", "title") >= 2
    page = get_page(server, coord, url, audience="rcc", limit=200)
    assert {r["id"] for r in page["items"]} >= set(made[5:])
    assert all(r["audience"] == "rcc" for r in page["items"])
    assert page["items"][0]["files"]
    # each reader lists exactly the reports a single read answers, in
    # the total, the pages and the CSV alike
    for who in ("steering", "ncpoc.jm", "partner"):
        s = server.bearer(who)
        rows, pages = walk(server, s, url, 2)
        listed = [r["id"] for r in rows]
        assert {p["total"] for p in pages} == {len(listed)}
        table = csv_table(server, s, url)
        assert [int(t["id"]) for t in table] == listed
        readable = {i for i in made if server.get(
            f"{url}/{i}", session=s).status_code == 200}
        assert set(listed) & set(made) == readable, who
        assert readable != set(made), who
    assert_error(server.get(f"{url}?audience=cabinet", session=coord), 422,
                 "unknown_audience")


def test_legal_instruments_list(server):
    from legal_helpers import instrument_body
    c = server.bearer("coordinator")
    path = "/api/v1/legal/instruments"
    made = []
    for n in range(6):
        r = server.request("POST", path, session=c, json=instrument_body(
            "KN", name=f"Zephyrine Misuse Bill part{n}",
            number=f"No. {n} of 2025",
            kind="act" if n % 2 else "bill"))
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    s = server.bearer("partner")
    total = check_list(server, s, path, ["state", "name", "kind", "status",
                       "updated_at"], int_sorts=("updated_at",))
    assert total >= 6
    rows, _ = walk(server, s, path, 4, state="KN", q="Zephyrine",
                   sort="name")
    assert [r["id"] for r in rows] == made
    assert rows[0]["mappings"] and rows[0]["dates"]["tabled"]
    assert check_q(server, s, path, "part3", "name") == 1
    page = get_page(server, s, path, q="Zephyrine", kind="act")
    assert sorted(r["id"] for r in page["items"]) == made[1::2]
    table = csv_table(server, s, f"{path}?q=Zephyrine&sort=name")
    assert [int(t["id"]) for t in table] == made
    assert_error(server.get(f"{path}?kind=treaty", session=s), 422,
                 "invalid_kind")


def test_legal_provisions_list(server):
    s = server.bearer("steering")
    path = "/api/v1/legal/provisions"
    total = check_list(server, s, path, ["ord", "ref", "treaty", "family",
                       "title"], int_sorts=("ord",), date=False)
    rows, _ = walk(server, s, path, 20)
    assert len(rows) == total and total > 50
    assert check_q(server, s, path, "budapest-35", "ref") == 1
    page = get_page(server, s, path, treaty="sap", limit=200)
    assert page["total"] == len([r for r in rows if r["treaty"] == "sap"])
    assert {r["treaty"] for r in page["items"]} == {"sap"}
    assert_error(server.get(f"{path}?from=2026-01-01", session=s), 400,
                 "invalid_date")
    assert_error(server.get(f"{path}?treaty=un", session=s), 422,
                 "invalid_treaty")


def test_plan_versions_list(server):
    path = "/api/v1/plan-versions"
    first = get_page(server, server.bearer("partner"), path, limit=1,
                     sort="created_at", order="asc")["items"][0]
    made = []
    for n in range(5):
        r = call(server, "coordinator", "POST", path, {
            "from": first["id"], "label": f"Wombat update {n}",
            "title": f"CCSCAP revision {n}"})
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    s = server.bearer("partner")
    total = check_list(server, s, path, ["created_at", "label", "title"],
                       int_sorts=("created_at",))
    assert total >= 6
    rows, _ = walk(server, s, path, 2, q="Wombat", sort="label")
    assert [r["id"] for r in rows] == made
    assert check_q(server, s, path, "revision", "title") == 5
    newest = get_page(server, s, path, limit=1, sort="created_at",
                      order="desc")["items"][0]
    assert newest["id"] == made[-1] and newest["items_total"] > 0
