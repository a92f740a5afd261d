"""Operations endpoints, process lifecycle, and the headers every response
carries (errors included)."""

import re
import socket

import pytest

from conftest import assert_error, assert_security_headers, totp_at


def test_totp_helper_matches_rfc6238_vector():
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits).
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32("1234567890" * 2)
    assert totp_at(secret, 59 // 30, digits=8) == "94287082"
    assert totp_at(secret, 1111111109 // 30, digits=8) == "07081804"


def test_healthz_names_the_store(server, backend):
    r = server.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "store": backend}
    assert server.store == backend
    assert_security_headers(r)


def metric(text, name, labels=""):
    m = re.search(rf"^{re.escape(name + labels)} (\S+)$", text, re.M)
    assert m, f"{name}{labels} missing from:\n{text}"
    return float(m.group(1))


def test_metrics_count_requests(server, backend):
    r = server.get("/metrics")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    assert_security_headers(r)
    text = r.text
    assert "# TYPE ccscap_http_requests_total counter" in text
    assert 'ccscap_info{version="' in text and f'store="{backend}"' in text
    ok0 = metric(text, "ccscap_http_requests_total", '{code="2xx"}')
    bad0 = metric(text, "ccscap_http_requests_total", '{code="4xx"}')
    for _ in range(3):
        assert server.get("/api/v1/states").status_code == 200
    assert server.get("/api/v1/nope").status_code == 404
    assert server.get("/api/v1/contacts").status_code == 401
    text = server.get("/metrics").text
    # The first /metrics reply itself was counted after it was rendered.
    assert metric(text, "ccscap_http_requests_total",
                  '{code="2xx"}') >= ok0 + 4
    assert metric(text, "ccscap_http_requests_total",
                  '{code="4xx"}') == bad0 + 2
    # Only the request rendering the metrics is in flight.
    assert metric(text, "ccscap_http_requests_in_flight") == 1


def test_in_flight_gauge_returns_to_one_after_refusals(make_server):
    srv = make_server(config="max_body = 4096\n")
    big = b"x" * 10000
    h = {"Content-Type": "application/json"}
    for _ in range(3):
        r = srv.request("POST", "/api/v1/session", data=big, headers=h)
        assert r.status_code == 413
        r = srv.request("POST", "/api/v1/session", headers=h,
                        data=iter([big[:5000], big[5000:]]))  # chunked
        assert r.status_code == 413
        assert srv.get("/api/v1/nope").status_code == 404
    text = srv.get("/metrics").text
    assert metric(text, "ccscap_http_requests_in_flight") == 1


def test_sigterm_stops_cleanly(server):
    port = server.port
    assert server.stop() == 0, server.stderr_tail()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_openapi_document_served(server):
    r = server.get("/api/v1/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    # docs/openapi.json lists no paths yet; only its frame is checked here.
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["title"] == "ccscap"
    assert_security_headers(r)


# Requests of every kind; each reply, success or error, must carry the
# security headers, and each error the one JSON shape.
HEADER_CASES = [
    # (method, path, kwargs, status, error code or None, signed in)
    ("GET", "/healthz", {}, 200, None, False),
    ("GET", "/metrics", {}, 200, None, False),
    ("GET", "/", {}, 200, None, False),
    ("GET", "/no-such-page.css", {}, 404, "not_found", False),
    ("POST", "/", {}, 405, "method_not_allowed", False),
    ("GET", "/api/v1/states", {}, 200, None, False),
    ("GET", "/api/v1/states/ZZ", {}, 404, "unknown_state", False),
    ("GET", "/api/v1/nope", {}, 404, "not_found", False),
    ("PUT", "/api/v1/states", {}, 405, "method_not_allowed", False),
    ("GET", "/api/v1/contacts", {}, 401, "authentication_required", False),
    ("POST", "/api/v1/session", {"data": "x",
     "headers": {"Content-Type": "text/plain"}}, 415,
     "unsupported_media_type", False),
    ("POST", "/api/v1/session", {"json": {"login": "nobody",
     "password": "wrong-password"}}, 401, "invalid_credentials", False),
    ("GET", "/api/v1/contacts", {}, 200, None, True),
    ("GET", "/api/v1/users", {}, 403, "forbidden", True),
    ("GET", "/api/v1/contacts/999999", {}, 404, "not_found", True),
    ("GET", "/api/v1/contacts/abc", {}, 404, "not_found", True),
    ("GET", "/api/v1/audit?limit=0", {}, 400, "invalid_limit", True),
    ("POST", "/api/v1/contacts", {"data": "{",
     "headers": {"Content-Type": "application/json"}}, 400, "invalid_json",
     True),
]


@pytest.mark.parametrize("method,path,kw,status,code,signed_in", HEADER_CASES,
                         ids=[f"{c[0]} {c[1]} {c[3]}" for c in HEADER_CASES])
def test_every_response_has_security_headers(server, method, path, kw,
                                             status, code, signed_in):
    session = server.login("coordinator") if signed_in else None
    r = server.request(method, path, session=session, **kw)
    if code is None:
        assert r.status_code == status, r.text[:300]
        assert_security_headers(r)
    else:
        assert_error(r, status, code)


def test_oversized_body_refusal_has_headers_and_shape(make_server):
    srv = make_server(config="max_body = 4096\n")
    r = srv.request("POST", "/api/v1/contacts", data=b"{" + b" " * 8000 +
                    b"}", headers={"Content-Type": "application/json"})
    assert_error(r, 413, "body_too_large")
