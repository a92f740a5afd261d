"""Search downloads as CSV (issue 11 item 2): the whole result, beyond
one page, in rank order, through the same policy as the pages: a value
the reader may not read is in neither the total nor the file. Values
that only contain the words are the first 200 (the reply's parts_total
says how many there are, and the indicator list pages through all)."""
import csv
import io
import uuid

from list_contract import walk
from sharing_helpers import add_user


def test_search_csv_is_the_whole_result_under_the_policy(server):
    rec = add_user(server, "srch.csv", "steering")
    tag = uuid.uuid4().hex[:8]
    vals = [{"type": "domain", "value": f"h{i:03d}.{tag}-bank.example"}
            for i in range(230)]
    r = server.request("POST", "/api/v1/indicators",
                       session=server.bearer("ncpoc.jm"),
                       json={"tlp": "green", "indicators": vals})
    assert r.status_code == 201, r.text
    r = server.request("POST", "/api/v1/indicators",
                       session=server.bearer("ncpoc.jm"),
                       json={"tlp": "red", "recipients": ["srch.csv"],
                             "indicators": [{"type": "domain", "value":
                                             f"red.{tag}-bank.example"}]})
    assert r.status_code == 201, r.text
    bb = server.bearer("cert.bb")
    url = f"/api/v1/search?q={tag}-bank.example"
    rows, pages = walk(server, bb, url, 50)
    assert len(rows) == 200 and {p["total"] for p in pages} == {200}
    assert {p["parts_total"] for p in pages} == {230}
    r = server.get(url + "&format=csv", session=bb)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.headers["Content-Disposition"].startswith("attachment")
    got = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["id"] for x in got] == [str(x["id"]) for x in rows]
    assert [x["rank"] for x in got] == [str(i + 1) for i in range(200)]
    assert all(x["kind"] == "indicator" and x["markings"] == "green"
               for x in got)
    assert not any(x["title"].startswith("red.") for x in got)
    # the indicator list has every one of them, through the policy
    lst = f"/api/v1/indicators?q={tag}-bank.example&limit=1"
    assert server.get(lst, session=bb).json()["total"] == 230
    assert server.get(lst, session=rec).json()["total"] == 231
    assert server.get(url, session=rec).json()["parts_total"] == 231
    # the cursor does not cut the file: it starts at the first result
    r = server.get(url + f"&format=csv&cursor={pages[0]['next_cursor']}",
                   session=bb)
    assert r.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 200
