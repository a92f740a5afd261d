"""Helpers of the triage tests: a report submitted through the portal's
public form (GET /report for the proof-of-work challenge, solved here as
the page's script would, then POST /report as a browser posts the
form), and its id found through the triage API as a RIFC analyst."""
import hashlib
import html
import re
import uuid

CHALLENGE_RE = re.compile(r'name="pow_challenge" value="([^"]+)"')
REF_RE = re.compile(r'id="reference">\s*([^<\s]+)\s*<')
SECRET_RE = re.compile(r'id="secret">\s*([^<\s]+)\s*<')


def solve(challenge):
    """The nonce whose SHA-256 of "challenge:nonce" starts with the
    challenge's number of zero bits ("expiry.bits.random")."""
    bits = int(challenge.split(".")[1])
    n = 0
    while True:
        h = hashlib.sha256(f"{challenge}:{n}".encode()).digest()
        if int.from_bytes(h, "big") >> (256 - bits) == 0:
            return str(n)
        n += 1


def submit(server, state="JM", category="fraud", what="A caller took "
           "my savings", suspects=None, account=None):
    """Files a public report; returns (reference, secret). A random tag
    ends the narrative: the portal refuses the same words twice."""
    what = f"{what} ({uuid.uuid4().hex[:8]})"
    page = server.get("/report?lang=en&category=" + category)
    assert page.status_code == 200, page.text[:500]
    m = CHALLENGE_RE.search(page.text)
    form = {"lang": "en", "category": category, "state": state,
            "victim_type": "individual", "what": what}
    if m:
        ch = html.unescape(m.group(1))
        form["pow_challenge"] = ch
        form["pow_nonce"] = solve(ch)
    for kind, values in (suspects or {}).items():
        form["sus_" + kind] = "\n".join(values)
    if account:
        form["account"] = account
    r = server.request("POST", "/report?lang=en", data=form)
    assert r.status_code in (200, 201), r.text[:2000]
    ref, sec = REF_RE.search(r.text), SECRET_RE.search(r.text)
    assert ref and sec, r.text[:2000]
    return ref.group(1), sec.group(1)


def report_id(server, reference):
    """The id of the report with @reference (the RIFC sees all)."""
    cursor = None
    while True:
        q = ("/api/v1/public-reports?limit=200&sort=created_at"
             "&order=desc")
        if cursor:
            q += "&cursor=" + cursor
        r = server.get(q, session=server.bearer("analyst"))
        assert r.status_code == 200, r.text
        for it in r.json()["items"]:
            if it["reference"] == reference:
                return it["id"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            raise AssertionError(f"{reference} is not in the queue")
