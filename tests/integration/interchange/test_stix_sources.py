"""Issue 8, F2: a STIX object is replaced only from its source.

Written as the attack the outside test made: Trinidad and Tobago's NCPOC
imports an object with the id of one Jamaica imported, with a newer
"modified" and TLP:CLEAR content. Jamaica's TLP:AMBER object must stay
Jamaica's (content, marking, export), Trinidad and Tobago keeps a copy of
its own, and nothing in the importer's answer (counts, skipped, errors,
dry run) may tell whether an object it may not read is stored."""

import json
import uuid

from conftest import assert_error

TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
TLP_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"


def sid(t):
    return f"{t}--{uuid.uuid4()}"


def malware(oid, name, modified, marks):
    return {"type": "malware", "spec_version": "2.1", "id": oid,
            "created": "2026-01-01T00:00:00.000Z", "modified": modified,
            "name": name, "is_family": False, "object_marking_refs": marks}


def incident(oid, name, modified, marks):
    return {"type": "incident", "spec_version": "2.1", "id": oid,
            "created": "2026-01-01T00:00:00.000Z", "modified": modified,
            "name": name, "description": name, "object_marking_refs": marks}


def indicator(oid, value, marks):
    return {"type": "indicator", "spec_version": "2.1", "id": oid,
            "created": "2026-01-02T03:04:05.000Z",
            "modified": "2026-01-02T03:04:05.000Z", "pattern_type": "stix",
            "pattern": f"[domain-name:value = '{value}']",
            "valid_from": "2026-01-02T03:04:05Z",
            "object_marking_refs": marks}


def sighting(ref, marks):
    return {"type": "sighting", "spec_version": "2.1", "id": sid("sighting"),
            "created": "2026-02-01T00:00:00.000Z",
            "modified": "2026-02-01T00:00:00.000Z",
            "first_seen": "2026-02-01T00:00:00Z", "sighting_of_ref": ref,
            "object_marking_refs": marks}


def bundle(*objs):
    return {"type": "bundle", "id": sid("bundle"), "objects": list(objs)}


def imp(server, who, doc, **query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    return server.request("POST", "/api/v1/import/stix" +
                          (f"?{qs}" if qs else ""), session=who,
                          data=json.dumps(doc),
                          headers={"Content-Type": "application/json"})


def export(server, who):
    r = server.get("/api/v1/export/stix", session=who)
    assert r.status_code == 200, r.text
    return r.json()["objects"]


def copies(objs, oid):
    return [o for o in objs if o["id"] == oid]


def two_states(server):
    jm = server.bearer("ncpoc.jm")
    tt = server.bearer(server.add_user("ncpoc.tt", "ncpoc", "TT"))
    return jm, tt


def test_another_state_cannot_replace_an_object(server):
    jm, tt = two_states(server)
    oid = sid("malware")
    mine = malware(oid, "Jamaica's finding", "2026-01-01T00:00:00.000Z",
                   [TLP_AMBER])
    r = imp(server, jm, bundle(mine))
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["passthrough"] == 1
    # the attack: same id, newer, CLEAR, from Trinidad and Tobago
    theirs = malware(oid, "overwritten", "2026-06-01T00:00:00.000Z",
                     [TLP_CLEAR])
    r = imp(server, tt, bundle(theirs))
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["passthrough"] == 1
    assert r.json()["counts"]["skipped"] == 0
    # Jamaica's object is still Jamaica's, in Jamaica's export
    got = copies(export(server, jm), oid)
    assert mine in got, got
    # Trinidad and Tobago reads its own copy, never Jamaica's AMBER one
    got = copies(export(server, tt), oid)
    assert got == [theirs], got
    # BB reads the CLEAR copy only
    got = copies(export(server, server.bearer("cert.bb")), oid)
    assert got == [theirs], got
    # the source still replaces its own object
    newer = dict(mine, name="Jamaica's update",
                 modified="2026-07-01T00:00:00.000Z")
    r = imp(server, jm, bundle(newer))
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["passthrough"] == 1
    got = copies(export(server, jm), oid)
    assert newer in got and mine not in got, got
    # and an older version from it is skipped, as before
    r = imp(server, jm, bundle(mine))
    assert r.json()["counts"]["skipped"] == 1, r.text


def test_answer_never_depends_on_unreadable_objects(server):
    jm, tt = two_states(server)
    stored_id, fresh_id = sid("malware"), sid("malware")
    r = imp(server, jm, bundle(malware(stored_id, "x",
                                       "2026-05-01T00:00:00.000Z",
                                       [TLP_AMBER])))
    assert r.status_code == 201, r.text
    # an older version of an id Trinidad and Tobago may not read answers
    # exactly as an id never stored, dry run or not
    for dry in (1, 0):
        answers = []
        for oid in (stored_id, fresh_id):
            r = imp(server, tt, bundle(malware(
                oid, "probe", "2026-01-01T00:00:00.000Z", [TLP_CLEAR])),
                dry_run=dry)
            assert r.status_code in (200, 201), r.text
            answer = r.json()
            # the links to what was stored name the importer's own new
            # copy: its STIX id is the one sent, its row id the next one
            for obj in answer.get("stored", {}).get("stix_objects", []):
                assert obj.pop("stix_id") == oid, answer
                assert isinstance(obj.pop("id"), int), answer
            answers.append(answer)
        assert answers[0] == answers[1], answers
        assert answers[0]["counts"]["skipped"] == 0


def test_incident_of_another_state_is_not_overwritten(server):
    jm, tt = two_states(server)
    oid = sid("incident")
    r = imp(server, jm, bundle(incident(oid, "Ransomware at the port",
                                        "2026-01-01T00:00:00.000Z",
                                        [TLP_AMBER])))
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["incidents"] == 1
    r = imp(server, tt, bundle(incident(oid, "nothing happened",
                                        "2026-06-01T00:00:00.000Z",
                                        [TLP_CLEAR])))
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["incidents"] == 1
    rows = server.db.sql("SELECT state_code, title FROM incidents WHERE "
                         "title IN ('Ransomware at the port', "
                         "'nothing happened') ORDER BY state_code")
    assert [tuple(x) for x in rows] == [
        ("JM", "Ransomware at the port"), ("TT", "nothing happened")], rows
    r = server.get("/api/v1/incidents", session=jm)
    titles = [i["title"] for i in r.json()["items"]]
    assert "Ransomware at the port" in titles, titles


def test_sighting_of_an_unreadable_indicator_learns_nothing(server):
    jm, tt = two_states(server)
    ind = sid("indicator")
    value = f"red-{uuid.uuid4().hex[:8]}.example.com"
    r = imp(server, jm, bundle(indicator(ind, value, [TLP_AMBER])))
    assert r.status_code == 201, r.text
    answers = []
    for ref in (ind, sid("indicator")):
        r = imp(server, tt, bundle(sighting(ref, [TLP_CLEAR])), dry_run=1)
        assert r.status_code == 200, r.text
        answers.append(r.json())
    assert answers[0] == answers[1], answers
    assert answers[0]["counts"]["sightings"] == 0
    r = imp(server, tt, bundle(sighting(ind, [TLP_CLEAR])))
    assert r.status_code == 201, r.text
    # the AMBER value did not become a CLEAR sighting of TT's
    r = server.get(f"/api/v1/indicators/lookup?type=domain&value={value}",
                   session=server.bearer("cert.bb"))
    assert r.status_code == 200, r.text
    assert r.json().get("sightings_visible", 0) == 0, r.text


def test_red_copy_of_own_state_is_no_oracle_either(server):
    """A RED import is readable by nobody but its importer: a colleague of
    the same state gets the answer of an id never stored."""
    jm, _ = two_states(server)
    jm2 = server.bearer(server.add_user("cert.jm2", "cert", "JM"))
    stored_id, fresh_id = sid("malware"), sid("malware")
    r = imp(server, jm, bundle(malware(stored_id, "x",
                                       "2026-05-01T00:00:00.000Z",
                                       [TLP_RED])))
    assert r.status_code == 201, r.text
    answers = []
    for oid in (stored_id, fresh_id):
        r = imp(server, jm2, bundle(malware(
            oid, "probe", "2026-01-01T00:00:00.000Z", [TLP_AMBER])),
            dry_run=1)
        assert r.status_code == 200, r.text
        answers.append(r.json())
    assert answers[0] == answers[1], answers


def test_bad_state_still_refused(server):
    _, tt = two_states(server)
    r = imp(server, tt, bundle(malware(sid("malware"), "x",
                                       "2026-01-01T00:00:00.000Z",
                                       [TLP_CLEAR])), state="JM")
    assert_error(r, 403, "forbidden")


def test_newer_version_of_own_incident_is_what_search_finds(server):
    """A state's re-import of its incident with a newer "modified" changes
    the incident; search must find it by what it now says, not by the
    words of the version it replaced."""
    jm, _ = two_states(server)
    oid = sid("incident")
    tag = uuid.uuid4().hex[:8]
    old, new = f"zanzibar{tag}", f"quokka{tag}"
    for words, modified in ((old, "2026-01-01T00:00:00.000Z"),
                            (new, "2026-06-01T00:00:00.000Z")):
        r = imp(server, jm, bundle(incident(oid, f"Intrusion {words}",
                                            modified, [TLP_AMBER])))
        assert r.status_code == 201, r.text
    rows = server.db.sql("SELECT id, title FROM incidents WHERE title LIKE "
                         f"'Intrusion %{tag}'")
    assert [x[1] for x in rows] == [f"Intrusion {new}"], rows

    def found(word):
        r = server.get(f"/api/v1/search?q={word}&kind=incident", session=jm)
        assert r.status_code == 200, r.text
        return [(str(x["id"]), x["title"]) for x in r.json()["items"]]

    assert found(new) == [(str(rows[0][0]), f"Intrusion {new}")]
    assert found(old) == []
