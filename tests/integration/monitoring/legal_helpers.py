"""Shared words of the legal tracker tests: a valid instrument body, the
gap-analysis status of a standard in a state, a state that does not meet
the cybercrime-law standard yet, and reads of the matrix and proposals."""

CYBERCRIME = "LEG-CYBERCRIME-LAW"


def instrument_body(state, **change):
    body = {
        "state": state, "kind": "bill", "number": "No. 7 of 2025",
        "name": "Cybercrime and Electronic Evidence Bill", "year": 2025,
        "status": "tabled",
        "dates": {"drafting": "2024-11", "tabled": "2025-02-03"},
        "verified": True,
        "source_url": "https://example.org/gazette/bill-7-2025.pdf",
        "notes": "Second reading scheduled.",
        "mappings": [
            {"section": "s.3", "heading": "Illegal access",
             "provisions": ["budapest-2"],
             "evidence_url": "https://example.org/bill-7#s3"},
            {"section": "s.30", "heading": "Preservation for a foreign "
             "state", "provisions": ["budapest-29"], "partial": True},
        ],
    }
    body.update(change)
    return body


def standard(server, s, state, code):
    r = server.get(f"/api/v1/gaps?state={state}", session=s)
    assert r.status_code == 200, r.text
    for a in r.json()["areas"]:
        for sa in a["specific_areas"]:
            for st in sa["standards"]:
                if st["code"] == code:
                    return st
    raise AssertionError(code)


def state_without(server, s, code, skip=()):
    """A member state whose gap analysis does not meet @code."""
    for state in ("KN", "LC", "DM", "AG", "BZ", "GY", "SR", "HT", "BS"):
        if state not in skip and \
                standard(server, s, state, code)["status"] != "met":
            return state
    raise AssertionError(f"every state meets {code}")


def matrix(server, s, q=""):
    r = server.get(f"/api/v1/legal/matrix?{q}", session=s)
    assert r.status_code == 200, r.text
    return r.json()


def cell(m, state, ref):
    for c in m["cells"]:
        if c["state"] == state and c["provision"] == ref:
            return c
    return None


def legal_proposals(server, state):
    r = server.get("/api/v1/proposals?source=legal_instrument&state="
                   f"{state}&limit=200", session=server.bearer("analyst"))
    assert r.status_code == 200, r.text
    return r.json()


def totals(server, s):
    """What a refused write must leave unchanged."""
    r = server.get("/api/v1/legal/instruments?limit=1", session=s)
    assert r.status_code == 200, r.text
    return {"instruments": r.json()["total"],
            "matrix": matrix(server, s)["cells"],
            "audit": server.audit_seq()}
