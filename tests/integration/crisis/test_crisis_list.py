"""The list of crises under the list contract (issue 11 item 2), on both
backends: paged with a total and signed cursors, sorted both ways by its
columns, filtered by words, status and the day declared, and downloaded
as CSV (tests/integration/list_contract.py); and who sees a crisis holds
in all of them: another state's team sees none of JM's crises, the RIFC
only the escalated one, in the total, the pages and the CSV alike.
"""
import csv
import io

from conftest import assert_error
from crisis_helpers import declare, incident, patch
from list_contract import check_list, check_q, get_page, walk

URL = "/api/v1/crises"


def csv_ids(server, s, url):
    r = server.get(url + "&format=csv", session=s)
    assert r.status_code == 200, r.text[:300]
    return [int(t["id"]) for t in csv.DictReader(io.StringIO(
        r.content.decode("utf-8")))]


def test_crisis_list(server):
    jm = server.login("ncpoc.jm")
    inc = incident(server, jm)
    made = [declare(server, jm, [inc], title=f"Quokka outage {n}",
                    severity=n % 3)
            for n in range(6)]
    # one crisis of JM reaches level 3: escalated to the RIFC
    r = patch(server, jm, made[2], severity=3)
    assert r.status_code == 200, r.text
    ids = [c["id"] for c in made]
    url = f"{URL}?q=Quokka"
    total = check_list(server, jm, url, ["declared_at", "updated_at",
                       "severity", "status", "state", "title"],
                       int_sorts=("declared_at", "updated_at", "severity"))
    assert total == 6
    rows, _ = walk(server, jm, url, 4, sort="title", order="asc")
    assert [r["id"] for r in rows] == ids
    assert all("next_sitrep_due" in r and "sitrep_overdue" in r
               for r in rows)
    assert check_q(server, jm, URL, "Quokka", "title") == 6
    esc = get_page(server, jm, url, status="escalated")
    assert [r["id"] for r in esc["items"]] == [ids[2]]
    # another state's team: none of them, anywhere
    bb = server.bearer("cert.bb")
    assert get_page(server, bb, url)["total"] == 0
    assert csv_ids(server, bb, url) == []
    # the RIFC: only the escalated one, in the total, a page and the CSV
    rifc = server.bearer("analyst")
    page = get_page(server, rifc, url, limit=1)
    assert page["total"] == 1 and [r["id"] for r in page["items"]] == [
        ids[2]]
    assert csv_ids(server, rifc, url) == [ids[2]]
    assert_error(server.get(f"{URL}?state=Jamaica", session=jm), 422,
                 "invalid_state_code")
    assert_error(server.get(URL, session=server.bearer("coordinator")), 403,
                 "forbidden")
