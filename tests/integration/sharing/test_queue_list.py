"""A state's queue of routed records under the list contract, with the
read policy in the query (issue 15): what the state's team may not read
changes neither the page, nor the total, nor the CSV, and is counted as
"restricted" only when it is not TLP:RED."""

import csv
import random
import io

from list_contract import check_list, check_q

SORTS = ["created_at", "seen_at", "value", "type", "state"]


def report(server, s, values, **kw):
    body = {"title": "Routed", "description": "to KN", "rsit":
            "fraud:phishing", "severity": "low", "tlp": "green",
            "indicators": [{"type": "url", "value": v} for v in values]}
    body.update(kw)
    r = server.request("POST", "/api/v1/incidents", session=s, json=body)
    assert r.status_code == 201, r.text


def kn_queue(server):
    kn = server.login(server.add_user("kn.cert", "cert", "KN"))
    coord = server.login("coordinator")
    r = server.request("POST", "/api/v1/constituencies", session=kn,
                       json={"kind": "cctld", "value": ".KN"})
    assert r.status_code == 201, r.text
    r = server.request("POST", "/api/v1/constituencies/%d/approve"
                       % r.json()["id"], session=coord)
    assert r.status_code == 200, r.text
    jm = server.login("ncpoc.jm")
    readable = ["http://pay-%d.gov.kn/login" % i for i in range(12)]
    report(server, jm, readable[:6])
    report(server, jm, readable[6:], tlp="amber", share_states=["KN"])
    # AMBER not shared with KN: known to exist; RED: not even that
    report(server, jm, ["http://hidden-%d.gov.kn/x" % i for i in range(3)],
           tlp="amber")
    report(server, jm, ["http://secret.gov.kn/y"], tlp="red",
           recipients=["coordinator"])
    return kn, readable


def test_queue_pages_sorts_and_hides_what_kn_may_not_read(server):
    kn, readable = kn_queue(server)
    check_list(server, kn, "/api/v1/queue", SORTS,
               int_sorts=("created_at", "seen_at"))
    page = server.get("/api/v1/queue?limit=5", session=kn).json()
    assert page["total"] == len(readable)
    assert page["restricted"] == 3
    assert len(page["items"]) == 5 and page["next_cursor"]
    seen = []
    url = "/api/v1/queue?limit=5"
    while url:
        p = server.get(url, session=kn).json()
        seen += [i["value"] for i in p["items"]]
        url = ("/api/v1/queue?limit=5&cursor=" + p["next_cursor"]
               if p["next_cursor"] else None)
    assert sorted(seen) == sorted(readable)
    assert check_q(server, kn, "/api/v1/queue", "pay-1", "value") == 3
    r = server.get("/api/v1/queue?format=csv", session=kn)
    assert r.status_code == 200, r.text
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(x["value"] for x in rows) == sorted(readable)
    assert "hidden" not in r.text and "secret" not in r.text
    # the RIFC analyst reads the AMBER ones; the RED one is not theirs
    rifc = server.login("analyst")
    whole = server.get("/api/v1/queue?state=KN&limit=200",
                       session=rifc).json()
    assert whole["total"] == len(readable) + 3
    assert whole["restricted"] == 0


def test_handled_items_leave_the_total(server):
    kn, readable = kn_queue(server)
    first = server.get("/api/v1/queue", session=kn).json()
    item = first["items"][0]["id"]
    r = server.request("POST", f"/api/v1/queue/{item}/done", session=kn)
    assert r.status_code == 200, r.text
    assert server.get("/api/v1/queue", session=kn).json()["total"] == \
        len(readable) - 1
    assert server.get("/api/v1/queue?all=1", session=kn).json()["total"] \
        == len(readable)


def walk_queue(server, s, query):
    """Every item the pages show (each confirmed by the C policy)."""
    seen = []
    url = "/api/v1/queue?limit=7" + query
    while url:
        r = server.get(url, session=s)
        assert r.status_code == 200, r.text
        p = r.json()
        seen += [i["id"] for i in p["items"]]
        url = ("/api/v1/queue?limit=7%s&cursor=%s" % (query,
               p["next_cursor"]) if p["next_cursor"] else None)
    return seen


def test_random_queue_totals_agree_with_the_rows(server):
    """Random reports routed to KN under every kind of marking (RED to a
    KN reader, to someone else) and random items handled, in rounds: for
    every reader, the unfiltered total and "restricted" (sums of the
    counts kept per reader set) equal the same queue counted row by row
    (a date filter that keeps everything), and the total is the number
    of items the pages show."""
    rng = random.Random(15)
    kn = server.login(server.add_user("kn.cert", "cert", "KN"))
    server.add_user("kn.cert2", "cert", "KN")
    coord = server.login("coordinator")
    r = server.request("POST", "/api/v1/constituencies", session=kn,
                       json={"kind": "cctld", "value": ".KN"})
    assert r.status_code == 201, r.text
    r = server.request("POST", "/api/v1/constituencies/%d/approve"
                       % r.json()["id"], session=coord)
    assert r.status_code == 200, r.text
    markings = [{"tlp": "clear"}, {"tlp": "green"}, {"tlp": "amber"},
                {"tlp": "amber", "share_states": ["KN"]},
                {"tlp": "amber+strict"},
                {"tlp": "red", "recipients": ["kn.cert"]},
                {"tlp": "red", "recipients": ["kn.cert2", "coordinator"]},
                {"tlp": "red", "recipients": ["coordinator"]}]
    who = [server.login("ncpoc.jm"), kn, server.login("cert.bb")]
    readers = {name: server.login(name) for name in
               ("kn.cert", "kn.cert2", "analyst", "coordinator")}
    n = 0
    for rnd in range(4):
        for _ in range(5):
            n += 1
            m = dict(rng.choice(markings))
            report(server, rng.choice(who),
                   ["http://r%d-%d.gov.kn/x" % (n, i)
                    for i in range(rng.randrange(1, 4))], **m)
        items = walk_queue(server, kn, "")
        for item in rng.sample(items, min(len(items), 2)):
            r = server.request("POST", f"/api/v1/queue/{item}/done",
                               session=kn)
            assert r.status_code == 200, r.text
        for name, s in readers.items():
            for query in ("&state=KN", "&state=KN&all=1"):
                fast = server.get("/api/v1/queue?limit=1" + query,
                                  session=s).json()
                slow = server.get("/api/v1/queue?limit=1&from=2000-01-01"
                                  + query, session=s).json()
                where = f"round {rnd} {name}{query}"
                assert fast["total"] == slow["total"], where
                assert fast["restricted"] == slow["restricted"], where
                assert fast["total"] == len(walk_queue(server, s, query)), \
                    where
    # the rounds covered readers who read different parts of the queue
    totals = {name: server.get("/api/v1/queue?limit=1&state=KN&all=1",
                               session=s).json()["total"]
              for name, s in readers.items()}
    assert len(set(totals.values())) >= 3, totals
