"""The legal harmonisation section of the reports, read from the legal
tracker, on both backends: a treaty step and an instrument in force
recorded through the API change the headline and the state's line in
the PDF (as pdftotext reads it), the XLSX and the HTML; the CONSLE brief
carries the headline only and stays two pages; an RCC report speaks of
its one state."""
import io
import re
import subprocess
import zipfile

from legal_helpers import instrument_body

PERIOD = {"from": "2025-01-01", "to": "2026-11-30"}
HEAD = re.compile(r"(\d+) of (\d+) states are Parties to the Budapest "
                  r"Convention \(ratified or acceded\) and (\d+) to its "
                  r"Second Additional Protocol")


def make(server, s, audience, **kw):
    r = server.request("POST", "/api/v1/reports", session=s,
                       json={"audience": audience, **PERIOD, **kw})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def fetch(server, s, rid, fmt):
    r = server.get(f"/api/v1/reports/{rid}/file?format={fmt}", session=s)
    assert r.status_code == 200, r.text
    return r.content


def pdf_text(server, s, rid, tmp_path):
    p = tmp_path / f"r{rid}.pdf"
    p.write_bytes(fetch(server, s, rid, "pdf"))
    out = subprocess.run(["pdftotext", "-layout", str(p), "-"],
                         capture_output=True, check=True).stdout.decode()
    return out, " ".join(out.split())


def pdf_pages(server, s, rid, tmp_path):
    p = tmp_path / f"p{rid}.pdf"
    p.write_bytes(fetch(server, s, rid, "pdf"))
    out = subprocess.run(["pdfinfo", str(p)], capture_output=True,
                         check=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def xlsx_strings(server, s, rid):
    with zipfile.ZipFile(io.BytesIO(fetch(server, s, rid, "xlsx"))) as z:
        return " ".join(z.read(n).decode() for n in z.namelist()
                        if n.endswith(".xml"))


def tracked_rows(server, s):
    r = server.get("/api/v1/legal/provisions?limit=200", session=s)
    assert r.status_code == 200, r.text
    return sum(1 for p in r.json()["items"]
               if p["treaty"] in ("budapest", "hipcar"))


def headline(text):
    m = HEAD.search(text)
    assert m, text[:2000]
    return tuple(int(x) for x in m.groups())


def line_of(layout, name):
    """The table row of the PDF that starts with the state's name, with
    the lines its wrapped cells continue on (they start with blanks)."""
    lines = layout.splitlines()
    for i, ln in enumerate(lines):
        if ln.startswith(name + " "):
            row = [ln]
            for nxt in lines[i + 1:]:
                if not nxt.startswith(" ") or not nxt.strip():
                    break
                row.append(nxt)
            return " ".join(" ".join(row).split())
    raise AssertionError(f"no line for {name}")


def test_steering_report_reads_the_tracker(server, tmp_path):
    c = server.bearer("coordinator")
    steer = server.bearer("steering")
    nrows = tracked_rows(server, c)
    nstates = len(server.get("/api/v1/legal/matrix", session=c)
                  .json()["states"])
    before = make(server, steer, "steering")
    layout, text = pdf_text(server, steer, before, tmp_path)
    parties, total, sap = headline(text)
    assert total == nstates
    assert "Treaty track and provisions in force, per state" in text
    assert line_of(layout, "Jamaica").startswith("Jamaica Not engaged "
                                                 "Not engaged")
    assert f"0 of {nrows} (0%)" in line_of(layout, "Jamaica")
    # Jamaica ratifies both treaties and brings an act into force
    r = server.request("PATCH", "/api/v1/legal/treaties/JM/budapest",
                       session=c, json={"status": "ratified",
                                        "invited_on": "2024-10-09",
                                        "party_on": "2025-06-02",
                                        "verified": True})
    assert r.status_code == 200, r.text
    r = server.request("PATCH", "/api/v1/legal/treaties/JM/sap",
                       session=c, json={"status": "signed",
                                        "signed_on": "2025-07-01"})
    assert r.status_code == 200, r.text
    r = server.request("POST", "/api/v1/legal/instruments", session=c,
                       json=instrument_body(
                           "JM", kind="act", status="in_force",
                           dates={"passed": "2025-03", "in_force":
                                  "2025-05-01"}))
    assert r.status_code == 201, r.text
    after = make(server, steer, "steering")
    layout, text = pdf_text(server, steer, after, tmp_path)
    assert headline(text) == (parties + 1, total, sap)
    jm = line_of(layout, "Jamaica")
    assert jm.startswith("Jamaica Ratified "), jm
    for part in ("2025-06-02", "Signed 2025-07-01", "(not verified)",
                 f"2 of {nrows} ({round(200 / nrows)}%)"):
        assert part in jm, (part, jm)
    assert jm.count("(not verified)") == 1, jm
    assert "From the legal tracker at the data cut-off" in text
    cells = xlsx_strings(server, steer, after)
    assert "Ratified 2025-06-02" in cells and "Jamaica" in cells
    html = fetch(server, steer, after, "html").decode()
    assert "Ratified 2025-06-02" in html and HEAD.search(html)
    # the report made before is stored as it was
    _, again = pdf_text(server, steer, before, tmp_path)
    assert headline(again) == (parties, total, sap)


def test_consle_brief_has_the_headline_only(server, tmp_path):
    s = server.bearer("steering")
    rid = make(server, s, "consle")
    layout, text = pdf_text(server, s, rid, tmp_path)
    headline(text)
    assert "national instrument(s) in force" in text
    assert "Treaty track and provisions in force" not in text
    assert pdf_pages(server, s, rid, tmp_path) == 2


def test_rcc_report_speaks_of_its_state(server, tmp_path):
    c = server.bearer("coordinator")
    nrows = tracked_rows(server, c)
    rid = make(server, c, "rcc", state="GD")
    _, text = pdf_text(server, c, rid, tmp_path)
    m = re.search(r"Grenada: Budapest Convention: (.+?); Second Additional "
                  r"Protocol: (.+?)\. (\d+) national instrument\(s\) in "
                  r"force, giving effect to (\d+) of (\d+) Budapest "
                  r"Convention and HIPCAR provisions", text)
    assert m, text[:3000]
    tracks = {t["treaty"]: t for t in server.get(
        "/api/v1/legal/treaties?state=GD", session=c).json()["items"]}
    assert m.group(1).startswith(tracks["budapest"]["status_name"])
    assert m.group(2).startswith(tracks["sap"]["status_name"])
    n = sum(server.get(f"/api/v1/legal/instruments?state=GD&status={st}",
                       session=c).json()["total"]
            for st in ("in_force", "amended"))
    assert int(m.group(3)) == n and int(m.group(5)) == nrows
    assert "Dominica" not in text.split("Legal harmonisation")[1][:400]
