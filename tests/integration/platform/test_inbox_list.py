"""The inbox under the list contract (issue 11 item 2): keyset pages with
a total, sorts, the unread filter, q and from/to, the whole inbox as CSV;
an entry whose record the reader may no longer read is in neither the
page, the total nor the CSV."""
import csv
import io
import uuid

from conftest import assert_error
from list_contract import check_list, check_q, walk
from sharing_helpers import add_user, post

INBOX = "/api/v1/inbox"


def lesson(server, title, tlp="green", **over):
    body = {"title": title, "what_happened": "h", "what_worked": "w",
            "what_to_change": "c", "tlp": tlp}
    body.update(over)
    r = post(server, "ncpoc.jm", "/api/v1/lessons", body)
    assert r.status_code == 201, r.text
    return r.json()


def test_inbox_pages_sorts_filters_and_csv(server):
    s = add_user(server, "inb.bb", "cert", "BB")
    r = server.request("POST", "/api/v1/subscriptions", session=s,
                       json={"topic": "state", "value": "JM"})
    assert r.status_code == 201, r.text
    tag = uuid.uuid4().hex[:8]
    greens = [lesson(server, f"Green {i} {tag}") for i in range(9)]
    for i in range(4):
        lesson(server, f"Amber {i} {tag}", tlp="amber", share_states=["BB"])
    total = check_list(server, s, INBOX,
                       ["created_at", "kind", "title", "reason", "read_at"],
                       int_sorts=("created_at",))
    assert total == 13
    assert check_q(server, s, INBOX, "amber", "title") == 4
    # the unread filter, and its total, follow what is marked read
    first = server.get(INBOX + "?limit=3", session=s).json()
    for e in first["items"]:
        r = server.request("POST", f"{INBOX}/{e['id']}/read", session=s)
        assert r.status_code == 200, r.text
    rows, pages = walk(server, s, INBOX + "?unread=1", 4)
    assert len(rows) == 10 and {p["total"] for p in pages} == {10}
    assert all(e["read_at"] is None for e in rows)
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in rows}
    # a cursor of the unread list is not one of the whole inbox
    cur = pages[0]["next_cursor"]
    assert_error(server.get(f"{INBOX}?limit=4&cursor={cur}", session=s),
                 400, "invalid_cursor")
    assert_error(server.get(f"{INBOX}?unread=2", session=s), 400,
                 "invalid_unread")
    # the reader moves to another state: the AMBER entries leave the
    # page, the total and the CSV
    server.db.sql("UPDATE users SET state_code = 'TT' WHERE login = "
                  "'inb.bb'")
    page = server.get(f"{INBOX}?limit=200", session=s).json()
    assert page["total"] == 9
    assert {e["ref_id"] for e in page["items"]} == {g["id"] for g in greens}
    r = server.get(f"{INBOX}?format=csv&sort=title&order=asc", session=s)
    assert r.status_code == 200, r.text
    got = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["title"] for x in got] == sorted(g["title"] for g in greens)
    assert {x["tlp"] for x in got} == {"green"}
