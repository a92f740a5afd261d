"""Issue 15, item 4: direct TLS (tls_cert, tls_key).

The certificates are made with openssl at test time: a test CA, and leaf
certificates for 127.0.0.1 that it signs; requests trusts only that CA.
Covered: HTTPS answers with HSTS; plain HTTP to the TLS port fails without
harming the server; SIGHUP with a new certificate serves it to new
connections, keeps the listener and a connection that was already open;
a reload with a broken file keeps the old certificate; garbage and
stalled handshakes do not stop others being answered; a bad or missing
file is a start-up error that names it."""

import os
import socket
import subprocess
import time

import pytest
import requests

from conftest import BIN, base_env
from tls_helpers import (Pki, TlsServer, der_of, readable_by_service,
                         served_cert)


@pytest.fixture
def pki(tmp_path):
    return Pki(tmp_path)


@pytest.fixture
def tls_server(make_server, pki, tmp_path):
    """factory(extra config) -> started TlsServer with a fresh leaf."""
    made = []

    def make(extra=""):
        crt, key = pki.leaf()
        # the server's own copy, replaced in place by the reload tests
        cur_crt, cur_key = tmp_path / "server.pem", tmp_path / "server.key"
        cur_crt.write_bytes(crt.read_bytes())
        cur_key.write_bytes(key.read_bytes())
        readable_by_service(cur_key)
        plain = make_server()
        plain.stop()
        cfg = tmp_path / f"tls{len(made)}.conf"
        cfg.write_text(f"tls_cert = {cur_crt}\ntls_key = {cur_key}\n"
                       + extra)
        srv = TlsServer(plain.db, plain.creds, tmp_path, config=cfg,
                        name=f"tls{len(made)}", ca=pki.ca_cert)
        made.append(srv)
        srv.leaf = (cur_crt, cur_key)
        return srv.start()

    yield make
    bad = []
    for srv in made:
        if srv.exit_code is None and srv.stop() != 0:
            bad.append(srv.stderr_tail())
    assert not bad, bad


def replace_pair(srv, crt, key):
    """Writes a new pair over the server's files (write + rename, as a
    certificate renewal does)."""
    dst_crt, dst_key = srv.leaf
    for src, dst in ((crt, dst_crt), (key, dst_key)):
        tmp = dst.with_suffix(".new")
        tmp.write_bytes(src.read_bytes())
        readable_by_service(tmp)
        os.replace(tmp, dst)


def wait_for_cert(srv, der, timeout=10):
    deadline = time.monotonic() + timeout
    while served_cert(srv.port, srv.ca) != der:
        assert time.monotonic() < deadline, srv.stderr_tail()
        time.sleep(0.1)


def test_https_answers_with_hsts(tls_server):
    srv = tls_server()
    r = srv.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert r.headers["Strict-Transport-Security"] == "max-age=31536000"
    # errors carry it too, and the session cookie is Secure over HTTPS
    assert srv.get("/api/v1/nope").headers[
        "Strict-Transport-Security"] == "max-age=31536000"
    r = requests.post(srv.url("/api/v1/session"), json={
        "login": "coordinator",
        "password": srv.creds["coordinator"]["password"]}, timeout=30,
        verify=srv.ca)
    assert r.status_code == 201, r.text
    assert "secure" in r.headers["Set-Cookie"].lower()
    # an untrusted client refuses it: it is really the test CA's leaf
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(srv.url("/healthz"), timeout=10)


def test_plain_server_sends_no_hsts(server):
    assert "Strict-Transport-Security" not in server.get("/healthz").headers


def test_plain_http_to_tls_port_fails_cleanly(tls_server):
    srv = tls_server()
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(f"http://127.0.0.1:{srv.port}/healthz", timeout=10)
    assert srv.get("/healthz").status_code == 200
    assert srv.proc.poll() is None


def test_sighup_serves_new_certificate(tls_server, pki):
    srv = tls_server()
    first = der_of(srv.leaf[0])
    assert served_cert(srv.port, srv.ca) == first
    # a kept-alive connection opened before the reload
    keep = requests.Session()
    assert srv.get("/healthz", session=keep).status_code == 200
    crt, key = pki.leaf()
    replace_pair(srv, crt, key)
    srv.hup()
    wait_for_cert(srv, der_of(crt))
    assert srv.get("/healthz").status_code == 200
    assert srv.get("/healthz", session=keep).status_code == 200
    assert srv.proc.poll() is None


def test_sighup_with_broken_key_keeps_old_certificate(tls_server, pki):
    srv = tls_server()
    first = der_of(srv.leaf[0])
    srv.leaf[1].write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n")
    srv.hup()
    deadline = time.monotonic() + 10
    while "reload_failed" not in srv.stderr_tail(20000):
        assert time.monotonic() < deadline, srv.stderr_tail()
        time.sleep(0.1)
    assert str(srv.leaf[1]) in srv.stderr_tail(20000)
    assert served_cert(srv.port, srv.ca) == first
    assert srv.get("/healthz").status_code == 200
    # a mismatched pair is refused as well: the key of another leaf
    _, other_key = pki.leaf()
    srv.leaf[1].write_bytes(other_key.read_bytes())
    srv.hup()
    time.sleep(1.5)
    assert served_cert(srv.port, srv.ca) == first


def test_garbage_and_stalled_handshakes_do_not_stop_others(tls_server):
    srv = tls_server("header_timeout = 2\n")
    bad = []
    try:
        for i in range(5):
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            s.sendall(os.urandom(512) if i % 2 == 0 else
                      b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")
            bad.append(s)
        stalled = socket.create_connection(("127.0.0.1", srv.port),
                                           timeout=5)
        bad.append(stalled)
        # others are answered while these are open
        for _ in range(5):
            assert srv.get("/healthz").status_code == 200
        # the stalled handshake is dropped after header_timeout
        stalled.settimeout(8)
        t0 = time.monotonic()
        try:
            got = stalled.recv(100)
        except (ConnectionResetError, socket.timeout):
            got = None
        assert got == b"" or got is None and time.monotonic() - t0 < 8
    finally:
        for s in bad:
            s.close()
    assert srv.get("/healthz").status_code == 200
    assert srv.proc.poll() is None


def start_fails(make_server, tmp_path, config):
    plain = make_server()
    plain.stop()
    cfg = tmp_path / "bad.conf"
    cfg.write_text(config)
    out = subprocess.run(
        [str(BIN), "--db", plain.db.uri, "--config", str(cfg), "serve",
         "--listen", "127.0.0.1:0"], capture_output=True, text=True,
        env=base_env(plain.db.env), cwd=tmp_path, timeout=30, check=False)
    assert out.returncode != 0, out.stdout
    assert "listening" not in out.stdout
    return out.stderr


def test_missing_or_bad_files_are_startup_errors(make_server, pki,
                                                  tmp_path):
    crt, key = pki.leaf()
    missing = tmp_path / "no-such.key"
    err = start_fails(make_server, tmp_path,
                      f"tls_cert = {crt}\ntls_key = {missing}\n")
    assert str(missing) in err and "tls_key" in err
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("hello\n")
    err = start_fails(make_server, tmp_path,
                      f"tls_cert = {garbage}\ntls_key = {key}\n")
    assert str(garbage) in err and "tls_cert" in err
    _, other_key = pki.leaf()
    err = start_fails(make_server, tmp_path,
                      f"tls_cert = {crt}\ntls_key = {other_key}\n")
    assert str(other_key) in err and "does not go with" in err
    err = start_fails(make_server, tmp_path, f"tls_cert = {crt}\n")
    assert "tls_cert and tls_key" in err
