"""The Heads of Intelligence report reads the register of preservation
requests: received, acknowledged and the time to acknowledge per
requested state, over the requests its author may open only (the RIFC:
all; a coordinator: none, and the section says so), with small counts
suppressed."""
import datetime

from evidence24_helpers import contact_24x7, create, moved, ncpoc


def section(server, login):
    today = datetime.date.today().isoformat()
    s = server.bearer(login)
    rec = server.request("POST", "/api/v1/reports", session=s,
                         json={"audience": "heads_intel",
                               "from": "2025-01-01", "to": today})
    assert rec.status_code == 201, rec.text
    html = server.get(f"/api/v1/reports/{rec.json()['id']}/file"
                      "?format=html", session=s).text
    return html.split("Preservation requests (24/7 network)", 1)[1].split(
        "<h2>", 1)[0]


def test_register_in_the_heads_of_intelligence_report(server):
    contact_24x7(server, "TT")
    contact_24x7(server, "BB")
    jm, tt = ncpoc(server, "JM"), ncpoc(server, "TT")
    for i in range(6):
        rid = create(server, jm, requested="TT")["id"]
        moved(server, jm, rid, "send")
        moved(server, tt, rid, "acknowledge")
    for i in range(2):
        moved(server, jm, create(server, jm, requested="BB")["id"], "send")
    create(server, jm, requested="BB")  # a draft is not received
    analyst = section(server, "analyst")
    assert "8 24/7 preservation request(s) sent" in analyst
    assert "Trinidad and Tobago" in analyst and "Barbados" in analyst
    tt_row = analyst.split("Trinidad and Tobago", 1)[1].split("</tr>")[0]
    assert tt_row.count(">6<") == 2          # received and acknowledged
    bb_row = analyst.split("Barbados", 1)[1].split("</tr>")[0]
    assert "fewer than 5" in bb_row
    assert "Not available yet" not in analyst
    coord = section(server, "coordinator")
    assert "may not open 24/7 preservation requests" in coord
    assert "Trinidad" not in coord
