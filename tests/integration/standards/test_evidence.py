"""Evidence files by hash, written as the attacks of issue 8 (F1).

Files are stored once by SHA-256. Knowing a hash grants nothing: a write
may cite a stored file only if its author uploaded the bytes or may
already read a record the file is attached to, and every other hash gets
the very answer a hash never uploaded gets. A file is read by its
uploaders and the union of the readers of its records, never more.
"""
import hashlib
import os

from conftest import assert_error
from test_standards import YESTERDAY, submit, unmet_standard


def incident(**kw):
    body = {"title": "Leaked ministry memo", "description": "exfiltrated",
            "rsit": "fraud:masquerade", "severity": "high", "tlp": "green"}
    body.update(kw)
    return body


def upload(server, s, data):
    r = server.request("POST", "/api/v1/evidence", session=s, data=data,
                       headers={"Content-Type": "application/pdf"})
    assert r.status_code == 201, r.text
    assert r.json()["sha256"] == hashlib.sha256(data).hexdigest()
    return r.json()["sha256"]


def files(sha, name="memo.pdf"):
    return [{"sha256": sha, "filename": name}]


def error_of(r):
    return r.status_code, r.json()["error"]["code"], \
        r.json()["error"]["message"]


def red_file(server):
    """A TLP:RED incident of JM with one attachment, read by red.reader
    only (and its author); returns (sha, incident id)."""
    jm = server.login("ncpoc.jm")
    data = b"%PDF-1.4 memo " + os.urandom(8).hex().encode()
    sha = upload(server, jm, data)
    server.add_user("red.reader", "cert", "BB")
    r = server.request("POST", "/api/v1/incidents", session=jm, json=incident(
        tlp="red", recipients=["red.reader"], files=files(sha)))
    assert r.status_code == 201, r.text
    return sha, data, r.json()["id"]


def test_known_hash_does_not_attach_a_red_file_to_an_incident(server):
    sha, _, _ = red_file(server)
    tt = server.bearer(server.add_user("tt.attacker", "cert", "TT"))
    never = hashlib.sha256(os.urandom(16)).hexdigest()
    # The attack: cite the RED file's hash on one's own GREEN incident.
    r = server.request("POST", "/api/v1/incidents", session=tt,
                       json=incident(state="TT", files=files(sha)))
    assert_error(r, 422, "unknown_file")
    # ...and the answer is the one a hash never uploaded gets
    ref = server.request("POST", "/api/v1/incidents", session=tt,
                         json=incident(state="TT", files=files(never)))
    assert error_of(r) == error_of(ref)
    # nobody outside the RED incident reads the file
    for who in ("tt.attacker", "coordinator", "analyst", "steering",
                "cert.bb"):
        assert_error(server.get(f"/api/v1/evidence/{sha}",
                                session=server.bearer(who)), 404,
                     "not_found")


def test_known_hash_does_not_attach_a_red_file_to_a_status_record(server):
    sha, _, _ = red_file(server)
    tt = server.login(server.add_user("tt.ncpoc", "ncpoc", "TT"))
    std = unmet_standard(server, tt, "TT")
    never = hashlib.sha256(os.urandom(16)).hexdigest()
    body = {"state": "TT", "standard": std["code"], "as_of": YESTERDAY,
            "level": 0}
    r = submit(server, tt, files=files(sha), **body)
    assert_error(r, 422, "unknown_evidence")
    assert error_of(r) == error_of(submit(server, tt, files=files(never),
                                          **body))
    # a regional role may submit for any state, but reads no RED file
    coord = server.login("coordinator")
    r = submit(server, coord, files=files(sha), source="review_meeting", **body)
    assert_error(r, 422, "unknown_evidence")
    for who in ("tt.ncpoc", "coordinator", "analyst"):
        assert_error(server.get(f"/api/v1/evidence/{sha}",
                                session=server.bearer(who)), 404,
                     "not_found")


def test_readers_and_uploaders_may_attach(server):
    """A reader of a record holding the file may cite it (the union of
    readers grows by the new record's, as if they had uploaded it), and so
    may anyone who uploads the same bytes; neither answer tells who else
    holds the file."""
    sha, data, _ = red_file(server)
    rr = server.bearer("red.reader")
    r = server.request("POST", "/api/v1/incidents", session=rr, json=incident(
        state="BB", tlp="amber", files=files(sha, "copy.pdf")))
    assert r.status_code == 201, r.text
    # BB's members read the AMBER copy's file now; TT's do not
    bb2 = server.bearer(server.add_user("bb.cert2", "cert", "BB"))
    assert server.get(f"/api/v1/evidence/{sha}", session=bb2).content == data
    tt = server.bearer(server.add_user("tt.holder", "cert", "TT"))
    assert_error(server.get(f"/api/v1/evidence/{sha}", session=tt), 404,
                 "not_found")
    # TT holds the bytes after all: its upload looks like any first upload
    first = server.request("POST", "/api/v1/evidence", session=tt, data=data,
                           headers={"Content-Type": "application/pdf"})
    assert first.status_code == 201, first.text
    assert set(first.json()) == {"sha256", "size", "content_type"}
    r = server.request("POST", "/api/v1/incidents", session=tt,
                       json=incident(state="TT", files=files(sha)))
    assert r.status_code == 201, r.text
    assert server.get(f"/api/v1/evidence/{sha}", session=tt).content == data


def test_unattached_upload_is_read_by_its_uploader_only(server):
    """An upload whose record was never made (refused, abandoned) widens
    no one's access: regional roles read status-record evidence, not a
    file cited by nothing."""
    jm = server.login("ncpoc.jm")
    sha = upload(server, jm, b"%PDF-1.4 draft " + os.urandom(8).hex().encode())
    for who in ("coordinator", "analyst", "admin", "steering", "cert.bb"):
        assert_error(server.get(f"/api/v1/evidence/{sha}",
                                session=server.bearer(who)), 404,
                     "not_found")
    assert server.get(f"/api/v1/evidence/{sha}", session=jm).status_code == 200


def test_status_record_file_follows_its_state(server):
    """A file on a JM status record: regional roles and JM read it (and may
    cite it again); another state's users neither read nor cite it."""
    jm = server.login("ncpoc.jm")
    std = unmet_standard(server, jm)
    sha = upload(server, jm, b"%PDF-1.4 act " + os.urandom(8).hex().encode())
    r = submit(server, jm, state="JM", standard=std["code"], as_of=YESTERDAY,
               level=0, files=files(sha, "act.pdf"))
    assert r.status_code == 201, r.text
    for who in ("coordinator", "analyst", "ncpoc.jm"):
        assert server.get(f"/api/v1/evidence/{sha}",
                          session=server.bearer(who)).status_code == 200, who
    bb = server.bearer("cert.bb")
    assert_error(server.get(f"/api/v1/evidence/{sha}", session=bb), 404,
                 "not_found")
    r = server.request("POST", "/api/v1/incidents", session=bb,
                       json=incident(state="BB", files=files(sha)))
    assert_error(r, 422, "unknown_file")
    r = submit(server, server.login("coordinator"), state="BB",
               standard=std["code"], as_of=YESTERDAY, level=0,
               source="review_meeting", files=files(sha, "act.pdf"))
    assert r.status_code == 201, r.text
    # ...and now BB's users read it through BB's record: the union
    assert server.get(f"/api/v1/evidence/{sha}", session=bb).status_code \
        == 200
