"""What the public (no sign-in) sees: states and regional bodies, never
contact details or national bodies."""

import collections

import pytest

from conftest import assert_error, assert_security_headers

PUBLIC_STATE_KEYS = {"code", "name", "status", "cctld"}


def test_states_list_for_the_public(server):
    r = server.get("/api/v1/states")
    assert r.status_code == 200
    assert_security_headers(r)
    body = r.json()
    items = body["items"]
    assert body["count"] == len(items) == 21
    by_status = collections.Counter(s["status"] for s in items)
    assert by_status == {"member": 15, "associate": 5, "participant": 1}
    assert [s["code"] for s in items if s["status"] == "participant"] == \
        ["DO"]
    assert len({s["code"] for s in items}) == 21
    for s in items:
        # No counts, no gaps, no contacts for the public.
        # (id and sort_name: the list's keyset id and default sort)
        assert set(s) == PUBLIC_STATE_KEYS | {"id", "sort_name"}, s
    assert "JM" in {s["code"] for s in items}


def test_signed_in_states_list_has_counts(server):
    s = server.login("partner")
    items = server.get("/api/v1/states", session=s).json()["items"]
    assert len(items) == 21
    for st in items:
        assert {"ncpoc_count", "ncpoc_gap", "e_evidence_count",
                "cert_duty_count"} <= set(st)
        assert st["ncpoc_gap"] == (st["ncpoc_count"] < 2)


def test_gap_view_needs_sign_in(server):
    assert_error(server.get("/api/v1/states?gap=1"), 401,
                 "authentication_required")


def test_contacts_need_sign_in(server):
    assert_error(server.get("/api/v1/contacts"), 401,
                 "authentication_required")
    assert_error(server.get("/api/v1/contacts/1"), 401,
                 "authentication_required")
    assert_error(server.get("/api/v1/contacts?state=JM"), 401,
                 "authentication_required")


def test_state_page_for_the_public_has_no_contacts(server):
    r = server.get("/api/v1/states/JM")
    assert r.status_code == 200
    st = r.json()
    assert st["code"] == "JM" and st["name"] == "Jamaica"
    assert set(st) == PUBLIC_STATE_KEYS, st
    # Signed in, the same page lists the contacts.
    s = server.login("partner")
    st = server.get("/api/v1/states/JM", session=s).json()
    assert "contacts" in st and isinstance(st["contacts"], list)
    assert all(c["state"] == "JM" for c in st["contacts"])


@pytest.mark.parametrize("path,code", [
    ("/api/v1/states/XX", "unknown_state"),
    ("/api/v1/states/ZZ", "unknown_state"),
    ("/api/v1/states/jm1", "invalid_state_code"),
    ("/api/v1/states/jm", "invalid_state_code"),
    ("/api/v1/states/J", "invalid_state_code"),
])
def test_unknown_or_malformed_state_is_404(server, path, code):
    assert_error(server.get(path), 404, code)


def test_public_organisations_exclude_national_bodies(server):
    coord = server.login("coordinator")
    r = server.request("POST", "/api/v1/organisations", session=coord,
                       json={"name": "Jamaica Cyber Incident Response Team",
                             "acronym": "JaCIRT", "kind": "national_body",
                             "state": "JM"})
    assert r.status_code == 201, r.text
    org_id = r.json()["id"]

    public = server.get("/api/v1/organisations")
    assert public.status_code == 200
    kinds = {o["kind"] for o in public.json()["items"]}
    assert kinds and kinds <= {"governance_body", "regional_agency",
                               "international_partner", "academic"}
    assert org_id not in {o["id"] for o in public.json()["items"]}
    # Asking for the kind by name does not reveal it either.
    r = server.get("/api/v1/organisations?kind=national_body")
    assert r.status_code == 200 and r.json()["items"] == []
    # Nor does its id: same answer as a missing record.
    assert_error(server.get(f"/api/v1/organisations/{org_id}"), 404,
                 "not_found")

    # Members see it.
    member = server.get("/api/v1/organisations", session=coord).json()
    assert org_id in {o["id"] for o in member["items"]}
    assert server.get(f"/api/v1/organisations/{org_id}",
                      session=coord).status_code == 200


def test_public_organisation_detail_has_no_contacts(server):
    items = server.get("/api/v1/organisations").json()["items"]
    body = next(o for o in items if o["kind"] == "governance_body")
    r = server.get(f"/api/v1/organisations/{body['id']}")
    assert r.status_code == 200
    assert "contacts" not in r.json()
    assert "seats" in r.json()
