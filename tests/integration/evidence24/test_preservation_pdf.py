"""The printable preservation request: GET /preservation-requests/{id}.pdf
is a PDF whose text (pdftotext) holds every part of the Art. 29 form in
the T-CY template's order, with the requested state's 24/7 contact, and
each print is an audited read like the JSON view."""
import shutil
import subprocess

import pytest

from evidence24_helpers import API, contact_24x7, create, moved, ncpoc

SECTIONS = ("Requesting authority", "Requested 24/7 point of contact",
            "Legal basis", "Offence and summary of facts",
            "Stored computer data to be preserved",
            "Custodian of the data", "Necessity of preservation",
            "Mutual legal assistance", "Confidentiality", "Urgency",
            "Status and history")


@pytest.mark.skipif(shutil.which("pdftotext") is None,
                    reason="poppler-utils missing")
def test_pdf_has_the_form_in_order(server, tmp_path):
    contact_24x7(server, "TT", "Inspector Lee")
    jm, tt = ncpoc(server, "JM"), ncpoc(server, "TT")
    rid = create(server, jm, requested="TT")["id"]
    moved(server, jm, rid, "send")
    before = server.audit_seq()
    r = server.get(f"{API}/{rid}.pdf", session=tt)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    assert server.audit_seq() == before + 1
    pdf = tmp_path / "req.pdf"
    pdf.write_bytes(r.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    at = [flat.find(s) for s in SECTIONS]
    assert all(i >= 0 for i in at), list(zip(SECTIONS, at))
    assert at == sorted(at)
    for part in ("Jamaica (JM)", "Trinidad and Tobago (TT)",
                 "Cybercrimes Act 2015 s.19",
                 "Budapest Convention Art. 29",
                 "Computer-related fraud", "payments-desk@mail.example.net",
                 "198.51.100.23", "-05:00", "2026-11-01 to 2026-11-30",
                 "Example Mail Ltd", "Port of Spain",
                 "Logs are deleted after 30 days",
                 "request for mutual assistance", "not be disclosed",
                 "LAW ENFORCEMENT ONLY", "Sent"):
        assert part in flat, part
    first = server.db.sql("SELECT name FROM contacts WHERE state_code = "
                          "'TT' AND role = 'e_evidence_24x7' ORDER BY id")
    assert first[0][0] in flat
