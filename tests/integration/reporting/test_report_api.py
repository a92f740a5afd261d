"""The JSON submit endpoint for a partner's own form, on both backends:
the same checks and limits as the HTML form, answers in the one error
shape naming the field, a reference and a secret the follow-up page
accepts."""
from conftest import assert_error
from reporting_helpers import count, follow, solve

API = "/api/v1/reporting/reports"


def body(server, solved=True, **kw):
    ch = server.get("/api/v1/reporting/challenge").json()
    assert ch["bits"] >= 8 and ch["expires_at"] > 0
    b = {"category": "fraud", "state": "TT", "victim_type": "business",
         "what": "Invoice redirected to a new account.",
         "pow_challenge": ch["challenge"],
         "pow_nonce": solve(ch["challenge"]) if solved else None}
    b.update(kw)
    return b


def test_submit_and_follow(server):
    r = server.request("POST", API, json=body(server, language="nl",
                                                sus_urls="https://x.tt/"))
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["status"] == "submitted"
    assert "Set-Cookie" not in r.headers
    f = follow(server, out["reference"], out["secret"])
    assert f.status_code == 200
    assert server.db.sql("SELECT language FROM public_reports WHERE "
                         f"reference = '{out['reference']}'")[0][0] == "nl"


def test_bad_input(server):
    n = count(server)
    r = server.request("POST", API, json=body(server, what=""))
    assert_error(r, 400, "missing_field")
    r = server.request("POST", API, json=body(server, amount="lots"))
    assert_error(r, 422, "invalid_field")
    assert r.json()["error"]["message"].startswith("amount:")
    r = server.request("POST", API, json=body(server, state="ZZ"))
    assert_error(r, 422, "unknown_state")
    r = server.request("POST", API, json=body(server, language="de"))
    assert_error(r, 422, "invalid_language")
    r = server.request("POST", API, json=body(server, colour="red"))
    assert_error(r, 400, "unknown_field")
    b = body(server)
    assert server.request("POST", API, json=b).status_code == 201
    assert_error(server.request("POST", API, json=b), 409, "pow_replayed")
    again = body(server)
    assert_error(server.request("POST", API, json=again), 409,
                 "duplicate_report")
    forged = body(server)
    forged["pow_challenge"] = forged["pow_challenge"][:-2] + "00"
    assert_error(server.request("POST", API, json=forged), 422,
                 "pow_invalid")
    assert count(server) == n + 1


def test_same_limits(server):
    for i in range(5):
        r = server.request("POST", API, json=body(server, solved=False,
                                                  what=f"unsolved {i}"))
        assert r.status_code == 201, r.text
    r = server.request("POST", API, json=body(server, solved=False,
                                              what="unsolved 6"))
    assert_error(r, 429, "rate_limited")
    assert server.request("POST", API, json=body(
        server, what="solved")).status_code == 201
