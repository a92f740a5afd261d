"""The public progress page: 404 until the Steering Committee turns it on,
then server-rendered HTML without scripts showing regional figures only;
the switch is authorised and audited."""
import html
import re

from conftest import assert_error


def put(server, s, on):
    return server.request("PUT", "/api/v1/progress/settings", session=s,
                          json={"public": on})


def test_progress_off_on_off(server):
    r = server.get("/progress")
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith("text/html")
    assert "not published" in r.text
    assert_error(put(server, server.bearer("partner"), True), 403,
                 "forbidden")
    assert_error(put(server, server.bearer("ncpoc.jm"), True), 403,
                 "forbidden")
    r = put(server, server.bearer("steering"), True)
    assert r.status_code == 200, r.text
    assert r.json()["public"] is True
    assert r.json()["updated_by"] == "steering"
    page = server.get("/progress")
    assert page.status_code == 200, page.text
    assert "<script" not in page.text
    assert "Public awareness" in page.text and "%" in page.text
    # regional figures only: no state's name on the page
    assert "Jamaica" not in page.text
    fr = server.get("/progress?lang=fr")
    assert fr.status_code == 200
    assert 'lang="fr"' in fr.text
    assert "Avancement du Plan d" in fr.text
    assert "Sensibilisation du public" in fr.text
    nl = server.get("/progress", headers={"Accept-Language": "nl, en;q=0.5"})
    assert "Voortgang van het CARICOM-actieplan" in nl.text
    es = server.get("/progress?lang=es")
    assert "Normas cumplidas" in es.text
    events = server.audit_events(20)
    assert any(e.get("action") == "progress.publish" for e in events)
    r = put(server, server.bearer("coordinator"), False)
    assert r.status_code == 200 and r.json()["public"] is False
    assert server.get("/progress").status_code == 404


def test_progress_bad_input(server):
    assert_error(put(server, server.bearer("steering"), "yes"), 400,
                 "wrong_type")
    assert_error(server.request("PUT", "/api/v1/progress/settings",
                                json={"public": True}), 401,
                 "authentication_required")


LEGAL_WORDS = {
    "en": "States Parties to the Budapest Convention on Cybercrime:",
    "fr": "États parties à la Convention de Budapest sur la "
          "cybercriminalité :",
    "nl": "Staten die partij zijn bij het Verdrag van Boedapest inzake "
          "computercriminaliteit:",
    "es": "Estados Partes en el Convenio de Budapest sobre la "
          "Ciberdelincuencia:",
}


def parties_on_page(text, words):
    m = re.search(re.escape(html.escape(words, quote=False)) + r" (\d+)",
                  text)
    assert m, text
    return int(m.group(1))


def test_progress_shows_the_legal_headline(server):
    """Published, the page gives the legal tracker's regional counts in
    each language; a new Party moves the count; no state is named."""
    c = server.bearer("coordinator")
    assert put(server, server.bearer("steering"), True).status_code == 200
    tracks = server.get("/api/v1/legal/treaties", session=c).json()["items"]
    parties = sum(1 for t in tracks if t["treaty"] == "budapest" and
                  t["status"] in ("ratified", "acceded"))
    for lang, words in LEGAL_WORDS.items():
        page = server.get(f"/progress?lang={lang}")
        assert page.status_code == 200, page.text
        assert parties_on_page(page.text, words) == parties, lang
    r = server.request("PATCH", "/api/v1/legal/treaties/JM/budapest",
                       session=c, json={"status": "acceded",
                                        "party_on": "2026-01-15"})
    assert r.status_code == 200, r.text
    page = server.get("/progress?lang=en")
    assert parties_on_page(page.text, LEGAL_WORDS["en"]) == parties + 1
    assert "National cybercrime laws and regulations in force:" in page.text
    assert "Jamaica" not in page.text and "Grenada" not in page.text
