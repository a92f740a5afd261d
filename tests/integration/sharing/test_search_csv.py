"""Search downloads as CSV (issue 11 item 2): the whole result, beyond
one page, in rank order, through the same policy as the pages: a value
the reader may not read is in neither the total nor the file."""
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
    rows, pages = walk(server, bb, url, 200)
    assert len(rows) == 230 and {p["total"] for p in pages} == {230}
    r = server.get(url + "&format=csv", session=bb)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.headers["Content-Disposition"].startswith("attachment")
    got = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["id"] for x in got] == [str(x["id"]) for x in rows]
    assert [x["rank"] for x in got] == [str(i + 1) for i in range(230)]
    assert all(x["kind"] == "indicator" and x["markings"] == "green"
               for x in got)
    assert not any(x["title"].startswith("red.") for x in got)
    # the recipient of the RED report finds it, in the file too
    r = server.get(url + "&format=csv", session=rec)
    got = list(csv.DictReader(io.StringIO(r.text)))
    assert len(got) == 231
    assert [x["markings"] for x in got
            if x["title"].startswith("red.")] == ["red"]
    # the cursor does not cut the file: it starts at the first result
    r = server.get(url + f"&format=csv&cursor={pages[0]['next_cursor']}",
                   session=bb)
    assert r.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 230
