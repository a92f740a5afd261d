"""The list contract on the sharing lists (issue 11 items 2 and 3): keyset
pages with a total, sorting, text and date filters, CSV of the whole list,
and bad paging input refused; the TLP policy decides every row, the total
and the order, and each indicator shows only the markings its reader may
see. (Every pair of reader and TLP level is test_tlp_matrix.py.)"""

import csv
import datetime
import io
import uuid

from conftest import assert_error
from sharing_helpers import add_user


def report(server, who, values, tlp="green", **kw):
    body = {"tlp": tlp, "indicators": values}
    body.update(kw)
    r = server.request("POST", "/api/v1/indicators",
                       session=server.bearer(who), json=body)
    assert r.status_code == 201, r.text
    return {i["value"]: i["id"] for i in r.json()["items"]}


def walk(server, who, query):
    """Every page of /api/v1/indicators?query, forward; the replies."""
    pages, cursor = [], None
    while True:
        q = query + (f"&cursor={cursor}" if cursor else "")
        r = server.get("/api/v1/indicators?" + q, session=server.bearer(who))
        assert r.status_code == 200, r.text
        pages.append(r.json())
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return pages


def test_pages_sort_filter_and_csv(server):
    tag = uuid.uuid4().hex[:8]
    vals = [{"type": "domain", "value": f"h{i:03d}-{tag}.example",
             "seen_at": "2026-03-%02dT10:00:00Z" % (1 + i % 28)}
            for i in range(230)]
    report(server, "ncpoc.jm", vals)
    pages = walk(server, "ncpoc.jm", f"q={tag}&limit=50")
    assert [len(p["items"]) for p in pages] == [50, 50, 50, 50, 30]
    assert {p["total"] for p in pages} == {230}
    seen = [i["id"] for p in pages for i in p["items"]]
    assert len(set(seen)) == 230
    # newest first by default, ties by id
    keys = [(i["last_seen"], i["id"]) for p in pages for i in p["items"]]
    assert keys == sorted(keys, reverse=True)
    assert pages[0]["prev_cursor"] is None
    # back from page 3 is page 2 again
    r = server.get(f"/api/v1/indicators?q={tag}&limit=50&cursor="
                   + pages[2]["prev_cursor"],
                   session=server.bearer("ncpoc.jm"))
    assert r.status_code == 200, r.text
    assert [i["id"] for i in r.json()["items"]] == \
        [i["id"] for i in pages[1]["items"]]

    # sorted by value, both ways
    up = walk(server, "ncpoc.jm", f"q={tag}&limit=200&sort=value")
    names = [i["value"] for p in up for i in p["items"]]
    assert names == sorted(names) and len(names) == 230
    r = server.get(f"/api/v1/indicators?q={tag}&sort=value&order=desc&"
                   "limit=3", session=server.bearer("ncpoc.jm"))
    assert [i["value"] for i in r.json()["items"]] == \
        sorted(names, reverse=True)[:3]

    # a part of a value (q) and the dates (last seen, to inclusive)
    r = server.get(f"/api/v1/indicators?q=h01+{tag}&limit=200",
                   session=server.bearer("ncpoc.jm"))
    assert r.json()["total"] == 10
    r = server.get(f"/api/v1/indicators?q={tag}&from=2026-03-02&"
                   "to=2026-03-03&limit=200",
                   session=server.bearer("ncpoc.jm"))
    got = r.json()
    want = sum(1 for i in range(230) if 1 + i % 28 in (2, 3))
    assert got["total"] == want and len(got["items"]) == want
    assert all(i["last_seen"] >= 1772409600 for i in got["items"])

    # the whole list as CSV, beyond one page's 200 rows
    r = server.get(f"/api/v1/indicators?q={tag}&sort=value&format=csv",
                   session=server.bearer("ncpoc.jm"))
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["value"] for x in rows] == names
    assert rows[0]["markings"] == "green"
    assert rows[0]["reported_by"] == "JM"


def test_bad_paging_input(server):
    s = server.bearer("ncpoc.jm")
    g = lambda q: server.get("/api/v1/indicators?" + q, session=s)  # noqa
    for q in ("limit=0", "limit=201", "limit=ten"):
        assert_error(g(q), 400, "invalid_limit")
    msg = assert_error(g("sort=colour"), 400, "invalid_sort")
    assert "last_seen" in msg and "value" in msg
    assert_error(g("order=sideways"), 400, "invalid_order")
    assert_error(g("from=2026-02-30"), 400, "invalid_date")
    assert_error(g("from=2026-03-05&to=2026-03-01"), 400, "invalid_date")
    assert_error(g("format=xml"), 400, "invalid_format")
    assert_error(g("cursor=AAAA"), 400, "invalid_cursor")
    tag = uuid.uuid4().hex[:8]
    report(server, "ncpoc.jm", [{"type": "domain", "value": f"a{i}.{tag}.com"}
                                for i in range(5)])
    cur = g(f"q={tag}&limit=2").json()["next_cursor"]
    assert g(f"q={tag}&limit=2&cursor={cur}").status_code == 200
    # changed, or used for another filter, sort, order or reader
    bad = cur[:5] + ("A" if cur[5] != "A" else "B") + cur[6:]
    assert_error(g(f"q={tag}&limit=2&cursor={bad}"), 400, "invalid_cursor")
    assert_error(g(f"q=x{tag}&limit=2&cursor={cur}"), 400, "invalid_cursor")
    assert_error(g(f"q={tag}&sort=value&cursor={cur}"), 400,
                 "invalid_cursor")
    assert_error(g(f"q={tag}&order=asc&cursor={cur}"), 400,
                 "invalid_cursor")
    r = server.get(f"/api/v1/indicators?q={tag}&limit=2&cursor={cur}",
                   session=server.bearer("cert.bb"))
    assert_error(r, 400, "invalid_cursor")
    # the page size may change on the way
    assert g(f"q={tag}&limit=3&cursor={cur}").status_code == 200


def test_policy_decides_rows_total_order_and_markings(server):
    """A TLP:RED sighting adds nothing for a reader who may not read it:
    no row, no count, no later last-seen, no marking; its recipient sees
    all of it, with the RED marking on the value."""
    add_user(server, "lists.rec", "steering")
    tag = uuid.uuid4().hex[:8]
    a, b, hidden = (f"a.{tag}.example", f"b.{tag}.example",
                    f"r.{tag}.example")
    report(server, "ncpoc.jm", [
        {"type": "domain", "value": a, "seen_at": "2026-01-10T00:00:00Z"},
        {"type": "domain", "value": b, "seen_at": "2026-01-20T00:00:00Z"}])
    report(server, "ncpoc.jm", [
        {"type": "domain", "value": a, "seen_at": "2026-02-01T00:00:00Z"},
        {"type": "domain", "value": hidden}],
        tlp="red", recipients=["lists.rec"])

    def view(who, extra=""):
        r = server.get(f"/api/v1/indicators?q={tag}{extra}",
                       session=server.bearer(who))
        assert r.status_code == 200, r.text
        return r.json()

    other = view("cert.bb")
    assert other["total"] == 2
    assert [i["value"] for i in other["items"]] == [b, a]
    row_a = other["items"][1]
    assert row_a["markings"] == ["green"]
    assert row_a["sightings"] == 1
    assert row_a["last_seen"] == 1768003200  # 2026-01-10, not February
    assert "red" not in str(other)
    # the dates filter sees only readable sightings too
    assert view("cert.bb", "&from=2026-01-25")["total"] == 0

    rec = view("lists.rec")
    assert rec["total"] == 3
    by = {i["value"]: i for i in rec["items"]}
    assert by[a]["markings"] == ["red", "green"]
    assert by[hidden]["markings"] == ["red"]
    assert by[a]["sightings"] == 2
    assert [i["value"] for i in rec["items"]][1:] == [a, b]
    # the CSV says the same
    r = server.get(f"/api/v1/indicators?q={tag}&format=csv",
                   session=server.bearer("cert.bb"))
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["value"] for x in rows] == [b, a]
    assert hidden not in r.text and "red" not in r.text


def test_incidents_list(server):
    """Incidents page, sort (severity by rank) and download like every
    list; a RED record its reader may not read is in no total."""
    add_user(server, "inc.rec", "steering")
    tag = uuid.uuid4().hex[:8]
    jm = server.bearer("ncpoc.jm")
    sev = ["low", "critical", "medium", "high", "low", "high", "medium"]
    for i, s in enumerate(sev):
        r = server.request("POST", "/api/v1/incidents", session=jm, json={
            "title": f"Case {i} {tag}", "description": "d",
            "rsit": "fraud:phishing", "severity": s, "tlp": "green"})
        assert r.status_code == 201, r.text
    r = server.request("POST", "/api/v1/incidents", session=jm, json={
        "title": f"Secret {tag}", "description": "d", "rsit":
        "fraud:phishing", "severity": "critical", "tlp": "red",
        "recipients": ["inc.rec"]})
    assert r.status_code == 201, r.text

    def g(who, q):
        r = server.get(f"/api/v1/incidents?q={tag}&{q}",
                       session=server.bearer(who))
        assert r.status_code == 200, r.text
        return r.json()

    p1 = g("cert.bb", "limit=3&sort=severity")
    assert p1["total"] == 7
    p2 = g("cert.bb", f"limit=3&sort=severity&cursor={p1['next_cursor']}")
    p3 = g("cert.bb", f"limit=3&sort=severity&cursor={p2['next_cursor']}")
    got = [i["severity"] for p in (p1, p2, p3) for i in p["items"]]
    assert got == ["critical", "high", "high", "medium", "medium", "low",
                   "low"]
    assert p3["next_cursor"] is None
    assert g("inc.rec", "limit=3")["total"] == 8
    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert g("cert.bb", f"from={today}&to={today}")["total"] == 7
    assert g("cert.bb", "from=2020-01-01&to=2020-12-31")["total"] == 0
    titles = [i["title"] for i in g("cert.bb", "sort=title&limit=200")[
        "items"]]
    assert titles == sorted(titles) and f"Secret {tag}" not in titles
    r = server.get(f"/api/v1/incidents?q={tag}&format=csv&sort=severity",
                   session=server.bearer("cert.bb"))
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["severity"] for x in rows] == got
    assert all(x["tlp"] == "green" for x in rows)
    assert_error(server.get("/api/v1/incidents?sort=secret",
                            session=server.bearer("cert.bb")), 400,
                 "invalid_sort")


def test_search_finds_parts_of_values_through_the_policy(server):
    add_user(server, "srch.rec", "steering")
    tag = uuid.uuid4().hex[:8]
    sha = ("ab12cd" + tag + "0" * 64)[:64]
    report(server, "ncpoc.jm", [
        {"type": "domain", "value": f"evil.{tag}-bank.example"},
        {"type": "url", "value": f"https://login.{tag}-bank.example/x"},
        {"type": "sha256", "value": sha}])
    report(server, "ncpoc.jm", [
        {"type": "domain", "value": f"secret.{tag}-bank.example"}],
        tlp="red", recipients=["srch.rec"])

    def find(who, q, extra=""):
        r = server.get(f"/api/v1/search?q={q}{extra}",
                       session=server.bearer(who))
        assert r.status_code == 200, r.text
        return r.json()

    # the registered domain finds its hosts and URLs
    got = find("cert.bb", f"{tag}-bank.example")
    titles = {i["title"] for i in got["items"]}
    assert titles == {f"evil.{tag}-bank.example",
                      f"https://login.{tag}-bank.example/x"}
    assert got["total"] == 2
    assert all(i["markings"] == ["green"] for i in got["items"])
    # the recipient also finds the RED value, marked as such
    got = find("srch.rec", f"{tag}-bank")
    assert got["total"] == 3
    red = [i for i in got["items"] if i["title"].startswith("secret.")]
    assert red[0]["markings"] == ["red"]
    # part of a host; a hash by a prefix of 6, not by 5 hex digits
    assert find("cert.bb", f"login.{tag}")["total"] == 1
    assert [i["title"] for i in find("cert.bb", sha[:12])["items"]] == [sha]
    assert all(i["title"] != sha for i in find("cert.bb", "ab12c")["items"])
    # paged like every list
    p1 = find("srch.rec", f"{tag}-bank", "&kind=indicator&limit=2")
    assert len(p1["items"]) == 2 and p1["total"] == 3
    p2 = find("srch.rec", f"{tag}-bank",
              f"&kind=indicator&limit=2&cursor={p1['next_cursor']}")
    assert len(p2["items"]) == 1 and p2["next_cursor"] is None
    assert {i["id"] for i in p1["items"]}.isdisjoint(
        i["id"] for i in p2["items"])
    assert_error(server.get(f"/api/v1/search?q={tag}&limit=0",
                            session=server.bearer("cert.bb")), 400,
                 "invalid_limit")


def test_advisories_lessons_rfis_page_under_the_policy(server):
    """The other shared lists page the same way: the total counts what the
    reader may read, never a RED record of others; CSV holds the list."""
    add_user(server, "oth.rec", "steering")
    jm = add_user(server, "oth.cert", "cert", "JM")
    tag = uuid.uuid4().hex[:8]
    for i in range(5):
        for tlp in ("green", "red"):
            extra = {"recipients": ["oth.rec"]} if tlp == "red" else {}
            r = server.request("POST", "/api/v1/lessons", session=jm,
                               json=dict(extra, tlp=tlp, title=f"L{i} {tag}",
                                         what_happened="x", what_worked="y",
                                         what_to_change="z"))
            assert r.status_code == 201, r.text
            r = server.request("POST", "/api/v1/rfis", session=jm,
                               json=dict(extra, tlp=tlp,
                                         question=f"Q{i} {tag}?"))
            assert r.status_code == 201, r.text
            r = server.request("POST", "/api/v1/advisories", session=jm,
                               json=dict(extra, tlp=tlp, title=f"A{i} {tag}",
                                         summary="s", severity="low",
                                         to_states=["BB"]))
            assert r.status_code == 201, r.text
    for path in ("lessons", "rfis", "advisories"):
        def g(who, q=""):
            r = server.get(f"/api/v1/{path}?q={tag}&limit=2{q}",
                           session=server.bearer(who))
            assert r.status_code == 200, (path, r.text)
            return r.json()
        bb = g("cert.bb")
        assert bb["total"] == 5, path
        seen = [i["id"] for i in bb["items"]]
        while bb["next_cursor"]:
            bb = g("cert.bb", f"&cursor={bb['next_cursor']}")
            seen += [i["id"] for i in bb["items"]]
        assert len(set(seen)) == 5, path
        assert g("oth.rec")["total"] == 10, path
        r = server.get(f"/api/v1/{path}?q={tag}&format=csv",
                       session=server.bearer("cert.bb"))
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == 5 and {x["tlp"] for x in rows} == {"green"}, path
        assert_error(server.get(f"/api/v1/{path}?limit=500",
                                session=server.bearer("cert.bb")), 400,
                     "invalid_limit")
