"""The forensics lists under the list contract (issue 11 item 2), on both
backends: forensic requests and evidence items.

What must hold: each list pages with a total and signed cursors, sorts by
its columns both ways, filters by words and by date, and downloads the
same rows as CSV (tests/integration/list_contract.py); and the reading
rule of each record holds in all of them: a request or an item the
reader may not read changes neither the total, nor a page, nor the CSV,
and an incident link is shown only to who may follow it.
"""
import csv
import io

from conftest import assert_error
from forensics_helpers import SHA_A, item_body, make_lab, post
from list_contract import check_list, check_q, get_page, walk
from sharing_helpers import insert_incident


def request_body(lab_id, state, n):
    return {"lab_id": lab_id, "state": state,
            "device_types": ["computer", "mobile"], "volume": n + 1,
            "urgency": "urgent" if n % 2 else "routine",
            "legal_basis": "Cybercrimes Act 2015, s.12 search warrant",
            "case_ref": f"CASE-{state}-{n:02d}"}


def csv_table(server, s, url):
    r = server.get(url + ("&" if "?" in url else "?") + "format=csv",
                   session=s)
    assert r.status_code == 200, r.text[:300]
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))


def test_forensic_requests_list(server):
    lab, staff = make_lab(server)
    jm = server.bearer("ncpoc.jm")
    bb = server.bearer("cert.bb")
    lb = server.bearer(staff)
    mine = insert_incident(server, "amber", "JM", "ncpoc.jm")
    jm_ids = []
    for n in range(7):
        body = request_body(lab["id"], "JM", n)
        if n == 0:
            body["incident_id"] = mine
        r = post(server, jm, "/api/v1/forensic-requests", body)
        assert r.status_code == 201, r.text
        jm_ids.append(r.json()["id"])
    bb_ids = []
    for n in range(3):
        r = post(server, bb, "/api/v1/forensic-requests",
                 request_body(lab["id"], "BB", n))
        assert r.status_code == 201, r.text
        bb_ids.append(r.json()["id"])
    url = "/api/v1/forensic-requests"
    sorts = ["created_at", "updated_at", "status", "urgency", "state",
             "lab_name"]
    # JM reads its own requests only: 7, never one of Barbados
    total = check_list(server, jm, url, sorts,
                       int_sorts=("created_at", "updated_at"))
    assert total == 7
    rows, _ = walk(server, jm, url, 3, sort="state")
    assert sorted(r["id"] for r in rows) == sorted(jm_ids)
    table = csv_table(server, jm, url)
    assert sorted(int(t["id"]) for t in table) == sorted(jm_ids)
    assert check_q(server, jm, url, "CASE-JM-03", "case_ref") == 1
    assert get_page(server, jm, url, q="CASE-BB")["total"] == 0
    # the lab's staff read the whole queue, filters kept in the cursor
    total = check_list(server, lb, f"{url}?lab={lab['id']}", sorts,
                       int_sorts=("created_at",))
    assert total == 10
    page = get_page(server, lb, url, state="BB", limit=2)
    assert page["total"] == 3 and len(page["items"]) == 2
    nxt = get_page(server, lb, url, state="BB", limit=2,
                   cursor=page["next_cursor"])
    assert [r["id"] for r in page["items"] + nxt["items"]] == bb_ids[::-1]
    r = server.get(f"{url}?state=JM&limit=2&cursor={page['next_cursor']}",
                   session=lb)
    assert_error(r, 400, "invalid_cursor")
    # the staff may not follow JM's AMBER incident: not on a page, not
    # in the CSV; JM may
    rows, _ = walk(server, lb, url, 200)
    linked = [r for r in rows if r["id"] == jm_ids[0]]
    assert linked[0]["incident_id"] is None
    assert {t["incident_id"] for t in csv_table(server, lb, url)} == {""}
    rows, _ = walk(server, jm, url, 200)
    assert [r["incident_id"] for r in rows if r["id"] == jm_ids[0]] == [mine]
    assert str(mine) in {t["incident_id"] for t in csv_table(server, jm,
                                                             url)}
    assert rows[0]["device_types"] == ["computer", "mobile"]
    # readers of no request see an empty list, not an error
    for who in ("coordinator", "partner"):
        page = get_page(server, server.bearer(who), url)
        assert page["total"] == 0 and page["items"] == []
        assert csv_table(server, server.bearer(who), url) == []
    assert_error(server.get(f"{url}?status=lost", session=jm), 422,
                 "invalid_status")
    assert server.get(url).status_code == 401


def test_evidence_items_list(server):
    lab, staff = make_lab(server)
    jm = server.bearer("ncpoc.jm")
    bb = server.bearer("cert.bb")
    jm_ids = []
    for n in range(6):
        r = post(server, jm, "/api/v1/evidence-items", item_body(
            seal=f"JM-SEAL-{n:04d}", description=f"Phone seized{n} in the raid",
            kind="mobile_extraction" if n % 2 else "disk_image_e01",
            acquired_at=f"2026-11-{10 + n}T09:00:00-05:00"))
        assert r.status_code == 201, r.text
        jm_ids.append(r.json()["id"])
    bb_ids = []
    for n in range(2):
        r = post(server, bb, "/api/v1/evidence-items", item_body(
            "BB", seal=f"BB-SEAL-{n:04d}", description="Bridgetown laptop"))
        assert r.status_code == 201, r.text
        bb_ids.append(r.json()["id"])
    # JM's first item goes to the lab's staff (a BB user) by courier
    r = post(server, jm, f"/api/v1/evidence-items/{jm_ids[0]}/handovers", {
        "receiver": staff, "at": "2026-11-21T10:00:00-05:00",
        "place": "Kingston", "reason": "examination",
        "seal": "JM-SEAL-0000", "sha256": SHA_A, "courier": "LIAT cargo",
        "from_state": "JM", "to_state": "BB"})
    assert r.status_code == 201, r.text
    url = "/api/v1/evidence-items"
    sorts = ["acquired_at", "created_at", "state", "kind", "seal", "holder",
             "mismatches"]
    total = check_list(server, jm, url, sorts,
                       int_sorts=("acquired_at", "created_at", "mismatches"))
    assert total == 6
    rows, _ = walk(server, jm, url, 4, sort="seal", order="asc")
    assert [r["seal"] for r in rows] == [f"JM-SEAL-{n:04d}" for n in
                                         range(6)]
    assert check_q(server, jm, url, "seized3", "description") == 1
    assert get_page(server, jm, url, q="Bridgetown")["total"] == 0
    page = get_page(server, jm, url, **{"from": "2026-11-12",
                                        "to": "2026-11-13"})
    assert sorted(r["id"] for r in page["items"]) == jm_ids[2:4]
    page = get_page(server, jm, url, kind="mobile_extraction")
    assert sorted(r["id"] for r in page["items"]) == jm_ids[1::2]
    # the lab's staff: BB's items and the one it holds, nothing else,
    # in the total, the pages and the CSV alike
    lb = server.bearer(staff)
    page = get_page(server, lb, url, limit=2)
    assert page["total"] == 3
    rows, _ = walk(server, lb, url, 2)
    assert sorted(r["id"] for r in rows) == sorted(bb_ids + jm_ids[:1])
    table = csv_table(server, lb, url)
    assert sorted(int(t["id"]) for t in table) == sorted(bb_ids + jm_ids[:1])
    assert {t["holder"] for t in table} >= {staff}
    # readers of none see an empty list; the RIFC sees them all
    for who in ("coordinator", "partner", "steering"):
        s = server.bearer(who)
        assert get_page(server, s, url)["total"] == 0
        assert csv_table(server, s, url) == []
    assert get_page(server, server.bearer("analyst"), url,
                    q="SEAL")["total"] == 8
    assert_error(server.get(f"{url}?kind=floppy", session=jm), 422,
                 "invalid_kind")
    assert_error(server.get(f"{url}?lab=x", session=jm), 400,
                 "invalid_parameter")
    assert server.get(url).status_code == 401


def test_labs_list(server):
    c = server.bearer("coordinator")
    from forensics_helpers import org_of
    made = []
    for n, st in enumerate(("BB", "JM", "TT", "LC", "GD")):
        r = post(server, c, "/api/v1/labs", {
            "name": f"Numbat lab {n}", "org_id": org_of(server, st),
            "state": st, "capabilities": ["Disk imaging"],
            "device_types": ["computer"], "capacity": n + 1})
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    s = server.bearer("partner")
    url = "/api/v1/labs"
    total = check_list(server, s, url, ["name", "org_name", "capacity",
                       "queue", "created_at"],
                       int_sorts=("capacity", "queue", "created_at"))
    assert total >= 5
    rows, _ = walk(server, s, url, 2, q="Numbat", sort="capacity",
                   order="asc")
    assert [r["id"] for r in rows] == made
    assert rows[0]["free"] == 1 and rows[0]["device_types"] == ["computer"]
    assert check_q(server, s, url, "Numbat", "name") == 5
