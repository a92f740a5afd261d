"""Helpers of the reporting portal tests: read the form's challenge,
solve it as the browser module does, post a report as a browser would
(urlencoded without JavaScript, multipart with files)."""
import hashlib
import html
import re

import requests

FORM = "application/x-www-form-urlencoded"


def challenge(server, category="fraud", lang="en"):
    r = server.get(f"/report?category={category}&lang={lang}")
    assert r.status_code == 200, r.text
    m = re.search(r'name="pow_challenge" value="([^"]*)"', r.text)
    assert m, r.text
    return html.unescape(m.group(1))


def solve(ch):
    """The nonce the page's module finds: SHA-256(ch ":" n) starting with
    the challenge's number of zero bits."""
    bits = int(ch.split(".")[1])
    n = 0
    while True:
        d = hashlib.sha256(f"{ch}:{n}".encode()).digest()
        if int.from_bytes(d, "big") >> (256 - bits) == 0:
            return str(n)
        n += 1


def report(category="fraud", **kw):
    data = {"lang": "en", "category": category, "state": "JM",
            "victim_type": "individual",
            "what": "A caller said my bank account was blocked."}
    data.update(kw)
    return data


def post(server, data, files=None, lang=None, solved=True, ch=None):
    """Posts @data with a fresh challenge (solved unless told otherwise)."""
    data = dict(data)
    if lang:
        data["lang"] = lang
    if "pow_challenge" not in data:
        c = ch or challenge(server, data.get("category") or "fraud")
        data["pow_challenge"] = c
        data["pow_nonce"] = solve(c) if solved else ""
    path = "/report" + (f"?lang={lang}" if lang else "")
    if files is not None:
        return requests.post(server.url(path), data=data, files=files,
                             timeout=60)
    return requests.post(server.url(path), data=data, timeout=60)


def receipt(r):
    """(reference, secret) of a confirmation page."""
    ref = re.search(r'id="reference">([^<]*)<', r.text)
    sec = re.search(r'id="secret">([^<]*)<', r.text)
    assert ref and sec, r.text
    return ref.group(1), sec.group(1)


def follow(server, ref, secret, **kw):
    data = {"reference": ref, "secret": secret}
    data.update(kw)
    return requests.post(server.url("/report/follow-up"), data=data,
                         timeout=30)


def summary(r):
    """Texts of the error summary's items."""
    m = re.search(r'<div class="error-summary".*?</div>', r.text, re.S)
    if not m:
        return []
    return [html.unescape(re.sub(r"<[^>]+>", "", li)).strip()
            for li in re.findall(r"<li>(.*?)</li>", m.group(0), re.S)]


def count(server, table="public_reports"):
    return int(server.db.sql(f"SELECT COUNT(*) FROM {table}")[0][0])
