"""The sightings of one indicator value as a list of its own (issue 11
item 2): keyset pages with a total, sorts, state, q and from/to, the whole
list as CSV; a sighting the reader may not read is in neither the page,
the total nor the CSV, and a value with no readable sighting is missing."""
import csv
import io
import uuid

from conftest import assert_error
from list_contract import check_list, check_q
from sharing_helpers import add_user


def report(server, who, value, day, tlp="green", note=None, **kw):
    one = {"type": "domain", "value": value,
           "seen_at": f"2026-04-{day:02d}T10:00:00Z"}
    if note:
        one["note"] = note
    body = {"tlp": tlp, "indicators": [one]}
    body.update(kw)
    r = server.request("POST", "/api/v1/indicators",
                       session=server.bearer(who), json=body)
    assert r.status_code == 201, r.text
    return r.json()["items"][0]["id"]


def test_sightings_page_sort_filter_and_csv(server):
    add_user(server, "sig.rec", "steering")
    tag = uuid.uuid4().hex[:8]
    value = f"s.{tag}-bad.net"
    for i in range(8):
        vid = report(server, "ncpoc.jm", value, 1 + i,
                     note=f"phish wave {i}" if i < 3 else None)
    for i in range(4):
        report(server, "cert.bb", value, 10 + i)
    for i in range(3):
        report(server, "ncpoc.jm", value, 20 + i, tlp="red",
               recipients=["sig.rec"], note="secret")
    url = f"/api/v1/indicators/{vid}/sightings"
    bb = server.bearer("cert.bb")
    total = check_list(server, bb, url, ["seen_at", "state", "source", "tlp"],
                       int_sorts=("seen_at",))
    assert total == 12
    assert check_q(server, bb, url, "phish", "note") == 3
    assert server.get(url + "?q=secret", session=bb).json()["total"] == 0
    page = server.get(url + "?state=BB&limit=200", session=bb).json()
    assert page["total"] == 4 and {s["state"] for s in page["items"]} == \
        {"BB"}
    page = server.get(url + "?from=2026-04-02&to=2026-04-03", session=bb)
    assert page.json()["total"] == 2
    # the recipient of the RED report reads all fifteen, in the file too
    rec = server.bearer("sig.rec")
    r = server.get(url + "?format=csv&sort=seen_at&order=asc", session=rec)
    assert r.status_code == 200, r.text
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 15
    assert [x["tlp"] for x in rows[-3:]] == ["red"] * 3
    r = server.get(url + "?format=csv", session=bb)
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 12 and "red" not in {x["tlp"] for x in rows}
    # the detail's count agrees with the list's total
    v = server.get(f"/api/v1/indicators/{vid}", session=bb).json()
    assert v["sightings_visible"] == 12
    # a cursor of one value's sightings is not another's
    other = report(server, "ncpoc.jm", f"o.{tag}-bad.net", 1)
    cur = server.get(url + "?limit=2", session=bb).json()["next_cursor"]
    assert_error(server.get(f"/api/v1/indicators/{other}/sightings?limit=2"
                            f"&cursor={cur}", session=bb), 400,
                 "invalid_cursor")


def test_sightings_of_an_unreadable_value_are_missing(server):
    add_user(server, "sig.only", "steering")
    tag = uuid.uuid4().hex[:8]
    vid = report(server, "ncpoc.jm", f"r.{tag}-bad.net", 1, tlp="red",
                 recipients=["sig.only"])
    url = f"/api/v1/indicators/{vid}/sightings"
    assert server.get(url, session=server.bearer("sig.only")).json()[
        "total"] == 1
    for path in (url, url + "?format=csv", "/api/v1/indicators/999999999/"
                 "sightings"):
        assert_error(server.get(path, session=server.bearer("cert.bb")),
                     404, "not_found")
    assert_error(server.get(url), 401, "authentication_required")


def test_seen_elsewhere_says_how_many_it_does_not_show(server):
    """An incident's "seen elsewhere" shows the newest 50 sightings of
    each value and the number of them all, never a silent cut."""
    tag = uuid.uuid4().hex[:8]
    value = f"e.{tag}-bad.net"
    r = server.request("POST", "/api/v1/indicators",
                       session=server.bearer("cert.bb"),
                       json={"tlp": "green", "indicators": [
                           {"type": "domain", "value": value,
                            "seen_at": f"2026-05-01T10:{i:02d}:00Z"}
                           for i in range(53)]})
    assert r.status_code == 201, r.text
    jm = server.bearer("ncpoc.jm")
    r = server.request("POST", "/api/v1/incidents", session=jm, json={
        "title": "Seen elsewhere", "description": "d",
        "rsit": "fraud:masquerade", "severity": "low", "tlp": "green",
        "indicators": [{"type": "domain", "value": value}]})
    assert r.status_code == 201, r.text
    inc = server.get(f"/api/v1/incidents/{r.json()['id']}", session=jm)
    m = inc.json()["indicators"][0]["matches"]
    assert len(m["sightings"]) == 50 and m["sightings_total"] == 53
    assert [s["seen_at"] for s in m["sightings"]] == sorted(
        (s["seen_at"] for s in m["sightings"]), reverse=True)
    vid = inc.json()["indicators"][0]["id"]
    listed = server.get(f"/api/v1/indicators/{vid}/sightings?state=BB",
                        session=jm).json()
    assert listed["total"] == 53
