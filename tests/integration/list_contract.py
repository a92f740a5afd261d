"""The list contract (issue 11 item 2, docs/internals/LISTS.md), checked
the same way for every converted list: give check_list() a list's URL
(with its own filters in the query string, if any), a session that may
read it and the columns it sorts by; the list must hold at least five
rows for that reader.

What must hold: limit is 1..200 (else 400 invalid_limit); an unknown
sort is 400 invalid_sort naming every allowed column; a bad order is 400
invalid_order; a cursor that was tampered with, made up or taken from
another sort is 400 invalid_cursor; paging with next_cursor visits every
row once, in order, and total counts them all; prev_cursor goes back to
the page before; ?format=csv is the whole list as an attachment with the
same rows in the same order; from/to outside every date empty the list.
"""
import csv
import io

from conftest import assert_error


def _url(url, **params):
    sep = "&" if "?" in url else "?"
    return url + sep + "&".join(f"{k}={v}" for k, v in params.items())


def get_page(server, s, url, **params):
    r = server.get(_url(url, **params), session=s)
    assert r.status_code == 200, f"{url} {params}: {r.text[:300]}"
    body = r.json()
    assert set(body) >= {"items", "total", "next_cursor", "prev_cursor"}
    return body


def walk(server, s, url, limit, **params):
    """Every page with next_cursor; returns (rows, pages)."""
    rows, pages = [], []
    page = get_page(server, s, url, limit=limit, **params)
    while True:
        pages.append(page)
        assert len(page["items"]) <= limit
        rows.extend(page["items"])
        if page["next_cursor"] is None:
            break
        assert len(page["items"]) == limit
        page = get_page(server, s, url, limit=limit,
                        cursor=page["next_cursor"], **params)
        assert len(pages) < 1000, "paging does not end"
    return rows, pages


def tamper(cursor):
    mid = len(cursor) // 2
    c = "A" if cursor[mid] != "A" else "B"
    return cursor[:mid] + c + cursor[mid + 1:]


def check_errors(server, s, url, sorts):
    for bad in ("0", "201", "-1", "x"):
        assert_error(server.get(_url(url, limit=bad), session=s), 400,
                     "invalid_limit")
    msg = assert_error(server.get(_url(url, sort="no_such_column"),
                                  session=s), 400, "invalid_sort")
    for col in sorts:
        assert col in msg, f"invalid_sort does not name {col}: {msg}"
    assert_error(server.get(_url(url, order="sideways"), session=s), 400,
                 "invalid_order")
    assert_error(server.get(_url(url, cursor="bm90LWEtY3Vyc29y"),
                            session=s), 400, "invalid_cursor")
    assert_error(server.get(_url(url, format="xml"), session=s), 400,
                 "invalid_format")


def check_list(server, s, url, sorts, int_sorts=(), date=True,
               csv_id="id"):
    """Checks @url (a list that holds 5 or more rows for @s) against the
    contract. @sorts: every sort column; @int_sorts: those of them whose
    order the test can check in Python (integers); @date: the list takes
    from/to; @csv_id: the CSV column holding the row id, or a tuple of
    CSV columns the items carry under the same names (a list whose rows
    have no id column)."""
    check_errors(server, s, url, sorts)
    first = get_page(server, s, url)
    total = first["total"]
    assert total >= 5, f"{url}: need 5 rows to test, have {total}"
    assert len(first["items"]) == min(total, 50)
    step = max(2, -(-total // 5))   # about five pages
    for col in sorts:
        for order in ("asc", "desc"):
            rows, pages = walk(server, s, url, step, sort=col, order=order)
            ids = [r["id"] for r in rows]
            assert len(ids) == len(set(ids)) == total, (col, order)
            assert {p["total"] for p in pages} == {total}
            if col in int_sorts:
                keys = [(r[col], r["id"]) for r in rows]
                assert keys == sorted(keys, reverse=order == "desc"), col
    # back from the second page is the first page
    p1 = get_page(server, s, url, limit=2, sort=sorts[0], order="asc")
    p2 = get_page(server, s, url, limit=2, sort=sorts[0], order="asc",
                  cursor=p1["next_cursor"])
    assert p1["prev_cursor"] is None and p2["prev_cursor"] is not None
    back = get_page(server, s, url, limit=2, sort=sorts[0], order="asc",
                    cursor=p2["prev_cursor"])
    assert [r["id"] for r in back["items"]] == \
        [r["id"] for r in p1["items"]]
    # a cursor changed in one place, or from another sort or order
    assert_error(server.get(_url(url, limit=2, sort=sorts[0], order="asc",
                                 cursor=tamper(p1["next_cursor"])),
                            session=s), 400, "invalid_cursor")
    assert_error(server.get(_url(url, limit=2, sort=sorts[0],
                                 order="desc", cursor=p1["next_cursor"]),
                            session=s), 400, "invalid_cursor")
    if len(sorts) > 1:
        assert_error(server.get(_url(url, limit=2, sort=sorts[1],
                                     order="asc",
                                     cursor=p1["next_cursor"]),
                                session=s), 400, "invalid_cursor")
    check_csv(server, s, url, sorts[0], total, csv_id)
    if date:
        assert get_page(server, s, url, **{"from": "2999-01-01"})[
            "total"] == 0
        assert get_page(server, s, url, to="1971-01-01")["total"] == 0
        assert_error(server.get(_url(url, **{"from": "2026-02-30"}),
                                session=s), 400, "invalid_date")
    return total


def check_csv(server, s, url, sort, total, csv_id):
    r = server.get(_url(url, format="csv", sort=sort, order="asc",
                        limit=2), session=s)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.headers["Content-Disposition"].startswith("attachment")
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
    assert len(table) == total + 1, "the CSV is not the whole list"
    rows, _ = walk(server, s, url, 200, sort=sort, order="asc")
    if isinstance(csv_id, str):
        col = table[0].index(csv_id)
        assert [t[col] for t in table[1:]] == [str(x["id"]) for x in rows]
        return table
    # rows without an id column of their own: these columns, which the
    # items carry under the same names
    cols = [table[0].index(c) for c in csv_id]
    assert [tuple(t[c] for c in cols) for t in table[1:]] == \
        [tuple(str(x[c]) for c in csv_id) for x in rows]
    return table


def check_q(server, s, url, word, field):
    """?q=@word keeps only rows whose @field holds it, and at least one."""
    page = get_page(server, s, url, q=word, limit=200)
    assert page["total"] >= 1
    for row in page["items"]:
        assert word.lower() in str(row[field]).lower(), row
    return page["total"]
