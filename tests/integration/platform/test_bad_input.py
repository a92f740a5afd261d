"""Bad requests: each is refused with its own status and code, in the one
error shape, and stores nothing (same contacts, same audit trail)."""

import json

import pytest

from conftest import assert_error

JSON = {"Content-Type": "application/json"}
GOOD = {"name": "Valid Person", "role": "cert_duty", "state": "JM",
        "email": "valid@jm.example.org"}


def body(**changes):
    b = dict(GOOD)
    for k, v in changes.items():
        if v is ...:
            b.pop(k)
        else:
            b[k] = v
    return json.dumps(b)


# (id, method, path, headers, raw body, status, code). {cid} and {ver} are
# replaced by the id and version of an existing JM contact.
CASES = [
    ("malformed-json", "POST", "/api/v1/contacts", JSON, '{"name": "x",',
     400, "invalid_json"),
    ("empty-body", "POST", "/api/v1/contacts", JSON, "", 400,
     "invalid_json"),
    ("duplicate-key", "POST", "/api/v1/contacts", JSON,
     '{"name": "a", "name": "b", "role": "cert_duty", "state": "JM"}', 400,
     "invalid_json"),
    ("array-body", "POST", "/api/v1/contacts", JSON, json.dumps([GOOD]),
     400, "invalid_body"),
    ("wrong-type-name", "POST", "/api/v1/contacts", JSON, body(name=42), 400,
     "wrong_type"),
    ("wrong-type-org", "POST", "/api/v1/contacts", JSON,
     body(organisation_id="7"), 400, "wrong_type"),
    ("wrong-type-null-name", "PATCH", "/api/v1/contacts/{cid}", JSON,
     '{"name": null, "version": {ver}}', 400, "wrong_type"),
    ("wrong-type-version", "PATCH", "/api/v1/contacts/{cid}", JSON,
     '{"title": "x", "version": "1"}', 400, "wrong_type"),
    ("missing-version", "PATCH", "/api/v1/contacts/{cid}", JSON,
     '{"title": "x"}', 422, "version_required"),
    ("unknown-field", "POST", "/api/v1/contacts", JSON,
     body(nickname="Val"), 400, "unknown_field"),
    ("unknown-field-patch", "PATCH", "/api/v1/contacts/{cid}", JSON,
     '{"id": 5, "version": {ver}}', 400, "unknown_field"),
    ("missing-name", "POST", "/api/v1/contacts", JSON, body(name=...), 400,
     "missing_field"),
    ("missing-role", "POST", "/api/v1/contacts", JSON, body(role=...), 400,
     "missing_field"),
    ("empty-name", "POST", "/api/v1/contacts", JSON, body(name=""), 400,
     "missing_field"),
    ("name-too-long", "POST", "/api/v1/contacts", JSON, body(name="n" * 201),
     400, "field_too_long"),
    ("control-chars", "POST", "/api/v1/contacts", JSON,
     body(name="bad\u0007bell"), 400, "invalid_text"),
    ("c1-control", "POST", "/api/v1/contacts", JSON,
     body(name="bad\u009b[2Jname"), 400, "invalid_text"),
    ("bidi-override", "POST", "/api/v1/contacts", JSON,
     body(name="Val \u202eecnalaV"), 400, "invalid_text"),
    ("bidi-isolate", "PATCH", "/api/v1/contacts/{cid}", JSON,
     '{"title": "a\\u2067b", "version": {ver}}', 400, "invalid_text"),
    ("text-plain", "POST", "/api/v1/contacts",
     {"Content-Type": "text/plain"}, body(), 415, "unsupported_media_type"),
    ("form-encoded", "POST", "/api/v1/contacts",
     {"Content-Type": "application/x-www-form-urlencoded"}, "name=x", 415,
     "unsupported_media_type"),
    ("no-content-type", "POST", "/api/v1/contacts", {}, body(), 415,
     "unsupported_media_type"),
    ("lowercase-iso", "POST", "/api/v1/contacts", JSON, body(state="jm"),
     422, "invalid_state_code"),
    ("digit-iso", "POST", "/api/v1/contacts", JSON, body(state="J1"), 422,
     "invalid_state_code"),
    ("unknown-state", "POST", "/api/v1/contacts", JSON, body(state="XX"),
     422, "unknown_state"),
    ("unknown-state-patch", "PATCH", "/api/v1/contacts/{cid}", JSON,
     '{"state": "FR", "version": {ver}}', 422, "unknown_state"),
    ("invalid-email", "POST", "/api/v1/contacts", JSON,
     body(email="not-an-address"), 422, "invalid_email"),
    ("invalid-email-2", "POST", "/api/v1/contacts", JSON,
     body(email="a@b"), 422, "invalid_email"),
    ("invalid-phone", "POST", "/api/v1/contacts", JSON,
     body(phone="call me"), 422, "invalid_phone"),
    ("invalid-role", "POST", "/api/v1/contacts", JSON, body(role="boss"),
     422, "invalid_role"),
    ("ncpoc-without-category", "POST", "/api/v1/contacts", JSON,
     body(role="ncpoc"), 422, "invalid_ncpoc_category"),
    ("category-on-non-ncpoc", "POST", "/api/v1/contacts", JSON,
     body(ncpoc_category="other"), 422, "invalid_ncpoc_category"),
    ("state-required", "POST", "/api/v1/contacts", JSON, body(state=None),
     422, "state_required"),
    ("24x7-without-channel", "POST", "/api/v1/contacts", JSON,
     body(role="e_evidence_24x7", email=...), 422, "channel_required"),
    ("bad-fingerprint", "POST", "/api/v1/contacts", JSON,
     body(key_fingerprint="abc"), 422, "invalid_fingerprint"),
    ("unknown-organisation", "POST", "/api/v1/contacts", JSON,
     body(organisation_id=999999), 422, "unknown_organisation"),
    ("unknown-route", "GET", "/api/v1/nothing-here", {}, None, 404,
     "not_found"),
    ("unknown-route-post", "POST", "/api/v1/contacts/1/extra", JSON, "{}",
     404, "not_found"),
    ("non-numeric-id", "PATCH", "/api/v1/contacts/abc", JSON, '{}', 404,
     "not_found"),
    ("wrong-method-put", "PUT", "/api/v1/contacts", JSON, body(), 405,
     "method_not_allowed"),
    ("wrong-method-delete", "DELETE", "/api/v1/states/JM", {}, None, 405,
     "method_not_allowed"),
    ("wrong-method-post-item", "POST", "/api/v1/contacts/{cid}", JSON,
     body(), 405, "method_not_allowed"),
]


@pytest.fixture
def coord(server):
    return server.login("coordinator")


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_request_refused_and_nothing_stored(server, coord, case):
    name, method, path, headers, raw, status, code = case
    before = server.snapshot()
    jm = [c for c in before["contacts"] if c["state"] == "JM"]
    path = path.replace("{cid}", str(jm[0]["id"]))
    if raw is not None:
        raw = raw.replace("{ver}", str(jm[0]["version"]))
    r = server.request(method, path, session=coord, headers=headers,
                       data=raw.encode() if raw is not None else None)
    assert_error(r, status, code)
    assert server.snapshot() == before


def test_scalar_json_body_refused(server, coord):
    before = server.snapshot()
    for raw in ('"hello"', "42", "null", "true"):
        r = server.request("POST", "/api/v1/contacts", session=coord,
                           data=raw, headers=JSON)
        assert r.status_code == 400, r.text
        # jansson reads a bare scalar as malformed; either code is fair.
        assert r.json()["error"]["code"] in ("invalid_json", "invalid_body")
    assert server.snapshot() == before


def test_unknown_state_message_names_the_state(server, coord):
    # Regression: the message used to be re-formatted into itself
    # (overlapping vsnprintf) and came out empty.
    r = server.request("POST", "/api/v1/contacts", session=coord,
                       data=body(state="XX"), headers=JSON)
    assert "XX" in assert_error(r, 422, "unknown_state")
    r = server.request("POST", "/api/v1/organisations", session=coord,
                       json={"name": "Nowhere Agency", "kind": "national_body",
                             "state": "XX"})
    assert "XX" in assert_error(r, 422, "unknown_state")


def test_version_on_create_is_refused(server, coord):
    before = server.snapshot()
    r = server.request("POST", "/api/v1/contacts", session=coord,
                       data=body(version=3), headers=JSON)
    assert r.json()["error"]["code"] == "unknown_field"
    assert server.snapshot() == before


def test_version_on_create_has_the_unknown_field_status(server, coord):
    r = server.request("POST", "/api/v1/contacts", session=coord,
                       data=body(version=3), headers=JSON)
    assert_error(r, 400, "unknown_field")


def test_good_body_is_accepted(server, coord):
    # The control case: the body the cases above break is itself fine.
    seq = server.audit_seq()
    r = server.request("POST", "/api/v1/contacts", session=coord,
                       data=body(), headers=JSON)
    assert r.status_code == 201, r.text
    assert server.audit_seq() == seq + 1


@pytest.fixture
def small_server(make_server):
    return make_server(config="# small bodies only\nmax_body = 4096\n")


def test_body_over_the_limit(small_server):
    srv = small_server
    coord = srv.login("coordinator")
    before = srv.snapshot()
    big = body(availability="a" * 150, name="B" * 150)
    big = big[:-1] + ', "title": "' + "t" * 150 + '"}'
    assert len(big) < 4096
    # Under the limit, a normal request works (after the snapshot: +1).
    huge = json.dumps(dict(GOOD, title="x" * 5000))
    assert len(huge) > 4096
    r = srv.request("POST", "/api/v1/contacts", session=coord, data=huge,
                    headers=JSON)
    assert_error(r, 413, "body_too_large")
    # Without Content-Length (chunked), the limit still holds.
    chunks = [huge[i:i + 1000].encode() for i in range(0, len(huge), 1000)]
    r = srv.request("POST", "/api/v1/contacts", session=coord,
                    data=iter(chunks), headers=JSON)
    assert_error(r, 413, "body_too_large")
    # A sign-in attempt with a huge body is refused before it is read.
    r = srv.request("POST", "/api/v1/session", data=huge, headers=JSON)
    assert_error(r, 413, "body_too_large")
    assert srv.snapshot() == before
    r = srv.request("POST", "/api/v1/contacts", session=coord,
                    data=body(), headers=JSON)
    assert r.status_code == 201, r.text


def test_body_exactly_at_the_limit_is_read(small_server):
    srv = small_server
    coord = srv.login("coordinator")
    raw = body(name="Exact Size")
    raw = raw[:-1] + ", " + '"title": "' + "t" * 10 + '"}'
    pad = 4096 - len(raw.encode())
    raw = raw[:-1] + " " * pad + "}"
    assert len(raw.encode()) == 4096
    r = srv.request("POST", "/api/v1/contacts", session=coord, data=raw,
                    headers=JSON)
    assert r.status_code == 201, r.text


def test_duplicate_login_via_cli(server):
    before = server.users()
    out = server.cli("user", "add", "coordinator", "--role", "coordinator",
                     "--password-stdin", stdin="a-long-enough-password\n")
    assert out.returncode != 0
    assert "already taken" in out.stderr and "coordinator" in out.stderr
    assert server.users() == before
    # The old password still works.
    assert server.sign_in("coordinator").status_code == 201


def test_cli_user_add_validates(server):
    before = server.users()
    cases = [
        (["user", "add", "Bad Login", "--role", "partner"], "login"),
        (["user", "add", "new.user", "--role", "king"], "role"),
        (["user", "add", "new.ncpoc", "--role", "ncpoc"], "state"),
        (["user", "add", "new.ncpoc", "--role", "ncpoc", "--state", "XX"],
         "XX"),
        (["user", "add", "new.admin", "--role", "admin", "--state", "JM"],
         "administrator"),
    ]
    for args, word in cases:
        out = server.cli(*args, "--password-stdin",
                         stdin="a-long-enough-password\n")
        assert out.returncode != 0, args
        assert word in out.stderr, (args, out.stderr)
    out = server.cli("user", "add", "new.user", "--role", "partner",
                     "--password-stdin", stdin="short\n")
    assert out.returncode != 0 and "12" in out.stderr
    assert server.users() == before
