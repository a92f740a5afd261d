"""Issue 15 item 1: a collection's objects are kept to what the reader
may read by the query itself. A reader who may read a few objects among
many gets full pages, `more` and `next` exact, and never an object they
may not read; the versions of an object are the reader's: a version they
may not read neither shows nor decides which version is `first` or
`last`."""

from taxii_helpers import (TLP_AMBER, TLP_GREEN, TLP_RED, Taxii,
                           assert_taxii_error, make_collection, malware)

RCC = "caricom-rcc"
# what each reader may read of what ncpoc.jm posts: GREEN to every
# member, AMBER to Jamaica's users and the RIFC, RED (no recipient) to
# nobody
READS = {"cert.bb": (TLP_GREEN,), "analyst": (TLP_GREEN, TLP_AMBER),
         "ncpoc.jm": (TLP_GREEN, TLP_AMBER)}


def red_collection(server, title):
    return make_collection(server, RCC, title, "red", [
        ("--user", "ncpoc.jm", "--read", "--write"), ("--any", "--read")])


def walk(t, path, limit, **params):
    """Every page of @path; returns (items, page sizes, more flags)."""
    got, sizes, mores, nxt = [], [], [], None
    key = "versions" if path.endswith("versions/") else "objects"
    while True:
        q = dict(params, limit=limit)
        if nxt:
            q["next"] = nxt
        r = t.get(path, params=q)
        assert r.status_code == 200, r.text
        body = r.json()
        items = body.get(key, [])
        got += items
        sizes.append(len(items))
        mores.append(body["more"])
        if items:
            assert r.headers["X-TAXII-Date-Added-First"]
            assert r.headers["X-TAXII-Date-Added-Last"]
        if not body["more"]:
            assert "next" not in body
            return got, sizes, mores
        nxt = body["next"]


def test_few_readable_among_many_fill_every_page(server):
    cid = red_collection(server, "Mostly red")
    jm = Taxii(server, "ncpoc.jm")
    marks = [TLP_GREEN if i % 9 == 4 else TLP_AMBER if i % 4 == 1 else
             TLP_RED for i in range(90)]
    sent = [malware(name=f"r{i}", marks=[m]) for i, m in enumerate(marks)]
    for k in range(0, len(sent), 10):	# several date_added runs
        jm.add(RCC, cid, sent[k:k + 10])
    base = f"{RCC}/collections/{cid}/"
    for login, reads in READS.items():
        want = [o["id"] for o in sent if o["object_marking_refs"][0] in
                reads]
        assert 0 < len(want) < len(sent) // 2
        t = Taxii(server, login)
        for limit in (1, 3, 8, 1000):
            got, sizes, mores = walk(t, base + "objects/", limit)
            assert [o["id"] for o in got] == want, (login, limit)
            assert all(TLP_RED not in o["object_marking_refs"]
                       for o in got)
            # full pages until the last; more on each but the last
            pages = -(-len(want) // limit)
            assert sizes == [limit] * (pages - 1) + [
                len(want) - limit * (pages - 1)], (login, limit, sizes)
            assert mores == [True] * (pages - 1) + [False]
        man, _, _ = walk(t, base + "manifest/", 3)
        assert [e["id"] for e in man] == want


def test_versions_are_the_readers(server):
    cid = red_collection(server, "Versions")
    jm = Taxii(server, "ncpoc.jm")
    oid = "malware--6b1f5c1e-0f15-4d2b-8c3a-15a7e1f0c0de"
    mods = ["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z",
            "2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"]
    marks = [TLP_AMBER, TLP_GREEN, TLP_GREEN, TLP_RED]
    for m, mark in zip(mods, marks):
        jm.add(RCC, cid, [malware(oid, modified=m, marks=[mark])])
    other = malware(marks=[TLP_GREEN])
    jm.add(RCC, cid, [other])
    base = f"{RCC}/collections/{cid}/objects/"

    def mods_of(t, path, **params):
        r = t.get(path, params=params)
        assert r.status_code == 200, r.text
        return [(o["id"], o["modified"]) for o in r.json()["objects"]]

    for login, reads in READS.items():
        seen = [m for m, mark in zip(mods, marks) if mark in reads]
        t = Taxii(server, login)
        assert t.get(base + f"{oid}/versions/").json()["versions"] == seen
        assert mods_of(t, base) == [(oid, seen[-1]), (other["id"],
                                                      other["modified"])]
        assert mods_of(t, base, **{"match[version]": "first"}) == [
            (oid, seen[0]), (other["id"], other["modified"])]
        assert mods_of(t, base, **{"match[version]": "first,last"}) == [
            (oid, seen[0]), (oid, seen[-1]),
            (other["id"], other["modified"])]
        assert mods_of(t, base, **{"match[version]": "all",
                                   "match[id]": oid}) == [
            (oid, m) for m in seen]
        one = base + f"{oid}/"
        assert mods_of(t, one, **{"match[version]": "first"}) == [
            (oid, seen[0])]
        assert mods_of(t, one, **{"match[version]": "last"}) == [
            (oid, seen[-1])]
        assert mods_of(t, one) == [(oid, seen[-1])]
        # a version they may not read, by its own timestamp, is
        # answered as a missing one
        assert_taxii_error(t.get(one, params={
            "match[version]": mods[3]}), 404)
        man = t.get(f"{RCC}/collections/{cid}/manifest/", params={
            "match[id]": oid, "match[version]": "first"}).json()
        assert [e["version"] for e in man["objects"]] == [seen[0]]
        v, sizes, mores = walk(t, base + f"{oid}/versions/", 1)
        assert v == seen and sizes == [1] * len(seen)
        assert mores == [True] * (len(seen) - 1) + [False]
    # an object of versions they may not read is missing to them
    amber = malware(marks=[TLP_AMBER])
    jm.add(RCC, cid, [amber])
    t = Taxii(server, "cert.bb")
    for q in ({}, {"match[version]": "first"}, {"match[version]": "all"}):
        assert_taxii_error(t.get(base + f"{amber['id']}/", params=q), 404)
    assert_taxii_error(t.get(base + f"{amber['id']}/versions/"), 404)
    assert Taxii(server, "analyst").get(base + f"{amber['id']}/").json()[
        "objects"][0]["id"] == amber["id"]
