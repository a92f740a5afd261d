"""The directory's lists under the list contract (issue 11 item 2):
contacts, organisations and states page with a total and signed cursors,
sort by their columns, filter by words (and the last change) and
download as CSV; what a reader may not read is in no page, total or CSV
(the public sees no national body, no contact and no contact count)."""
import csv
import io

from conftest import assert_error
from list_contract import check_errors, check_list, check_q, walk

CONTACTS = "/api/v1/contacts"
ORGS = "/api/v1/organisations"
STATES = "/api/v1/states"


def post(server, s, url, body):
    r = server.request("POST", url, session=s, json=body)
    assert r.status_code == 201, r.text
    return r.json()


def test_contacts_follow_the_contract(server):
    coord = server.login("coordinator")
    for i in range(6):
        post(server, coord, CONTACTS, {
            "name": f"Duty officer Quillfeather {i}", "role": "cert_duty",
            "state": "BB", "email": f"duty{i}@bb.example.org"})
    url = f"{CONTACTS}?state=BB"
    total = check_list(server, coord, url,
                       ["name", "state", "role", "organisation",
                        "updated_at"], int_sorts=("updated_at",))
    assert total >= 6
    assert check_q(server, coord, url, "quillfeather", "name") == 6
    assert check_q(server, coord, url, "duty3@bb", "email") == 1
    # every member reads them; the public none, not even as CSV
    analyst = server.bearer("analyst")
    assert server.get(url, session=analyst).json()["total"] == total
    assert_error(server.get(CONTACTS), 401, "authentication_required")
    assert_error(server.get(f"{CONTACTS}?format=csv"), 401,
                 "authentication_required")


def test_organisations_follow_the_contract(server):
    coord = server.login("coordinator")
    made = [post(server, coord, ORGS, {
        "name": f"Barbados Hollowmere Unit {i}", "acronym": f"BHU{i}",
        "kind": "national_body", "state": "BB"})["id"] for i in range(6)]
    url = f"{ORGS}?state=BB"
    total = check_list(server, coord, url,
                       ["name", "kind", "acronym", "state", "updated_at"],
                       int_sorts=("updated_at",))
    assert total >= 6
    assert check_q(server, coord, url, "hollowmere", "name") == 6
    # the public sees no national body: not in a page, the total or CSV
    public = server.get(f"{ORGS}?q=hollowmere").json()
    assert public["total"] == 0 and public["items"] == []
    everything = server.get(f"{ORGS}?limit=200").json()
    kinds = {o["kind"] for o in everything["items"]}
    assert kinds <= {"governance_body", "regional_agency",
                     "international_partner", "academic"}
    assert everything["total"] == len(everything["items"])
    csv_text = server.get(f"{ORGS}?format=csv").text
    assert "Hollowmere" not in csv_text
    assert not set(made) & {o["id"] for o in everything["items"]}


def test_states_follow_the_contract(server):
    coord = server.login("coordinator")
    sorts = ["sort_name", "name", "code", "status", "ncpoc_count",
             "e_evidence_count", "cert_duty_count"]
    check_errors(server, coord, STATES, sorts)
    first = server.get(STATES, session=coord).json()
    assert first["total"] == len(first["items"]) == 21
    for col in sorts:
        for order in ("asc", "desc"):
            rows, pages = walk(server, coord, STATES, 5, sort=col,
                               order=order)
            assert len({r["code"] for r in rows}) == 21
            assert {p["total"] for p in pages} == {21}
            keys = [(r[col], r["id"]) for r in rows]
            if col.endswith("_count"):
                assert keys == sorted(keys, reverse=order == "desc")
    names = [r["name"] for r in walk(server, coord, STATES, 4, sort="name",
                                     order="asc")[0]]
    assert names == sorted(names, key=lambda n: n.encode())
    assert_error(server.get(f"{STATES}?from=2026-01-01", session=coord),
                 400, "invalid_date")
    # words
    jm = server.get(f"{STATES}?q=jamaica", session=coord).json()
    assert [s["code"] for s in jm["items"]] == ["JM"] and jm["total"] == 1
    # the CSV: every state in the chosen order; counts for members only
    r = server.get(f"{STATES}?format=csv&sort=code&order=desc",
                   session=coord)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith(
        "text/csv")
    table = list(csv.reader(io.StringIO(r.text)))
    assert table[0][:2] == ["code", "name"] and len(table) == 22
    codes = [t[0] for t in table[1:]]
    assert codes == sorted(codes, reverse=True)
    assert all(t[4] != "" for t in table[1:])
    pub = list(csv.reader(io.StringIO(server.get(
        f"{STATES}?format=csv").text)))
    assert len(pub) == 22 and all(t[4] == "" for t in pub[1:])
    # the public pages too, without the counts; gaps stay for members
    page = server.get(f"{STATES}?limit=10").json()
    assert page["total"] == 21 and page["next_cursor"]
    assert "ncpoc_count" not in page["items"][0]
    assert_error(server.get(f"{STATES}?gap=1"), 401,
                 "authentication_required")
    gaps = server.get(f"{STATES}?gap=1", session=coord).json()
    assert gaps["total"] == len(gaps["items"])
    assert all(s["ncpoc_count"] < 2 for s in gaps["items"])
