"""A state's queue of routed records under the list contract, with the
read policy in the query (issue 15): what the state's team may not read
changes neither the page, nor the total, nor the CSV, and is counted as
"restricted" only when it is not TLP:RED."""

import csv
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
