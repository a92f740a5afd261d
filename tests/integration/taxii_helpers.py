"""Helpers of the TAXII 2.1 conformance tests (issue 14)."""

import base64
import re
import uuid

import requests

MEDIA = "application/taxii+json;version=2.1"
TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
TLP_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


def sid(t):
    return f"{t}--{uuid.uuid4()}"


def malware(oid=None, name="m", modified="2026-01-01T00:00:00.000Z",
            marks=(TLP_GREEN,), created="2026-01-01T00:00:00.000Z"):
    return {"type": "malware", "spec_version": "2.1",
            "id": oid or sid("malware"), "created": created,
            "modified": modified, "name": name, "is_family": False,
            "object_marking_refs": list(marks)}


def indicator(value, marks=(TLP_GREEN,), oid=None):
    return {"type": "indicator", "spec_version": "2.1",
            "id": oid or sid("indicator"),
            "created": "2026-01-02T03:04:05.000Z",
            "modified": "2026-01-02T03:04:05.000Z", "pattern_type": "stix",
            "pattern": f"[domain-name:value = '{value}']",
            "valid_from": "2026-01-02T03:04:05Z",
            "object_marking_refs": list(marks)}


class Taxii:
    """A TAXII client session on a test server: Accept and credentials
    set, paths relative to /taxii2/."""

    def __init__(self, server, login=None, basic=False, token=None):
        self.server = server
        self.s = requests.Session()
        self.s.headers["Accept"] = MEDIA
        if login and basic:
            pw = server.creds[login]["password"]
            raw = base64.b64encode(f"{login}:{pw}".encode()).decode()
            self.s.headers["Authorization"] = f"Basic {raw}"
        elif login:
            tok = token or server.create_token(login, f"taxii-{uuid.uuid4()}")
            self.s.headers["Authorization"] = f"Bearer {tok}"

    def url(self, path):
        return self.server.url("/taxii2/" + path)

    def get(self, path, **kw):
        return self.s.get(self.url(path), timeout=30, **kw)

    def post(self, path, body, **kw):
        headers = {"Content-Type": MEDIA}
        headers.update(kw.pop("headers", {}))
        return self.s.post(self.url(path), json=body, headers=headers,
                           timeout=60, **kw)

    def delete(self, path, **kw):
        return self.s.delete(self.url(path), timeout=30, **kw)

    def add(self, root, coll, objs):
        r = self.post(f"{root}/collections/{coll}/objects/",
                      {"objects": objs})
        assert r.status_code == 202, r.text
        return r.json()

    def all_objects(self, root, coll, **params):
        """Follows next until more is false; returns (objects, pages)."""
        out, pages, nxt = [], 0, None
        while True:
            q = dict(params)
            if nxt:
                q["next"] = nxt
            r = self.get(f"{root}/collections/{coll}/objects/", params=q)
            assert r.status_code == 200, r.text
            body = r.json()
            out += body.get("objects", [])
            pages += 1
            if not body["more"]:
                assert "next" not in body
                return out, pages
            nxt = body["next"]


def assert_taxii_error(r, status):
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"] == MEDIA
    body = r.json()
    assert body["http_status"] == str(status), body
    assert body["title"] and body["description"], body
    return body


def make_collection(server, root, title, tlp="green", grants=()):
    """Creates a collection with the CLI and grants; returns its id."""
    out = server.cli("taxii", "collection", "add", root, "--title", title,
                     "--tlp", tlp)
    assert out.returncode == 0, out.stderr
    cid = out.stdout.strip()
    assert re.fullmatch(r"[0-9a-f-]{36}", cid), out.stdout
    for args in grants:
        g = server.cli("taxii", "grant", cid, *args)
        assert g.returncode == 0, g.stderr
    return cid
