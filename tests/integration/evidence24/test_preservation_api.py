"""24/7 preservation requests over real HTTP, on both backends.

What must hold: a request is seen only by the NCPOCs of its two states
(requesting, requested) and the RIFC; anyone else, a third state's NCPOC
included, gets the 404 of a missing request, for reads and writes alike,
and nothing is stored; every view (JSON, PDF, list) and every move is in
the audit trail; a request missing a part of the Art. 29 form, an
expiry under 60 days, an IP address without its time and zone are
refused and store nothing; the moves follow the state machine and each
side makes only its own; sending needs the requested state's 24/7
contact from the directory; the clocks put the overdue first; an Art. 30
partial disclosure makes a linked follow-on request to the third state.
"""
import hashlib
import json

import pytest

from conftest import assert_error
from list_contract import check_list, check_q
from evidence24_helpers import (API, DAY, body, contact_24x7, create,
                                date_in, earlier, move, moved, ncpoc)

REQUIRED = ("requested_state", "requesting_authority", "requesting_contact",
            "legal_basis", "domestic_basis", "offence", "facts",
            "data_categories", "identifiers", "date_from", "date_to",
            "link_to_offence", "custodian", "custodian_location",
            "preservation_reason", "mla_to_follow", "non_disclosure",
            "urgency")
SORTS = ("clock", "created_at", "updated_at", "status", "requesting_state",
         "requested_state", "offence", "custodian")


def test_only_the_two_states_and_the_rifc_see_a_request(server):
    contact_24x7(server, "TT", "Inspector Lee")
    jm, tt, bb = ncpoc(server, "JM"), ncpoc(server, "TT"), ncpoc(server,
                                                                  "BB")
    req = create(server, jm)
    rid = req["id"]
    assert req["status"] == "draft"
    assert req["requesting_state"] == "JM"
    first = server.db.sql("SELECT name FROM contacts WHERE state_code = "
                          "'TT' AND role = 'e_evidence_24x7' ORDER BY id")
    assert req["requested_contact"].startswith(first[0][0] + ";")
    for s in (jm, tt, server.bearer("analyst")):
        before = server.audit_seq()
        r = server.get(f"{API}/{rid}", session=s)
        assert r.status_code == 200, r.text
        assert r.json()["facts"].startswith("A business e-mail")
        assert server.audit_seq() == before + 1
    events = server.audit_events()
    assert any(e["action"] == "preservation.read" for e in events)
    missing = server.get(f"{API}/{rid + 1000}", session=jm)
    assert_error(missing, 404, "not_found")
    for who in ("ncpoc.bb", "cert.bb", "coordinator", "admin", "partner",
                "steering"):
        s = bb if who == "ncpoc.bb" else server.bearer(who)
        r = server.get(f"{API}/{rid}", session=s)
        assert_error(r, 404, "not_found")
        assert (r.json()["error"]["message"].replace(str(rid), "N") ==
                missing.json()["error"]["message"].replace(
                    str(rid + 1000), "N"))
        assert_error(server.get(f"{API}/{rid}.pdf", session=s), 404,
                     "not_found")
    snap = server.snapshot()
    assert_error(move(server, bb, rid, "withdraw"), 404, "not_found")
    assert_error(move(server, server.bearer("coordinator"), rid, "send"),
                 404, "not_found")
    assert server.snapshot() == snap


def test_lists_refuse_roles_that_read_no_request(server):
    for who in ("cert.bb", "coordinator", "partner"):
        assert_error(server.get(API, session=server.bearer(who)), 403,
                     "forbidden")
        assert_error(server.get(f"{API}/figures",
                                session=server.bearer(who)), 403,
                     "forbidden")
    assert_error(server.request("POST", API, json=body(),
                                session=server.bearer("analyst")), 403,
                 "forbidden")


@pytest.mark.parametrize("field", REQUIRED)
def test_a_missing_art29_part_is_refused(server, field):
    jm = ncpoc(server, "JM")
    b = body()
    del b[field]
    snap = server.snapshot()
    r = server.request("POST", API, session=jm, json=b)
    assert_error(r, 400, "missing_field")
    assert field in r.json()["error"]["message"]
    assert server.snapshot() == snap


@pytest.mark.parametrize("over, code", [
    ({"period_days": 59}, "period_too_short"),
    ({"period_days": 400}, "period_too_long"),
    ({"identifiers": [{"kind": "ip", "value": "198.51.100.23",
                       "seen_at": "2026-11-20T14:05:00Z"}]},
     "ip_needs_time_and_timezone"),
    ({"identifiers": [{"kind": "ip", "value": "198.51.100.23",
                       "timezone": "UTC"}]}, "ip_needs_time_and_timezone"),
    ({"identifiers": []}, "invalid_identifier"),
    ({"identifiers": [{"kind": "imei", "value": "1"}]},
     "invalid_identifier_kind"),
    ({"data_categories": []}, "invalid_data_category"),
    ({"data_categories": ["metadata"]}, "invalid_data_category"),
    ({"legal_basis": "sap9"}, "sap9_needs_emergency"),
    ({"urgency": "emergency"}, "emergency_reason_required"),
    ({"legal_basis": "art31"}, "invalid_legal_basis"),
    ({"requested_state": "JM"}, "same_state"),
    ({"requested_state": "ZZ"}, "unknown_state"),
    ({"date_from": "2026-12-01", "date_to": "2026-11-01"},
     "invalid_date_range"),
    ({"date_to": "2026-13-01"}, "invalid_date"),
])
def test_bad_parts_of_the_form(server, over, code):
    jm = ncpoc(server, "JM")
    snap = server.snapshot()
    r = server.request("POST", API, session=jm, json=body(**over))
    assert_error(r, 422, code)
    assert server.snapshot() == snap


def test_emergency_under_sap9_is_accepted(server):
    jm = ncpoc(server, "JM")
    req = create(server, jm, legal_basis="sap9", urgency="emergency",
                 emergency_reason="A missing child is being groomed.")
    assert req["urgency"] == "emergency"
    assert req["legal_basis"] == "sap9"


def test_the_full_walk_with_an_art30_follow_on(server):
    jm, tt = ncpoc(server, "JM"), ncpoc(server, "TT")
    rid = create(server, jm, requested="TT")["id"]
    if not server.db.sql("SELECT id FROM contacts WHERE state_code = 'TT' "
                         "AND role = 'e_evidence_24x7'"):
        snap = server.snapshot()
        assert_error(move(server, jm, rid, "send"), 409, "no_24x7_contact")
        assert server.snapshot() == snap
        contact_24x7(server, "TT")
    # Only the requesting side sends; the requested side answers.
    assert_error(move(server, tt, rid, "send"), 403, "forbidden")
    sent = moved(server, jm, rid, "send")
    assert sent["status"] == "sent" and sent["due"] == "none"
    assert sent["ack_due_at"] - sent["sent_at"] == DAY
    assert sent["requested_contact"]
    assert_error(move(server, jm, rid, "acknowledge"), 403, "forbidden")
    # A day later nobody has acknowledged: overdue, first in TT's list.
    create(server, jm, requested="TT")
    earlier(server, rid, DAY + 60)
    lst = server.get(f"{API}?state=TT&overdue=true", session=tt).json()
    assert [i["id"] for i in lst["items"]] == [rid]
    assert lst["items"][0]["due"] == "ack_overdue"
    assert server.get(f"{API}?state=TT", session=tt).json()["items"][0][
        "id"] == rid
    ack = moved(server, tt, rid, "acknowledge")
    assert ack["status"] == "acknowledged" and ack["due"] == "none"
    assert server.get(f"{API}?state=TT&overdue=true",
                      session=tt).json()["total"] == 0
    # Preserved for at least 60 days; fewer is refused and stores nothing.
    snap = server.snapshot()
    assert_error(move(server, tt, rid, "preserve",
                      expires_on=date_in(59)), 422, "expiry_too_soon")
    assert server.snapshot() == snap
    pres = moved(server, tt, rid, "preserve", expires_on=date_in(90))
    assert pres["status"] == "preserved" and pres["due"] == "none"
    assert pres["reminder_at"] == pres["expires_at"] - 10 * DAY
    # 81 days later the reminder is due, before the expiry.
    earlier(server, rid, 81 * DAY)
    got = server.get(f"{API}/{rid}", session=jm).json()
    assert got["due"] == "expiring"
    assert "renew" in server.get(f"{API}/{rid}", session=tt).json()["moves"]
    assert_error(move(server, tt, rid, "expire"), 409, "not_expired")
    ren = moved(server, tt, rid, "renew", expires_on=date_in(70))
    assert ren["due"] == "none" and ren["renewals"] == 1
    # Art. 30: the path leads to a provider in Grenada.
    assert_error(move(server, tt, rid, "disclose_partly",
                      provider="Isle Hosting"), 422,
                 "third_state_required")
    assert_error(move(server, tt, rid, "disclose_partly", third_state="JM",
                      provider="Isle Hosting"), 422,
                 "third_state_is_party")
    out = moved(server, tt, rid, "disclose_partly", third_state="GD",
                provider="Isle Hosting Ltd", note="Traffic data disclosed: "
                "the session came through Isle Hosting, Grenada.")
    assert out["status"] == "partly_disclosed"
    # The follow-on is the requesting state's draft to Grenada: the
    # requested side that disclosed does not see it.
    assert out["follow_ons"] == [] and "follow_on_id" not in out
    kids = server.get(f"{API}/{rid}", session=jm).json()["follow_ons"]
    assert [k["requested_state"] for k in kids] == ["GD"]
    kid = kids[0]["id"]
    gd = ncpoc(server, "GD")
    follow = server.get(f"{API}/{kid}", session=gd).json()
    assert follow["status"] == "draft"
    assert follow["requesting_state"] == "JM"
    assert follow["requested_state"] == "GD"
    assert follow["custodian"] == "Isle Hosting Ltd"
    assert follow["parent_id"] is None
    assert server.get(f"{API}/{kid}", session=jm).json()["parent_id"] == rid
    assert_error(server.get(f"{API}/{rid}", session=gd), 404, "not_found")
    assert_error(server.get(f"{API}/{kid}", session=tt), 404, "not_found")
    # The MLA request, then fulfilled.
    assert_error(move(server, jm, rid, "record_mla"), 422,
                 "mla_reference_required")
    mla = moved(server, jm, rid, "record_mla", mla_reference="MLA/2026/17")
    assert mla["mla_reference"] == "MLA/2026/17"
    done = moved(server, tt, rid, "fulfil")
    assert done["status"] == "fulfilled" and done["moves"] == []
    assert server.get(f"{API}/{rid}", session=jm).json()["moves"] == [
        "record_mla"]
    assert_error(move(server, tt, rid, "refuse", reason="late"), 409,
                 "invalid_transition")
    hist = [e["action"] for e in done["events"]]
    assert hist == ["send", "acknowledge", "preserve", "renew",
                    "disclose_partly", "record_mla", "fulfil"]
    acts = [e["action"] for e in server.audit_events()]
    for a in ("preservation.create", "preservation.send",
              "preservation.preserve", "preservation.follow_on",
              "preservation.fulfil", "preservation.list"):
        assert a in acts, a


def test_refuse_expire_and_withdraw(server):
    contact_24x7(server, "BB")
    jm, bb = ncpoc(server, "JM"), ncpoc(server, "BB")
    a = create(server, jm, requested="BB")["id"]
    moved(server, jm, a, "send")
    snap = server.snapshot()
    assert_error(move(server, bb, a, "refuse"), 422, "reason_required")
    assert_error(move(server, bb, a, "fulfill"), 422, "invalid_action")
    assert server.snapshot() == snap
    out = moved(server, bb, a, "refuse", reason="Dual criminality is not "
                "met for this offence.")
    assert out["status"] == "refused"
    assert out["outcome_reason"].startswith("Dual criminality")
    b = create(server, jm, requested="BB")["id"]
    moved(server, jm, b, "send")
    moved(server, bb, b, "preserve")
    got = server.get(f"{API}/{b}", session=jm).json()
    assert got["expires_at"] - got["preserved_at"] == 90 * DAY
    earlier(server, b, 91 * DAY)
    lapsed = server.get(f"{API}/{b}", session=bb).json()
    assert lapsed["due"] == "lapsed" and "expire" in lapsed["moves"]
    assert moved(server, jm, b, "expire")["status"] == "expired"
    c = create(server, jm, requested="BB")["id"]
    assert_error(move(server, jm, c, "acknowledge"), 409,
                 "invalid_transition")
    assert moved(server, jm, c, "withdraw",
                 reason="Suspect identified")["status"] == "withdrawn"
    assert_error(move(server, jm, c, "send"), 409, "invalid_transition")


def test_list_pages_with_total_and_cursor(server):
    contact_24x7(server, "BB")
    jm, bb = ncpoc(server, "JM"), ncpoc(server, "BB")
    ids = [create(server, jm, requested="BB")["id"] for _ in range(5)]
    for rid in ids[:2]:
        moved(server, jm, rid, "send")
        earlier(server, rid, 2 * DAY)
    seen, cursor = [], None
    while True:
        q = f"{API}?state=BB&limit=2" + (f"&cursor={cursor}" if cursor
                                          else "")
        page = server.get(q, session=bb).json()
        assert page["total"] == 5 and len(page["items"]) <= 2
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids)
    # the clock first: the two sent two days ago are overdue
    assert set(seen[:2]) == set(ids[:2])
    assert server.get(f"{API}?state=BB&side=requested&status=draft",
                      session=bb).json()["total"] == 3
    assert server.get(f"{API}?state=BB&side=requesting",
                      session=bb).json()["total"] == 0
    assert_error(server.get(f"{API}?side=requested", session=bb), 422,
                 "invalid_side")
    assert_error(server.get(f"{API}?status=closed", session=bb), 422,
                 "invalid_status")
    assert_error(server.get(f"{API}?overdue=maybe", session=bb), 400,
                 "invalid_overdue")
    assert_error(server.get(f"{API}?cursor=x", session=bb), 400,
                 "invalid_cursor")
    # A state's NCPOC lists only its own requests; the RIFC all of them.
    assert server.get(API, session=ncpoc(server, "GD")).json()["total"] == 0
    assert server.get(API, session=server.bearer("analyst")).json()[
        "total"] >= 5


def test_list_contract_and_every_page_audited(server):
    contact_24x7(server, "BB")
    contact_24x7(server, "TT")
    jm, bb, tt = ncpoc(server, "JM"), ncpoc(server, "BB"), ncpoc(server,
                                                                  "TT")
    mine = [create(server, jm, requested="BB",
                   custodian=f"Provider {i}")["id"] for i in range(7)]
    other = create(server, tt, requested="JM",
                   custodian="Provider hidden")["id"]
    for rid in mine[:3]:
        moved(server, jm, rid, "send")
    url = f"{API}?state=BB"
    total = check_list(server, bb, url, SORTS,
                       int_sorts=("clock", "created_at", "updated_at"))
    assert total == 7
    assert check_q(server, bb, url, "provider 3", "custodian") == 1
    # BB's NCPOC never sees TT's request to JM: not in a page, the total
    # or the CSV
    assert server.get(API, session=bb).json()["total"] == 7
    csv_text = server.get(f"{API}?format=csv&q=provider",
                          session=bb).text
    assert "Provider hidden" not in csv_text
    assert "Provider 6" in csv_text
    assert other not in [r["id"] for r in server.get(
        f"{API}?limit=200", session=bb).json()["items"]]
    # every page shown and every CSV is an audited read of exactly the
    # ids it showed (the trail keeps the change's digest)
    page = server.get(f"{API}?state=BB&limit=3&sort=created_at&order=asc",
                      session=bb).json()
    shown = [r["id"] for r in page["items"]]
    assert shown == mine[:3]
    assert last_list_digest(server) == digest(shown, "json")
    page = server.get(f"{API}?state=BB&limit=3&sort=created_at&order=asc"
                      f"&cursor={page['next_cursor']}", session=bb).json()
    assert last_list_digest(server) == digest(mine[3:6], "json")
    server.get(f"{API}?state=BB&format=csv&sort=created_at&order=desc",
               session=bb)
    assert last_list_digest(server) == digest(list(reversed(mine)), "csv")


def digest(ids, form):
    change = {"state": "BB", "side": None, "status": None,
              "overdue": False, "form": form, "ids": ids}
    return hashlib.sha256(json.dumps(change, sort_keys=True, separators=(
        ",", ":")).encode()).hexdigest()


def last_list_digest(server):
    return [e for e in server.audit_events(50)
            if e["action"] == "preservation.list"][0]["digest"]


def test_figures(server):
    contact_24x7(server, "BB")
    jm, bb = ncpoc(server, "JM"), ncpoc(server, "BB")
    a = create(server, jm, requested="BB")["id"]
    b = create(server, jm, requested="BB")["id"]
    create(server, jm, requested="BB")
    for rid in (a, b):
        moved(server, jm, rid, "send")
    earlier(server, a, 6 * 3600)
    moved(server, bb, a, "preserve")
    moved(server, jm, a, "record_mla", mla_reference="MLA/1")
    fig = server.get(f"{API}/figures?state=BB", session=jm).json()
    row = fig["states"][0]
    assert row["state"] == "BB"
    assert row["received"] == 2
    assert row["acknowledged"] == 1
    assert 5.9 < row["mean_hours_to_acknowledge"] < 6.2
    assert row["preserved"] == 1 and row["preserved_before_expiry"] == 1
    assert row["followed_by_mla"] == 1
    assert row["followed_by_mla_share"] == 0.5
    assert fig["total"]["received"] == 2
    gd = server.get(f"{API}/figures", session=ncpoc(server, "GD")).json()
    assert gd["states"] == [] and gd["total"]["received"] == 0
