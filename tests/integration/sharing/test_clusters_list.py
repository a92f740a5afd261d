"""Cross-state clusters under the list contract (issue 11 item 2): keyset
pages with a total, sorts, q and from/to, the whole list as CSV, and no
silent cap: every candidate is read, and a list too large to read is
refused with its count. A sighting the analyst may not read counts no
state: a value only it would make a cluster is in neither the page, the
total nor the CSV."""
import csv
import io
import uuid

from conftest import assert_error
from list_contract import check_list, check_q
from sharing_helpers import add_user

CLUSTERS = "/api/v1/clusters"


def report(server, who, values, tlp="green", **kw):
    body = {"tlp": tlp, "indicators": values}
    body.update(kw)
    r = server.request("POST", "/api/v1/indicators",
                       session=server.bearer(who), json=body)
    assert r.status_code == 201, r.text


def test_clusters_page_sort_filter_and_csv(server):
    add_user(server, "clu.rec", "steering")
    tag = uuid.uuid4().hex[:8]
    vals = [{"type": "domain", "value": f"c{i:02d}.{tag}-bad.net"}
            for i in range(12)]
    report(server, "ncpoc.jm", vals)
    report(server, "cert.bb", vals[:7])
    report(server, "cert.bb", vals[7:])
    # BB's sighting of this one is RED for someone else: no cluster
    hidden = {"type": "domain", "value": f"red.{tag}-bad.net"}
    report(server, "ncpoc.jm", [hidden])
    report(server, "cert.bb", [hidden], tlp="red", recipients=["clu.rec"])
    s = server.login("analyst")
    url = f"{CLUSTERS}?days=30&q={tag}"
    total = check_list(server, s, url,
                       ["nstates", "last_seen", "first_seen", "sightings",
                        "value", "type"],
                       int_sorts=("nstates", "last_seen", "first_seen",
                                  "sightings"))
    assert total == 12
    assert check_q(server, s, f"{CLUSTERS}?days=30", f"c03.{tag}",
                   "value") == 1
    page = server.get(url + "&limit=200", session=s).json()
    assert all(c["states"] == ["BB", "JM"] or c["states"] == ["JM", "BB"]
               for c in page["items"])
    assert hidden["value"] not in {c["value"] for c in page["items"]}
    r = server.get(url + "&format=csv&sort=value&order=asc", session=s)
    assert r.status_code == 200, r.text
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["value"] for x in rows] == sorted(v["value"] for v in vals)
    assert {x["nstates"] for x in rows} == {"2"}
    # the filters are bound to the cursor
    cur = server.get(url + "&limit=5", session=s).json()["next_cursor"]
    assert_error(server.get(f"{CLUSTERS}?days=31&q={tag}&limit=5&cursor="
                            + cur, session=s), 400, "invalid_cursor")
    assert_error(server.get(f"{CLUSTERS}?min_states=1", session=s), 400,
                 "invalid_parameter")
    assert_error(server.get(f"{CLUSTERS}?days=0", session=s), 400,
                 "invalid_parameter")
    # three states: none of these
    r = server.get(f"{CLUSTERS}?min_states=3&days=30&q={tag}", session=s)
    assert r.json()["total"] == 0
    # still for the RIFC's analysts only
    assert_error(server.get(url, session=server.bearer("cert.bb")), 403,
                 "forbidden")
