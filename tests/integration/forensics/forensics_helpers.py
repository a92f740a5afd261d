"""Shared words of the forensics tests: a lab owned by Barbados with a
member of its staff, an evidence item body, hand-over bodies, SHA-256
values."""
import hashlib

SHA_A = hashlib.sha256(b"disk image of the seized laptop").hexdigest()
SHA_B = hashlib.sha256(b"the same image, altered").hexdigest()


def post(server, s, path, body=None):
    return server.request("POST", path, session=s, json=body)


def org_of(server, state):
    """An organisation of @state, made with SQL when the demo directory
    has none (the directory API is another module's)."""
    rows = server.db.sql("SELECT id FROM organisations WHERE state_code = "
                         f"'{state}' ORDER BY id")
    if not rows:
        rows = server.db.sql(
            "INSERT INTO organisations (name, kind, state_code, created_at, "
            f"updated_at) VALUES ('Forensic unit {state}', 'national_body', "
            f"'{state}', 0, 0) RETURNING id")
    return int(rows[0][0])


def make_lab(server, name="Regional Digital Forensics Lab", state="BB",
             staff="lab.bb"):
    """A lab of an organisation of @state made by the coordinator, and a
    CERT user of that organisation (its staff). Returns (lab, staff)."""
    org = org_of(server, state)
    c = server.bearer("coordinator")
    r = post(server, c, "/api/v1/labs", {
        "name": name, "org_id": org, "state": state,
        "capabilities": ["Disk imaging", "Mobile extraction"],
        "device_types": ["computer", "mobile"], "capacity": 2})
    assert r.status_code == 201, r.text
    if staff not in server.creds.users:
        server.add_user(staff, "cert", state, org)
    return r.json(), staff


def item_body(state="JM", **change):
    body = {"state": state, "kind": "disk_image_e01",
            "description": "Image of the seized laptop",
            "copy": "original", "seal": "JM-SEAL-0001", "sha256": SHA_A,
            "acquired_at": "2026-11-20T09:00:00-05:00",
            "place": "Kingston, JCF Cybercrime Unit"}
    body.update(change)
    return body


def handover(receiver, sha=SHA_A, **change):
    body = {"receiver": receiver, "at": "2026-11-21T10:00:00-05:00",
            "place": "Kingston", "reason": "examination",
            "seal": "JM-SEAL-0001", "sha256": sha}
    body.update(change)
    return body
