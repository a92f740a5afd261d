"""Issue 15, item 4: the proxied topology of docs/ops/nginx.conf, tested.

Debian's nginx (nginx-light) runs unprivileged with its own prefix in a
temporary directory, on loopback ports, with docs/ops/nginx.conf included
as shipped except for the addresses, ports and certificate paths; ccscap
runs behind it as the file's comments say (cookie_secure = 1). Requests
go through nginx over HTTPS with the test CA."""

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

from conftest import REPO, assert_error
from tls_helpers import Pki

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DOC = REPO / "docs" / "ops" / "nginx.conf"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_conf(upstream, http_port, https_port, crt, key):
    """docs/ops/nginx.conf with this test's addresses and files."""
    text = DOC.read_text()
    subs = [(r"server 127\.0\.0\.1:8080;", f"server 127.0.0.1:{upstream};"),
            (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
            (r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
            (r"ssl_certificate /etc/ssl/ccscap/fullchain\.pem;",
             f"ssl_certificate {crt};"),
            (r"ssl_certificate_key /etc/ssl/ccscap/privkey\.pem;",
             f"ssl_certificate_key {key};")]
    for pat, rep in subs:
        text, n = re.subn(pat, rep, text)
        assert n == 1, f"docs/ops/nginx.conf no longer has {pat}"
    return text


@pytest.fixture
def nginx(make_server, tmp_path):
    if not os.access(NGINX, os.X_OK):
        pytest.skip("nginx not installed (nginx-light, "
                    "scripts/install-deps.sh test)")
    srv = make_server(config="cookie_secure = 1\n"
                      "per_ip_connections = 1000\nmax_connections = 2048\n")
    pki = Pki(tmp_path)
    crt, key = pki.leaf()
    prefix = Path(tempfile.mkdtemp(prefix="ccscap-nginx-"))
    os.chmod(prefix, 0o755)
    shutil.copyfile(crt, prefix / "cert.pem")
    shutil.copyfile(key, prefix / "key.pem")
    http_port, https_port = free_port(), free_port()
    (prefix / "ccscap.conf").write_text(site_conf(
        srv.port, http_port, https_port, prefix / "cert.pem",
        prefix / "key.pem"))
    (prefix / "nginx.conf").write_text(f"""
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
	access_log {prefix}/access.log;
	client_body_temp_path {prefix}/body;
	proxy_temp_path {prefix}/proxy;
	fastcgi_temp_path {prefix}/fastcgi;
	uwsgi_temp_path {prefix}/uwsgi;
	scgi_temp_path {prefix}/scgi;
	include {prefix}/ccscap.conf;
}}
""")
    demote = None
    if os.geteuid() == 0:
        # unprivileged even when the suite runs as root
        nobody = pwd.getpwnam("nobody")
        for p in [prefix, *prefix.iterdir()]:
            os.chown(p, nobody.pw_uid, nobody.pw_gid)

        def demote():
            os.setgid(nobody.pw_gid)
            os.setgroups([])
            os.setuid(nobody.pw_uid)
    proc = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=demote)
    base = f"https://127.0.0.1:{https_port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            requests.get(base + "/healthz", verify=str(pki.ca_cert),
                         timeout=2)
            break
        except requests.ConnectionError:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)
    try:
        yield {"srv": srv, "base": base, "ca": str(pki.ca_cert),
               "http": f"http://127.0.0.1:{http_port}", "prefix": prefix}
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        shutil.rmtree(prefix, ignore_errors=True)


def test_requests_go_through_nginx(nginx):
    base, ca, srv = nginx["base"], nginx["ca"], nginx["srv"]
    r = requests.get(base + "/healthz", verify=ca, timeout=30)
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert r.headers["Strict-Transport-Security"] == "max-age=31536000"
    # ccscap's own headers and error shape pass through unchanged
    assert_error(requests.get(base + "/api/v1/nope", verify=ca, timeout=30),
                 404, "not_found")
    # a browser session: the cookie is Secure, the CSRF token works
    s = requests.Session()
    r = s.post(base + "/api/v1/session", verify=ca, timeout=30, json={
        "login": "coordinator",
        "password": srv.creds["coordinator"]["password"]})
    assert r.status_code == 201, r.text
    assert "secure" in r.headers["Set-Cookie"].lower()
    s.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    r = s.get(base + "/api/v1/contacts?limit=5", verify=ca, timeout=30)
    assert r.status_code == 200, r.text
    assert r.json()["items"]
    # nginx's access log names the client; ccscap saw the proxy
    assert "/api/v1/contacts?limit=5" in access_log(nginx["prefix"],
                                                    "/api/v1/contacts")


def access_log(prefix, want):
    """nginx's access log once it names WANT. nginx writes the line in its
    log phase, after the reply has gone, so a fast client can read the
    file before the line is there: wait for it, a few seconds at most."""
    path = prefix / "access.log"
    deadline = time.monotonic() + 10
    while True:
        text = path.read_text() if path.exists() else ""
        if want in text or time.monotonic() > deadline:
            return text
        time.sleep(0.05)


def test_plain_http_is_redirected_to_https(nginx):
    r = requests.get(nginx["http"] + "/login", allow_redirects=False,
                     timeout=30)
    assert r.status_code == 301
    assert r.headers["Location"].startswith("https://127.0.0.1")
    assert r.headers["Location"].endswith("/login")


def test_forwarded_for_from_a_client_is_not_trusted(nginx):
    """The sign-in throttle counts per address; a client cannot escape it
    by sending its own X-Forwarded-For through the proxy."""
    base, ca, srv = nginx["base"], nginx["ca"], nginx["srv"]
    codes = []
    for i in range(25):
        r = requests.post(base + "/api/v1/session", verify=ca, timeout=30,
                          headers={"X-Forwarded-For": f"198.51.100.{i}"},
                          json={"login": f"nobody{i}", "password": "wrong"})
        codes.append(r.status_code)
    assert codes[0] == 401, codes
    assert 429 in codes, codes
    assert srv.proc.poll() is None
