"""Search pages in SQL (issue 15 item 1): random records (incidents,
advisories, lessons) under random markings hold a few random words, with
values holding one of them; several readers walk every page of several
searches by the cursor, forwards and back. What each reader finds is
compared with what the record's own page lets them read (the C policy,
ccs_marking_view, behind GET /api/v1/<kind>/<id>): the same records, no
other, each once, the total on every page, positions 1..n in the order
of the whole result (the CSV). A cursor that was changed, or taken by
another reader or to another query, is 400 invalid_cursor."""
import csv
import io
import random
import uuid

from conftest import assert_error
from list_contract import tamper
from sharing_helpers import add_user

PATHS = {"incident": "incidents", "advisory": "advisories",
         "lesson": "lessons", "indicator": "indicators"}
TLPS = ("clear", "green", "amber", "amber+strict", "red")


def make_record(server, rnd, who, kind, words, tlp, recipient):
    text = " ".join(rnd.choice(words) for _ in range(rnd.randrange(1, 6)))
    if kind == "advisory" and tlp in ("amber+strict", "red"):
        tlp = "amber"  # an advisory goes to states: no stricter level
    body = {"tlp": tlp}
    if tlp == "red":
        body["recipients"] = [recipient]
    if kind == "incident":
        body.update(title=f"Case {text}", description=f"seen {text}",
                    rsit="fraud:masquerade", severity="medium")
    elif kind == "advisory":
        body.update(title=f"Advisory {text}", summary=f"about {text}",
                    severity="low", to_states=["BB"])
    else:
        body.update(title=f"Lesson {text}", what_happened=text,
                    what_worked="y", what_to_change="z")
    r = server.request("POST", f"/api/v1/{PATHS[kind]}", session=who,
                       json=body)
    assert r.status_code == 201, r.text
    return int(r.json()["id"]), set(f"{text} {body['title']}".split())


def pages(server, s, url, limit):
    """Walks forwards, then back from the last page by prev_cursor."""
    fwd, got = [], []
    r = server.get(f"{url}&limit={limit}", session=s)
    while True:
        assert r.status_code == 200, r.text
        body = r.json()
        fwd.append(body)
        got.extend(body["items"])
        if body["next_cursor"] is None:
            break
        r = server.get(f"{url}&limit={limit}&cursor={body['next_cursor']}",
                       session=s)
        assert len(fwd) < 500
    back = []
    cur = fwd[-1]["prev_cursor"]
    while cur is not None:
        r = server.get(f"{url}&limit={limit}&cursor={cur}", session=s)
        assert r.status_code == 200, r.text
        back.insert(0, r.json())
        cur = back[0]["prev_cursor"]
    assert [p["items"] for p in back] == [p["items"] for p in fwd[:-1]]
    return got, fwd


def test_search_pages_agree_with_the_record_policy(server):
    rnd = random.Random(1515)
    tag = uuid.uuid4().hex[:6]
    words = [f"{tag}{w}" for w in ("alpha", "bravo", "charlie")]
    readers = {
        "s15.jm": add_user(server, "s15.jm", "cert", "JM"),
        "s15.bb": add_user(server, "s15.bb", "cert", "BB"),
        "s15.tt": add_user(server, "s15.tt", "cert", "TT"),
        "s15.nj": add_user(server, "s15.nj", "ncpoc", "JM"),
        "s15.rifc": add_user(server, "s15.rifc", "rifc_analyst"),
        "s15.st": add_user(server, "s15.st", "steering"),
    }
    authors = ["s15.jm", "s15.bb", "s15.tt"]
    recs = []
    for i in range(45):
        kind = ("incident", "advisory", "lesson")[i % 3]
        who = rnd.choice(authors)
        rid, toks = make_record(
            server, rnd, readers[who], kind, words, rnd.choice(TLPS),
            rnd.choice([x for x in readers if x != who]))
        recs.append((kind, rid, toks))
    # values holding the first word, found as parts of values
    for i in range(8):
        tlp = rnd.choice(TLPS)
        body = {"tlp": tlp, "indicators": [
            {"type": "domain", "value": f"{words[0]}-{i}.example"}]}
        if tlp == "red":
            body["recipients"] = [rnd.choice(list(readers))]
        r = server.request("POST", "/api/v1/indicators", json=body,
                           session=readers[rnd.choice(authors)])
        assert r.status_code == 201, r.text
    vals = [int(x[0]) for x in server.db.sql(
        f"SELECT id FROM ind_values WHERE value LIKE '{words[0]}-%'")]
    assert len(vals) == 8

    def can_read(s, kind, rid):
        r = server.get(f"/api/v1/{PATHS[kind]}/{rid}", session=s)
        assert r.status_code in (200, 404), r.text
        return r.status_code == 200

    walked = 0
    for login, s in readers.items():
        readable = {(k, rid) for k, rid, _ in recs if can_read(s, k, rid)}
        readable |= {("indicator", v) for v in vals
                     if can_read(s, "indicator", v)}
        queries = [words[0], f"{words[1]} {words[2]}", words[2]]
        for q in queries:
            for kind in (None, "incident", "advisory", "lesson",
                         "indicator"):
                want = {(k, rid) for k, rid, toks in recs
                        if all(w in toks for w in q.split())
                        and kind in (None, k) and (k, rid) in readable}
                if " " not in q and kind in (None, "indicator"):
                    want |= {("indicator", v) for v in vals
                             if q == words[0]
                             and ("indicator", v) in readable}
                url = f"/api/v1/search?q={q}" + (f"&kind={kind}"
                                                  if kind else "")
                got, fwd = pages(server, s, url, 3)
                walked += len(fwd) > 2
                keys = [(x["kind"], x["id"]) for x in got]
                assert len(keys) == len(set(keys)), (login, q, kind)
                assert set(keys) == want, (login, q, kind)
                assert {p["total"] for p in fwd} == {len(want)}
                assert [x["rank"] for x in got] == list(
                    range(1, len(got) + 1))
                # the same order as the whole result
                r = server.get(url + "&format=csv", session=s)
                assert r.status_code == 200, r.text
                rows = list(csv.DictReader(io.StringIO(r.text)))
                assert [(x["kind"], int(x["id"])) for x in rows] == keys
                one = server.get(url + "&limit=200", session=s).json()
                assert [(x["kind"], x["id"]) for x in one["items"]] == keys
                # records first by relevance, values holding q last
                kinds = [k == "indicator" for k, _ in keys]
                assert kinds == sorted(kinds)
    # most searches had several pages
    assert walked >= 20

    # a cursor is the reader's and the query's, and cannot be changed
    jm, rifc = readers["s15.jm"], readers["s15.rifc"]
    url = f"/api/v1/search?q={words[2]}&limit=2"
    nxt = server.get(url, session=rifc).json()["next_cursor"]
    assert nxt
    assert_error(server.get(f"{url}&cursor={tamper(nxt)}", session=rifc),
                 400, "invalid_cursor")
    assert_error(server.get(f"{url}&cursor={nxt}", session=jm), 400,
                 "invalid_cursor")
    assert_error(server.get(f"/api/v1/search?q={words[1]}&limit=2"
                            f"&cursor={nxt}", session=rifc), 400,
                 "invalid_cursor")
