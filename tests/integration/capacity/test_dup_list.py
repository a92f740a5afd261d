"""The candidate duplicate initiatives under the list contract (issue 11
item 2, docs/internals/LISTS.md): GET /api/v1/initiatives/duplicates
pages by score (highest first), either title or the words shared, with
signed cursors both ways, q over both titles, the kept count as total
and the whole list as CSV. A pair's id is a_id * 2^32 + b_id."""
import csv
import io

from capacity_helpers import create
from conftest import assert_error
from list_contract import check_list, get_page, walk

DUPS = "/api/v1/initiatives/duplicates"
TITLES = ["Lagoon cyber drill", "Harbour cyber drill",
          "Lagoon forensic lab", "Reef evidence course",
          "Cay evidence course"]


def make_pairs(server):
    """Five initiatives in the same states, years and need: ten pairs
    (the first two share a second need)."""
    made = []
    for i, t in enumerate(TITLES):
        needs = ["T2.2", "T5.3"] if i < 2 else ["T2.2"]
        made.append(create(server, ident=f"XX-DUPL-{i}", title=t,
                           needs=needs))
    return made


def ours(made, rows):
    ids = {m["id"] for m in made}
    return [r for r in rows if r["a"]["id"] in ids and r["b"]["id"] in ids]


def test_duplicates_follow_the_list_contract(server):
    made = make_pairs(server)
    s = server.bearer("partner")
    total = check_list(server, s, DUPS,
                       ["score", "a_title", "b_title", "jaccard"],
                       int_sorts=("score", "jaccard"), date=False,
                       csv_id=("a_id", "b_id"))
    rows, pages = walk(server, s, DUPS, 3)
    assert len(rows) == total and len(pages) >= 4
    mine = ours(made, rows)
    assert len(mine) == 10
    for r in rows:
        # the members the page and older callers read
        assert r["a"]["id"] < r["b"]["id"]
        assert r["id"] == r["a"]["id"] * 2 ** 32 + r["b"]["id"]
        assert r["a_title"] == r["a"]["title"]
        assert 0 <= r["score"] <= 100 and r["reasons"]
    for r in mine:
        assert {x["code"] for x in r["reasons"]} >= {"same_states",
                                                     "overlapping_dates",
                                                     "same_need"}
    # highest score first, ties by the pair (a, then b), last first
    keys = [(r["score"], r["a"]["id"], r["b"]["id"]) for r in rows]
    assert keys == sorted(keys, reverse=True)
    # a pair has no date
    assert_error(server.get(f"{DUPS}?from=2024-01-01", session=s), 400,
                 "invalid_date")
    # sorted by the first title, A first
    by_a, _ = walk(server, s, DUPS, 4, sort="a_title", order="asc")
    titles = [r["a"]["title"] for r in by_a]
    assert titles == sorted(titles)


def test_q_finds_words_in_either_title(server):
    made = make_pairs(server)
    s = server.bearer("partner")
    page = get_page(server, s, DUPS, q="lagoon", limit=200)
    for r in page["items"]:
        assert "lagoon" in (r["a"]["title"] + " " + r["b"]["title"]).lower()
    # of our ten pairs, those with one of the two lagoon initiatives
    assert len(ours(made, page["items"])) == 7
    assert page["total"] == len(page["items"])
    rows, pages = walk(server, s, DUPS, 2, q="lagoon")
    assert [r["id"] for r in rows] == [r["id"] for r in page["items"]]
    assert {p["total"] for p in pages} == {page["total"]}
    # every word, each in one title or the other
    two = get_page(server, s, DUPS, q="lagoon drill", limit=200)
    got = {(r["a"]["id"], r["b"]["id"]) for r in ours(made, two["items"])}
    ids = [m["id"] for m in made]
    assert got == {(ids[0], ids[1]), (ids[0], ids[2]), (ids[0], ids[3]),
                   (ids[0], ids[4]), (ids[1], ids[2])}
    assert get_page(server, s, DUPS, q="nowhere-word-xyz")["total"] == 0
    assert_error(server.get(f"{DUPS}?q=" + "x" * 201, session=s), 400,
                 "invalid_query")
    # the filtered CSV: the same pairs, with their reasons as text
    r = server.get(f"{DUPS}?q=lagoon&format=csv", session=s)
    assert r.status_code == 200, r.text[:300]
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
    assert table[0] == ["a_id", "a_title", "b_id", "b_title", "score",
                        "reasons"]
    assert [(int(t[0]), int(t[2])) for t in table[1:]] == \
        [(x["a"]["id"], x["b"]["id"]) for x in page["items"]]
    first = table[1]
    assert "same_states: " in first[5] and "; overlapping_dates" in first[5]


def test_a_decided_pair_leaves_the_list_and_its_total(server):
    made = make_pairs(server)
    s = server.bearer("coordinator")
    before = get_page(server, s, DUPS, limit=200)
    r = server.request("POST", f"{DUPS}/decisions", session=s,
                       json={"a": made[3]["id"], "b": made[4]["id"],
                             "decision": "not_duplicate",
                             "reason": "Two separate courses."})
    assert r.status_code == 201, r.text
    after = get_page(server, s, DUPS, limit=200)
    assert after["total"] == before["total"] - 1
    assert (made[3]["id"], made[4]["id"]) not in {
        (x["a"]["id"], x["b"]["id"]) for x in after["items"]}
