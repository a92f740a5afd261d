"""The TLP matrix: every read path of shared records x every kind of user x
every TLP level, own state and other states.

One source user (a JM CERT analyst of organisation O1) reports one incident
per TLP level. AMBER is shared with BB and with a community holding
organisation O2; RED names one recipient. The expectations come from the
design's rules, written here independently of the code:

  CLEAR anyone; GREEN every signed-in member; AMBER the source organisation,
  the RIFC, the source state, the states and organisations shared with;
  AMBER+STRICT the source organisation and the RIFC; RED the named
  recipients (and the author).

A user who may not read a record still learns that a correlation match
exists (a count), except for RED; search never reveals anything. Every path
is checked for every pair, so a path that skips the policy fails here.

Writes are checked the same way: every write that takes a reference (an
id, a file hash) accepts only what its author may read, and answers a
record the author may not read exactly as a missing one (the write-side
oracles at the end; a new write path that takes a reference belongs in
WRITES).
"""

import datetime
import re
import uuid

import pytest

from conftest import assert_error

TLPS = ["clear", "green", "amber", "amber+strict", "red"]

# login -> (role, state, org key, relations to the source record)
USERS = {
    "jm.author": ("cert", "JM", "O1", {"author"}),
    "o1.partner": ("partner", None, "O1", {"same_org"}),
    "jm.cert2": ("cert", "JM", None, {"src_state"}),
    "bb.cert": ("cert", "BB", None, {"shared_state"}),
    "o2.ncpoc": ("ncpoc", "LC", "O2", {"shared_org"}),
    "red.rec": ("steering", None, None, {"recipient"}),
    "tt.cert": ("cert", "TT", None, set()),
    "analyst": (None, None, None, {"rifc"}),
    "admin": (None, None, None, set()),
    "coordinator": (None, None, None, set()),
    "steering": (None, None, None, set()),
    "partner": (None, None, None, set()),
}


def may_read(login, tlp):
    if tlp == "clear":
        return True
    if login is None:
        return False
    if tlp == "green":
        return True
    rel = USERS[login][3]
    if tlp == "amber":
        return bool(rel & {"author", "same_org", "src_state", "shared_state",
                           "shared_org", "rifc"})
    if tlp == "amber+strict":
        return bool(rel & {"author", "same_org", "rifc"})
    return bool(rel & {"author", "recipient"})


def knows_exists(login, tlp):
    """A match is counted (never shown) for records above clearance."""
    return login is not None and tlp != "red" and not may_read(login, tlp)


@pytest.fixture
def world(server):
    orgs = server.get("/api/v1/organisations").json()["items"]
    o1, o2 = orgs[0]["id"], orgs[1]["id"]
    org_ids = {"O1": o1, "O2": o2}
    for login, (role, state, org, _) in USERS.items():
        if role is not None:
            server.add_user(login, role, state, org_ids.get(org))
    server.db.sql("INSERT INTO communities (name, description, created_at) "
                  "VALUES ('Banking CSIRTs', 'test', 0)")
    server.db.sql("INSERT INTO community_members (community_id, org_id) "
                  "SELECT id, %d FROM communities WHERE name = "
                  "'Banking CSIRTs'" % o2)
    # TT's team answers for .tt: its claim, approved by a coordinator.
    tt = server.bearer("tt.cert")
    r = server.request("POST", "/api/v1/constituencies", session=tt,
                       json={"kind": "cctld", "value": "tt"})
    assert r.status_code == 201, r.text
    r = server.request("POST", "/api/v1/constituencies/%d/approve"
                       % r.json()["id"], session=server.bearer("coordinator"))
    assert r.status_code == 200, r.text

    # Everyone follows JM: the inbox is a read path too.
    for login in USERS:
        r = server.request("POST", "/api/v1/subscriptions",
                           session=server.bearer(login),
                           json={"topic": "state", "value": "JM"})
        assert r.status_code == 201, (login, r.text)

    tag = uuid.uuid4().hex[:8]
    author = server.bearer("jm.author")
    recs = {}
    for tlp in TLPS:
        key = tlp.replace("+", "")
        rec = {"tlp": tlp, "token": f"zq{key}{tag}",
               "value": f"m-{key}-{tag}.com",
               "cvalue": f"c-{key}-{tag}.com",
               "url": f"https://r-{key}-{tag}.com/pay",
               "qvalue": f"q-{key}-{tag}.tt"}
        body = {"title": f"Matrix {tlp} {rec['token']}",
                "description": f"Record at TLP {tlp} {rec['token']}",
                "rsit": "fraud:phishing", "severity": "high", "tlp": tlp,
                "indicators": [{"type": "domain", "value": rec["value"]},
                               {"type": "domain", "value": rec["cvalue"]},
                               {"type": "url", "value": rec["url"]},
                               {"type": "domain", "value": rec["qvalue"]}]}
        if tlp == "amber":
            body["share_states"] = ["BB"]
            body["communities"] = ["Banking CSIRTs"]
        if tlp == "red":
            body["recipients"] = ["red.rec"]
        # an attachment, known to everyone by its hash
        r = server.request("POST", "/api/v1/evidence", session=author,
                           data=f"evidence {tlp} {tag}".encode(),
                           headers={"Content-Type": "text/plain"})
        assert r.status_code == 201, r.text
        rec["sha"] = r.json()["sha256"]
        body["files"] = [{"sha256": rec["sha"], "filename": "e.txt"}]
        r = server.request("POST", "/api/v1/incidents", session=author,
                           json=body)
        assert r.status_code == 201, r.text
        rec["id"] = r.json()["id"]
        rec["vid"] = {i["value"]: i["id"] for i in r.json()["indicators"]}
        # the same marking on a lesson, a request for information and
        # (except AMBER+STRICT, which no recipient state could read) an
        # advisory to BB
        marking = {k: body[k] for k in ("tlp", "share_states",
                                        "communities", "recipients")
                   if k in body}
        r = server.request("POST", "/api/v1/lessons", session=author, json=dict(
            marking, title=f"Lesson {tlp} {rec['token']}",
            what_happened="x", what_worked="y", what_to_change="z"))
        assert r.status_code == 201, r.text
        rec["lesson"] = r.json()["id"]
        r = server.request("POST", "/api/v1/rfis", session=author, json=dict(
            marking, question=f"Who else saw {rec['token']}?"))
        assert r.status_code == 201, r.text
        rec["rfi"] = r.json()["id"]
        if tlp != "amber+strict":
            r = server.request("POST", "/api/v1/advisories", session=author,
                               json=dict(marking, title=f"Advisory {tlp} "
                                         f"{rec['token']}", summary="s",
                                         severity="high", to_states=["BB"]))
            assert r.status_code == 201, r.text
            rec["advisory"] = r.json()["id"]
        recs[tlp] = rec
    # A second state reports the correlating values at GREEN.
    kn = server.bearer(server.add_user("kn.cert", "cert", "KN"))
    inds = []
    for rec in recs.values():
        inds += [{"type": "domain", "value": rec["cvalue"].replace(".", "[.]")},
                 {"type": "domain", "value": rec["url"][8:].split("/")[0]}]
    r = server.request("POST", "/api/v1/incidents", session=kn, json={
        "title": f"KN sees the same {tag}", "description": "second state",
        "rsit": "fraud:phishing", "severity": "medium", "tlp": "green",
        "indicators": inds})
    assert r.status_code == 201, r.text
    return {"recs": recs, "kn_incident": r.json()["id"], "tag": tag}


def sessions(server):
    out = {login: server.bearer(login) for login in USERS}
    out[None] = None
    return out


def test_anonymous_reads_nothing(server, world):
    rec = world["recs"]["clear"]
    for path in ("/api/v1/incidents", f"/api/v1/incidents/{rec['id']}",
                 "/api/v1/indicators", f"/api/v1/indicators/{rec['vid'][rec['value']]}",
                 f"/api/v1/indicators/lookup?type=domain&value={rec['value']}",
                 "/api/v1/clusters", f"/api/v1/search?q={rec['token']}",
                 "/api/v1/queue?state=TT"):
        assert_error(server.get(path), 401, "authentication_required")


def test_matrix_reads(server, world):
    recs = world["recs"]
    checked = 0
    for login, s in sessions(server).items():
        if login is None:
            continue
        g = lambda p: server.get(p, session=s)  # noqa: E731
        tag = world["tag"]
        incs = g(f"/api/v1/incidents?q={tag}&limit=200").json()
        titles = {i["title"] for i in incs["items"]}
        inds = g(f"/api/v1/indicators?q={tag}&limit=200").json()
        values = {i["value"] for i in inds["items"]}
        # the totals count exactly the rows the reader may read
        assert incs["total"] == len(incs["items"]), login
        assert inds["total"] == len(inds["items"]), login
        marks = {i["value"]: i["markings"] for i in inds["items"]}
        for tlp, rec in recs.items():
            want = may_read(login, tlp)
            where = f"{login} / TLP:{tlp}"
            # 1 list, 2 detail
            assert (f"Matrix {tlp} {rec['token']}" in titles) == want, where
            r = g(f"/api/v1/incidents/{rec['id']}")
            assert r.status_code == (200 if want else 404), where
            if want:
                assert r.json()["tlp"] == tlp
            else:
                assert rec["token"] not in r.text, where
            # 3 indicator list (with the markings the reader may see:
            # the correlating value's GREEN one from KN, and this
            # record's only when readable), 4 indicator page
            assert (rec["value"] in values) == want, where
            if want:
                assert marks[rec["value"]] == [tlp], where
            assert (tlp in marks.get(rec["cvalue"], [])) == want, where
            r = g(f"/api/v1/indicators/{rec['vid'][rec['value']]}")
            assert r.status_code == (200 if want else 404), where
            # 5 lookup by a value the caller already knows
            r = g(f"/api/v1/indicators/lookup?type=domain&value={rec['value']}")
            assert r.status_code == 200, r.text
            j = r.json()
            if want:
                assert j["sightings_visible"] == 1, where
                assert j["sightings"][0]["incident_id"] == rec["id"], where
            else:
                assert "sightings" not in j, where
                assert j["known"] == knows_exists(login, tlp), where
                assert j["sightings_restricted"] == \
                    (1 if knows_exists(login, tlp) else 0), where
            # 6 full-text search, 7 search by indicator value
            hits = g(f"/api/v1/search?q={rec['token']}").json()["items"]
            assert any(h["id"] == rec["id"] and h["kind"] == "incident"
                       for h in hits) == want, where
            if not want:
                assert rec["token"] not in str(hits), where
            hits = g(f"/api/v1/search?q={rec['value']}").json()["items"]
            assert any(h["kind"] == "indicator" for h in hits) == want, where
            checked += 1
    assert checked == len(USERS) * len(TLPS)


def test_matrix_collaboration_reads(server, world):
    """Advisories, lessons, requests for information, the inbox and the
    STIX export, for every user and level."""
    recs = world["recs"]
    for login, s in sessions(server).items():
        if login is None:
            continue
        g = lambda p: server.get(p, session=s)  # noqa: E731
        lists = {k: {i["id"] for i in g(f"/api/v1/{k}").json()["items"]}
                 for k in ("lessons", "rfis", "advisories")}
        inbox = {(i["kind"], i["ref_id"])
                 for i in g("/api/v1/inbox").json()["items"]}
        export = g("/api/v1/export/stix").text
        for tlp, rec in recs.items():
            want = may_read(login, tlp)
            where = f"{login} / TLP:{tlp}"
            for kind, key in (("lessons", "lesson"), ("rfis", "rfi"),
                              ("advisories", "advisory")):
                if key not in rec:
                    continue
                assert (rec[key] in lists[kind]) == want, (where, kind)
                r = g(f"/api/v1/{kind}/{rec[key]}")
                assert r.status_code == (200 if want else 404), (where, kind)
                if key != "rfi":
                    assert (key, rec[key]) in inbox or not want or \
                        login == "jm.author", (where, kind, "inbox")
                    assert ((key, rec[key]) in inbox) <= want, \
                        (where, kind, "inbox")
            assert ("incident", rec["id"]) in inbox or not want or \
                login == "jm.author", (where, "incident inbox")
            assert (("incident", rec["id"]) in inbox) <= want, where
            assert (rec["value"] in export) == want, (where, "export")
            assert (rec["token"] in export) == want, (where, "export")


def test_matrix_correlation(server, world):
    """The second state's GREEN incident is readable by every member; what
    each sees of the source's sightings of the same values is the policy's
    decision: the sighting itself, a count, or nothing (RED)."""
    recs = world["recs"]
    for login, s in sessions(server).items():
        if login is None:
            continue
        r = server.get(f"/api/v1/incidents/{world['kn_incident']}", session=s)
        assert r.status_code == 200, r.text
        inds = {i["value"]: i["matches"] for i in r.json()["indicators"]}
        for tlp, rec in recs.items():
            where = f"{login} / TLP:{tlp}"
            m = inds[rec["cvalue"]]
            seen = [x for x in m["sightings"] if x["incident_id"] == rec["id"]]
            assert bool(seen) == may_read(login, tlp), where
            if seen:
                assert seen[0]["state"] == "JM" and seen[0]["tlp"] == tlp
            assert m["restricted"] == (1 if knows_exists(login, tlp) else 0), \
                where
            # the URL reported by JM relates to KN's domain (same host)
            m = inds[rec["url"][8:].split("/")[0]]
            rel = [x for x in m["related"] if x["value"] == rec["url"]]
            assert bool(rel) == may_read(login, tlp), where
            if rel:
                assert rel[0]["relation"] == "host"
            else:
                assert rec["url"] not in str(m), where
            assert m["related_restricted"] == \
                (1 if knows_exists(login, tlp) else 0), where


def test_matrix_queue_and_clusters(server, world):
    """Routing to TT's queue and the RIFC's clusters follow the same
    policy: readable items shown, the rest counted, RED never."""
    recs = world["recs"]
    for login, s in sessions(server).items():
        if login is None:
            continue
        r = server.get("/api/v1/queue?state=TT", session=s)
        if login not in ("tt.cert", "analyst", "coordinator"):
            assert_error(r, 403, "forbidden")
        else:
            assert r.status_code == 200, r.text
            shown = {i["value"] for i in r.json()["items"]}
            for tlp, rec in recs.items():
                assert (rec["qvalue"] in shown) == may_read(login, tlp), \
                    f"{login} queue TLP:{tlp}"
            assert r.json()["restricted"] == sum(
                knows_exists(login, t) for t in TLPS), login
        r = server.get("/api/v1/clusters?min_states=2&days=30", session=s)
        if login != "analyst":
            assert_error(r, 403, "forbidden")
            continue
        clustered = {i["value"] for i in r.json()["items"]}
        for tlp, rec in recs.items():
            assert (rec["cvalue"] in clustered) == may_read(login, tlp), tlp


STIX_MARK = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict":
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}


def test_matrix_stix_import_answers(server, world):
    """The STIX import is a write path whose answer (counts, skipped) is
    checked like a read (issue 8, F2): for every kind of importer and every
    level of a stored object, importing the same id answers exactly as an
    id never stored, unless the object is the importer's own source's
    (JM) and readable by them. Imported markings have no author or
    organisation, so JM's own importers read CLEAR, GREEN and AMBER."""
    def obj(oid, modified, tlp):
        return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}",
                "objects": [{
                    "type": "malware", "spec_version": "2.1", "id": oid,
                    "created": "2026-01-01T00:00:00.000Z",
                    "modified": modified, "name": "m", "is_family": False,
                    "object_marking_refs": [STIX_MARK[tlp]]}]}

    def imp(s, doc):
        r = server.request("POST", "/api/v1/import/stix?dry_run=1",
                           session=s, json=doc)
        return r.status_code, r.json()

    stored = {}
    author = server.bearer("jm.author")
    for tlp in TLPS:
        stored[tlp] = f"malware--{uuid.uuid4()}"
        r = server.request("POST", "/api/v1/import/stix", session=author,
                           json=obj(stored[tlp], "2026-05-01T00:00:00.000Z",
                                    tlp))
        assert r.status_code == 201, r.text
    for login, s in sessions(server).items():
        if login is None:
            continue
        for tlp in TLPS:
            older = "2026-02-01T00:00:00.000Z"
            got = imp(s, obj(stored[tlp], older, "green"))
            fresh = imp(s, obj(f"malware--{uuid.uuid4()}", older, "green"))
            own = (USERS[login][1] == "JM" and
                   tlp in ("clear", "green", "amber"))
            if own and got[0] == 200:
                assert got[1]["counts"]["skipped"] == 1, (login, tlp, got)
            else:
                assert got == fresh, (login, tlp, got, fresh)


def test_matrix_stix_object_reads(server, world):
    """The stored STIX objects (issue 11 item 6): for every kind of user
    and every level, the list, the total, the object page (by row id and
    by STIX id) and a reference to it from a CLEAR relationship show
    exactly the objects that user's STIX export holds (the export is the
    older, audited read of the same rows); an unreadable one answers as
    an id never stored."""
    author = server.bearer("jm.author")
    tag = f"mx{uuid.uuid4().hex[:10]}"
    stored = {}
    objs = []
    for tlp in TLPS:
        stored[tlp] = f"malware--{uuid.uuid4()}"
        objs.append({"type": "malware", "spec_version": "2.1",
                     "id": stored[tlp],
                     "created": "2026-01-01T00:00:00.000Z",
                     "modified": "2026-01-01T00:00:00.000Z",
                     "name": f"{tag} {tlp}", "is_family": False,
                     "object_marking_refs": [STIX_MARK[tlp]]})
        objs.append({"type": "relationship", "spec_version": "2.1",
                     "id": f"relationship--{uuid.uuid4()}",
                     "created": "2026-01-01T00:00:00.000Z",
                     "modified": "2026-01-01T00:00:00.000Z",
                     "relationship_type": "related-to",
                     "description": f"{tag}rel{TLPS.index(tlp)}",
                     "source_ref": stored[tlp], "target_ref": stored[tlp],
                     "object_marking_refs": [STIX_MARK["clear"]]})
    r = server.request("POST", "/api/v1/import/stix", session=author,
                       json={"type": "bundle",
                             "id": f"bundle--{uuid.uuid4()}",
                             "objects": objs})
    assert r.status_code == 201, r.text
    ids = {}
    for o in server.get(f"/api/v1/stix/objects?q={tag}&type=malware",
                        session=author).json()["items"]:
        ids[o["stix_id"]] = o["id"]
    missing = assert_error(server.get(
        f"/api/v1/stix/objects/malware--{uuid.uuid4()}", session=author),
        404, "not_found")
    for login, s in sessions(server).items():
        if login is None:
            assert_error(server.get("/api/v1/stix/objects"), 401,
                         "authentication_required")
            continue
        g = lambda p: server.get(p, session=s)  # noqa: E731
        exported = {o["id"] for o in g("/api/v1/export/stix").json()
                    ["objects"] if o["type"] == "malware"}
        listed = g(f"/api/v1/stix/objects?q={tag}&type=malware"
                   "&limit=200").json()
        assert listed["total"] == len(listed["items"]), login
        seen = {o["stix_id"] for o in listed["items"]}
        for tlp in TLPS:
            want = stored[tlp] in exported
            where = f"{login} / TLP:{tlp}"
            assert (stored[tlp] in seen) == want, where
            r = g(f"/api/v1/stix/objects/{stored[tlp]}")
            assert r.status_code == (200 if want else 404), where
            if not want:
                assert r.json()["error"]["message"] == missing, where
                assert tag not in r.text, where
                if stored[tlp] in ids:
                    r = g(f"/api/v1/stix/objects/{ids[stored[tlp]]}")
                    assert r.status_code == 404, where
            # the CLEAR relationship names it: a link only when readable
            rels = g(f"/api/v1/stix/objects?q={tag}rel{TLPS.index(tlp)}"
                     "&type=relationship").json()["items"]
            assert len(rels) == 1, (where, rels)
            one = g(f"/api/v1/stix/objects/{rels[0]['id']}").json()
            src = [x for x in one["refs"] if x["property"] == "source_ref"]
            assert (src[0]["id"] is not None) == want, where
            assert (src[0]["name"] is not None) == want, where


def test_matrix_evidence_reads(server, world):
    """An incident's attachment is read through the incident's marking."""
    for login, s in sessions(server).items():
        for tlp, rec in world["recs"].items():
            r = server.get(f"/api/v1/evidence/{rec['sha']}", session=s)
            if login is not None and may_read(login, tlp):
                assert r.status_code == 200, (login, tlp)
                assert r.content == f"evidence {tlp} {world['tag']}".encode()
            else:
                assert_error(r, 401 if login is None else 404,
                             "authentication_required" if login is None
                             else "not_found")


# --------------------------------------------------- write-side oracles

MISSING_ID = 987654321
MISSING_SHA = "0123456789abcdef" * 4
YESTERDAY = (datetime.datetime.now(datetime.timezone.utc).date()
             - datetime.timedelta(days=1)).isoformat()


def _state(login):
    return (USERS[login][1] if login in USERS else None) or "JM"


# Every write that takes a reference: (name, method, path, body builder
# (login, ref, ctx) -> JSON, which reference of a record it takes).
WRITES = [
    ("rfi value_id", "POST", "/api/v1/rfis",
     lambda u, ref, c: {"question": "?", "tlp": "green", "value_id": ref},
     "vid"),
    ("rfi incident_id", "POST", "/api/v1/rfis",
     lambda u, ref, c: {"question": "?", "tlp": "green", "incident_id": ref},
     "id"),
    ("lesson incident_ids", "POST", "/api/v1/lessons",
     lambda u, ref, c: {"title": "t", "what_happened": "a",
                        "what_worked": "b", "what_to_change": "c",
                        "tlp": "green", "incident_ids": [ref]}, "id"),
    ("advisory incident_id", "POST", "/api/v1/advisories",
     lambda u, ref, c: {"title": "t", "summary": "s", "severity": "low",
                        "tlp": "green", "to_states": ["BB"],
                        "incident_id": ref}, "id"),
    ("incident related", "POST", "/api/v1/incidents",
     lambda u, ref, c: {"title": "t", "description": "d",
                        "rsit": "fraud:phishing", "severity": "low",
                        "tlp": "green", "state": _state(u),
                        "related": [ref]}, "id"),
    ("incident files", "POST", "/api/v1/incidents",
     lambda u, ref, c: {"title": "t", "description": "d",
                        "rsit": "fraud:phishing", "severity": "low",
                        "tlp": "green", "state": _state(u),
                        "files": [{"sha256": ref, "filename": "f.txt"}]},
     "sha"),
    ("status record files", "POST", "/api/v1/assessments",
     lambda u, ref, c: {"state": _state(u), "standard": c["standard"],
                        "as_of": YESTERDAY, "level": 0,
                        "source": "review_meeting",
                        "files": [{"sha256": ref, "filename": "f.txt"}]},
     "sha"),
    # forensics: a help request names its incident
    ("forensic request incident_id", "POST", "/api/v1/forensic-requests",
     lambda u, ref, c: {"lab_id": c["lab"], "state": _state(u),
                        "device_types": ["computer"], "volume": 1,
                        "urgency": "routine", "legal_basis": "s.12",
                        "incident_id": ref}, "id"),
    # cyber crisis management
    ("crisis incident_ids", "POST", "/api/v1/crises",
     lambda u, ref, c: {"title": "t", "summary": "s", "severity": 1,
                        "state": _state(u), "incident_ids": [ref]}, "id"),
]


def _answer(r):
    """Status, code and message, ids blotted out: all a caller learns."""
    try:
        e = r.json().get("error", {})
    except ValueError:
        e = {}
    return r.status_code, e.get("code"), re.sub(r"\d+", "N",
                                                 e.get("message", ""))


def test_matrix_write_references(server, world):
    """For every user, level and write that takes a reference: a record
    the user may not read is answered exactly as a missing one; one the
    user may read is accepted wherever the write itself is allowed.

    All refusals are checked before any acceptance, because accepting a
    file on a new record widens who reads the file (to the union)."""
    fw = server.get("/api/v1/framework",
                    session=server.bearer("coordinator")).json()
    ctx = {"standard": fw["areas"][0]["specific_areas"][0]["standards"][0]
           ["code"]}
    # forensics: a lab for the help requests to name
    lab = server.request("POST", "/api/v1/labs",
                         session=server.bearer("coordinator"),
                         json={"name": "Matrix lab", "org_id": server.get(
                               "/api/v1/organisations").json()["items"][0]
                               ["id"], "capabilities": ["imaging"],
                               "device_types": ["computer"], "capacity": 1})
    assert lab.status_code == 201, lab.text
    ctx["lab"] = lab.json()["id"]
    missing_ref = {"vid": MISSING_ID, "id": MISSING_ID, "sha": MISSING_SHA}
    recs = world["recs"]
    ss = sessions(server)

    def send(login, write, ref):
        name, method, path, body, _ = write
        return server.request(method, path, session=ss[login],
                              json=body(login, ref, ctx))

    missing = {(login, w[0]): _answer(send(login, w, missing_ref[w[4]]))
               for login in ss for w in WRITES}
    refused = 0
    for login in ss:
        for tlp, rec in recs.items():
            if login is not None and may_read(login, tlp):
                continue
            for w in WRITES:
                ref = rec["vid"][rec["value"]] if w[4] == "vid" \
                    else rec[w[4]]
                got = _answer(send(login, w, ref))
                assert got == missing[(login, w[0])], \
                    (login, tlp, w[0], got, missing[(login, w[0])])
                refused += got[0] == 422
    assert refused > 0
    accepted = 0
    for login in ss:
        for tlp, rec in recs.items():
            if login is None or not may_read(login, tlp):
                continue
            for w in WRITES:
                ref = rec["vid"][rec["value"]] if w[4] == "vid" \
                    else rec[w[4]]
                r = send(login, w, ref)
                if missing[(login, w[0])][0] == 422:
                    assert r.status_code == 201, (login, tlp, w[0], r.text)
                    accepted += 1
                else:
                    assert _answer(r) == missing[(login, w[0])], \
                        (login, tlp, w[0], r.text)
    assert accepted > 0


# Writes to a record named in the path: (name, method, path builder,
# body, which record of the world).
PATH_WRITES = [
    ("incident update", "PATCH", lambda i: f"/api/v1/incidents/{i}",
     {"version": 1, "status": "triaged"}, "id"),
    ("advisory ack", "POST", lambda i: f"/api/v1/advisories/{i}/ack", None,
     "advisory"),
    ("rfi answer", "POST", lambda i: f"/api/v1/rfis/{i}/answers",
     {"answer": "a"}, "rfi"),
    ("rfi close", "POST", lambda i: f"/api/v1/rfis/{i}/close", None, "rfi"),
]


def test_matrix_path_writes(server, world):
    """A write to a record the user may not read answers as one to a
    missing record (404), whatever the write."""
    ss = sessions(server)
    for login in ss:
        for name, method, path, body, key in PATH_WRITES:
            kw = {} if body is None else {"json": body}
            want = _answer(server.request(method, path(MISSING_ID),
                                          session=ss[login], **kw))
            for tlp, rec in world["recs"].items():
                if key not in rec or (login is not None and
                                      may_read(login, tlp)):
                    continue
                got = _answer(server.request(method, path(rec[key]),
                                             session=ss[login], **kw))
                assert got == want, (login, tlp, name, got, want)


# ------------------------------------ public reports (routed, not TLP)
#
# A public report is not TLP-shared: it is read and triaged by the NCPOC
# and CERT users of the states it is routed to and by the RIFC, nobody
# else. Its reads and the writes that name it in the path must answer
# everyone else exactly as a missing report, and store nothing.

REPORT_PATHS = [
    ("read", "GET", lambda i: f"/api/v1/public-reports/{i}", None),
    ("cluster", "GET", lambda i: f"/api/v1/public-reports/{i}/cluster",
     None),
    ("classify", "PATCH", lambda i: f"/api/v1/public-reports/{i}",
     {"rsit": "fraud:phishing", "priority": "normal"}),
    ("update", "POST", lambda i: f"/api/v1/public-reports/{i}/updates",
     {"body": "x", "for_reporter": False}),
    ("refer", "POST", lambda i: f"/api/v1/public-reports/{i}/referrals",
     {"target": "fiu"}),
    ("convert", "POST", lambda i: f"/api/v1/public-reports/{i}/convert",
     {}),
    ("close", "POST", lambda i: f"/api/v1/public-reports/{i}/close",
     {"reason": "x"}),
]


def _triages_jm(login):
    if login is None:
        return False
    if "rifc" in USERS[login][3]:
        return True
    return USERS[login][0] in ("ncpoc", "cert") and USERS[login][1] == "JM"


def test_matrix_public_reports(server, world):
    from triage_helpers import report_id, submit
    ref, _ = submit(server, state="JM",
                    suspects={"phones": ["+1 876 555 0150"]})
    rid = report_id(server, ref)
    ss = sessions(server)
    snap = server.snapshot()
    refused = 0
    for login in ss:
        if _triages_jm(login):
            continue
        for name, method, path, body in REPORT_PATHS:
            kw = {} if body is None else {"json": body}
            want = _answer(server.request(method, path(MISSING_ID),
                                          session=ss[login], **kw))
            got = _answer(server.request(method, path(rid),
                                         session=ss[login], **kw))
            assert got == want, (login, name, got, want)
            assert got[0] in (401, 404), (login, name, got)
            refused += 1
    assert refused > 0
    assert server.snapshot() == snap
    for login in ss:
        if not _triages_jm(login):
            continue
        for name in ("read", "cluster"):
            path = [p for p in REPORT_PATHS if p[0] == name][0][2]
            r = server.get(path(rid), session=ss[login])
            assert r.status_code == 200, (login, name, r.text)
