"""The public reporting portal over real HTTP, on both backends: the form
without an account or cookie, in four languages; a report filed without
JavaScript gets a reference and a secret that show its status; the
report is sealed at rest and routed; each kind of bad input gets a clear
page in the reader's language and stores nothing."""
import html
import os
import re
import stat

import requests

from reporting_helpers import (FORM, challenge, count, follow, post,
                               receipt, report, solve, summary)

# GOV.UK pattern: a page that shows errors says so first in its title,
# so a screen reader announces it before anything else.
TITLE_ERROR = {"fr": "Erreur", "es": "Error"}


def title(r):
    m = re.search(r"<title>(.*?)</title>", r.text, re.S)
    assert m, "page without a title"
    return html.unescape(m.group(1))


def test_form_is_public_plain_and_cookieless(server):
    r = server.get("/report")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert "Set-Cookie" not in r.headers
    assert '<html lang="en">' in r.text
    assert 'name="category"' in r.text and 'type="radio"' in r.text
    # nothing from other sites: every src and href is local
    for url in re.findall(r'(?:src|href)="([^"]*)"', r.text):
        assert url.startswith("/") or url.startswith("#"), url
    # the kind of crime decides the form: no file input for CSAM
    ce = server.get("/report?category=child_exploitation")
    assert ce.status_code == 200
    assert 'type="file"' not in ce.text
    assert "multipart/form-data" not in ce.text
    assert "This form accepts no files." in ce.text
    assert "anonymous unless you choose" in ce.text
    fraud = server.get("/report?category=fraud")
    assert 'type="file"' in fraud.text and "multipart/form-data" in fraud.text
    assert 'name="pow_challenge"' in fraud.text
    assert "Set-Cookie" not in fraud.headers


def test_languages(server):
    fr = server.get("/report?category=fraud&lang=fr")
    assert '<html lang="fr">' in fr.text
    assert "Fraude et escroqueries" in fr.text
    assert "Envoyer le signalement" in fr.text
    es = server.get("/report", headers={"Accept-Language":
                                        "es-DO,es;q=0.9,en;q=0.5"})
    assert '<html lang="es">' in es.text
    assert "Denunciar un delito cibern" in es.text
    assert es.headers["Content-Language"] == "es"
    nl = server.get("/report/follow-up", headers={"Accept-Language":
                                                  "fr;q=0.2, nl"})
    assert "Uw melding volgen" in nl.text
    # ?lang= wins over the header; the switch links to each language
    en = server.get("/report?lang=en", headers={"Accept-Language": "fr"})
    assert '<html lang="en">' in en.text
    for code in ("en", "fr", "nl", "es"):
        assert f'href="/report?lang={code}"' in en.text
    # TLP labels and state names are not translated; figures are
    assert "Les signalements en chiffres" in server.get(
        "/report/figures?lang=fr").text


def test_report_without_javascript_and_follow_up(server):
    before = count(server)
    r = post(server, report(what="Lost 200 USD to a fake shop.",
                            amount="200", currency="USD",
                            method="card"), solved=False)
    assert r.status_code == 201, summary(r)
    assert "Set-Cookie" not in r.headers
    ref, secret = receipt(r)
    assert re.fullmatch(r"R-[0-9A-Z]{4}-[0-9A-Z]{4}", ref)
    assert re.fullmatch(r"([0-9A-Z]{4}-){4}[0-9A-Z]{4}", secret)
    assert count(server) == before + 1
    # the secret is shown once: never stored, not even its clear form
    assert not server.db.sql(
        f"SELECT id FROM public_reports WHERE secret_hash = '{secret}'")
    f = follow(server, ref, secret)
    assert f.status_code == 200, f.text
    assert 'data-status="submitted"' in f.text
    assert "No update yet." in f.text
    assert "What happens next" in f.text
    # the secret is case- and dash-insensitive as typed
    assert follow(server, ref, secret.lower().replace("-", "")) \
        .status_code == 200
    # a team's update is what the reporter then sees
    server.db.sql("UPDATE public_reports SET status = 'referred', "
                  "reporter_update = 'Passed to the <police>.', "
                  f"reporter_update_at = 1767225600 WHERE reference = "
                  f"'{ref}'")
    f = follow(server, ref, secret)
    assert 'data-status="referred"' in f.text
    assert "Passed to the &lt;police&gt;." in f.text
    # adding information
    a = follow(server, ref, secret, action="add", text="New message <b>")
    assert a.status_code == 200
    assert "Your information was added." in a.text
    assert count(server, "public_report_additions") == 1
    empty = follow(server, ref, secret, action="add", text="")
    assert empty.status_code == 400
    assert summary(empty) == ["Enter the information to add"]
    events = [e["action"] for e in server.audit_events()]
    assert "public_report.create" in events
    assert "public_report.add" in events


def test_wrong_secret_same_as_unknown_reference(server):
    ref, secret = receipt(post(server, report()))
    wrong = follow(server, ref, "AAAA-BBBB-CCCC-DDDD-EEEE")
    unknown = follow(server, "R-0000-0000", "AAAA-BBBB-CCCC-DDDD-EEEE")
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.text.replace(ref, "R-0000-0000") == unknown.text
    assert summary(wrong) == ["The reference and the secret do not match "
                              "a report. Check both and try again."]
    assert title(wrong).startswith("Error: ")
    # a page without errors has no such prefix
    assert not title(server.get("/report")).startswith("Error")
    # the secret is never in a URL: the form posts it
    page = server.get("/report/follow-up")
    assert 'method="post"' in page.text
    missing = follow(server, ref, "")
    assert missing.status_code == 400
    assert summary(missing) == ["Enter your follow-up secret"]


def test_sealed_at_rest_and_keyring(server):
    what = "Narrative that must never be stored in clear 7f3a"
    r = post(server, report(what=what, contact_email="ann@example.org",
                            contact_name="Ann Reporter"))
    assert r.status_code == 201
    rows = server.db.sql("SELECT body_enc, contact_enc, anonymous, key_id "
                         "FROM public_reports")
    body, contact, anonymous, key_id = rows[-1]
    assert what not in body and "7f3a" not in body
    assert "ann@" not in contact and "Reporter" not in contact
    assert str(anonymous) in ("0", "f", "False")
    assert str(key_id) == "1"
    keyring = str(server.db.key_file) + ".reports"
    assert stat.S_IMODE(os.stat(keyring).st_mode) == 0o600
    # an anonymous report has no contact column at all
    assert post(server, report(what="Another one, no contact")) \
        .status_code == 201
    assert server.db.sql("SELECT COALESCE(contact_enc, '-') FROM "
                         "public_reports ORDER BY id DESC")[0][0] == "-"


def test_routing_to_constituency(server):
    r = post(server, report(state="JM", sus_urls="https://shop.gov.bb/pay\n"
                            "http://198.51.100.7/x",
                            sus_emails="boss@mail.example.com"))
    assert r.status_code == 201, summary(r)
    ref, _ = receipt(r)
    routes = server.db.sql(
        "SELECT r.state, r.reason FROM public_report_routes r JOIN "
        f"public_reports p ON p.id = r.report_id WHERE p.reference = "
        f"'{ref}' ORDER BY r.state")
    got = {(s, why) for s, why in routes}
    assert ("JM", "reporter_state") in got
    assert ("BB", "cctld:bb") in got


def test_markup_escaped_everywhere(server):
    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    fields = {k: evil for k in ("what", "when", "account", "sus_names",
                                "sus_urls", "contact_name",
                                "contact_phone")}
    # the state is wrong, so the form comes back with every answer
    r = post(server, report(state="ZZ", **fields))
    assert r.status_code == 400
    assert "<script>alert(1)</script>" not in r.text
    assert "onerror=alert(2)>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert summary(r) == ["Choose your country from the list"]
    # and stored, then shown back to a reporter, still escaped
    ok = post(server, report(**fields))
    assert ok.status_code == 201
    ref, secret = receipt(ok)
    page = follow(server, ref, secret, action="add", text=evil)
    assert "<script>alert(1)</script>" not in page.text


def test_bad_input_stores_nothing(server):
    n = count(server)
    r = post(server, {"lang": "fr", "category": "", "state": "JM"},
             ch=challenge(server))
    assert r.status_code == 400
    assert summary(r) == ["Choisissez le type d'infraction"]
    assert TITLE_ERROR["fr"] in title(r)
    r = post(server, report(state="XX", victim_type="", what=""), lang="es")
    assert r.status_code == 400
    assert title(r).startswith(TITLE_ERROR["es"])
    assert summary(r) == ["Elija su país de la lista",
                          "Elija quién resultó afectado",
                          "Describa lo que ocurrió"]
    r = post(server, report(amount="12,5", currency="dollars",
                            method="cheque"))
    assert r.status_code == 400
    assert summary(r) == ["Enter the amount as a number, like 150 or 99.50",
                          "Enter the currency as a three-letter code, "
                          "like USD", "Choose an answer from the list"]
    r = post(server, report(what="x" * 20001))
    assert r.status_code == 400
    assert summary(r) == ["This answer is too long: shorten it"]
    # a body over the limit: a page, not a half-read report
    big = requests.post(server.url("/report"), data=b"what=" + b"x" *
                        (22 << 20), headers={"Content-Type": FORM},
                        timeout=120)
    assert big.status_code == 413
    assert "Your report is too long" in big.text
    assert count(server) == n
    assert count(server, "public_report_routes") == 0


def test_child_exploitation_refuses_uploads(server):
    n = count(server)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    data = report(category="child_exploitation",
                  sus_urls="https://bad.example/abc")
    r = post(server, data, files={"evidence": ("a.png", png, "image/png")})
    assert r.status_code == 400
    assert summary(r) == ["Files cannot be sent with a report of child "
                          "exploitation"]
    # under another field name too
    r = post(server, data, files={"photo": ("a.png", png, "image/png")})
    assert r.status_code == 400
    assert count(server) == n
    assert count(server, "public_report_files") == 0
    # the same report without the file is accepted, anonymous
    r = post(server, data)
    assert r.status_code == 201
    assert server.db.sql("SELECT anonymous, category FROM public_reports "
                         "ORDER BY id DESC")[0][1] == "child_exploitation"


def test_evidence_files_hashed_and_checked(server):
    png = b"\x89PNG\r\n\x1a\n" + b"\1" * 100
    r = post(server, report(), files=[("evidence", ("s.png", png,
                                                    "image/png"))])
    assert r.status_code == 201, summary(r)
    import hashlib
    sha = hashlib.sha256(png).hexdigest()
    rows = server.db.sql("SELECT sha256, size, content_type, name_enc FROM "
                         "public_report_files")
    assert rows[0][0] == sha and int(rows[0][1]) == len(png)
    assert rows[0][2] == "image/png" and "s.png" not in rows[0][3]
    n = count(server)
    r = post(server, report(what="with a script file"),
             files=[("evidence", ("x.html", b"<html><script>",
                                  "text/html"))])
    assert r.status_code == 400
    assert summary(r) == ["The file must be a PNG, JPEG, PDF or text file "
                          "of 5 MB or less"]
    r = post(server, report(what="four files"),
             files=[("evidence", (f"{i}.png", png, "image/png"))
                    for i in range(4)])
    assert r.status_code == 400
    assert count(server) == n


def test_replayed_proof_and_duplicate(server):
    ch = challenge(server)
    data = report(what="Replay me", pow_challenge=ch, pow_nonce=solve(ch))
    assert post(server, data).status_code == 201
    n = count(server)
    again = post(server, data)
    assert again.status_code == 409
    assert summary(again) == ["This form was already sent once. Reload the "
                              "page and send it again."]
    forged = dict(data, pow_challenge=ch[:-4] + "0000")
    assert post(server, forged).status_code == 400
    # the same report, fresh challenge: caught as a duplicate
    dup = post(server, report(what="Replay me"))
    assert dup.status_code == 409
    assert summary(dup) == ["This report was already received a moment "
                            "ago. Use the reference you were given then."]
    assert count(server) == n


def test_rate_limits(server):
    # without a solved challenge: 5 an hour from one address
    for i in range(5):
        r = post(server, report(what=f"nojs {i}"), solved=False)
        assert r.status_code == 201, summary(r)
    r = post(server, report(what="nojs 6"), solved=False, lang="fr")
    assert r.status_code == 429
    assert summary(r) == ["Trop de tentatives depuis votre connexion. "
                          "Attendez une heure et réessayez."]
    # a solved one still passes, up to the ordinary limit
    assert post(server, report(what="solved")).status_code == 201
    n = count(server)
    assert n == 6
    # follow-up guesses are limited too
    for i in range(30):
        follow(server, "R-0000-0000", "x")
    assert follow(server, "R-0000-0000", "x").status_code == 429


def test_figures(server):
    post(server, report(state="JM", what="one"))
    post(server, report(state="JM", what="two"))
    post(server, report(state="TT", what="three"))
    server.db.sql("UPDATE public_reports SET processed_at = created_at "
                  "WHERE state = 'TT'")
    r = server.get("/api/v1/reporting/figures")
    assert r.status_code == 200
    items = {i["state"]: i for i in r.json()["items"]}
    assert r.json()["count"] == 2
    assert items["JM"]["received"] == 2 and items["JM"]["backlog"] == 2
    assert items["TT"]["processed"] == 1 and items["TT"]["backlog"] == 0
    assert re.fullmatch(r"\d{4}-\d{2}", items["JM"]["month"])
    page = server.get("/report/figures")
    assert page.status_code == 200
    assert "one" not in re.sub(r"<[^>]+>", "", page.text).split()
    assert "<td class=\"num\">2</td>" in page.text
