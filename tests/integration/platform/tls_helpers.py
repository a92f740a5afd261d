"""Test certificates made with openssl at test time, and a `ccscap serve`
speaking HTTPS (issue 15, item 4)."""

import grp
import os
import re
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path

import requests

from conftest import BIN, Server, base_env

HTTPS_RE = re.compile(
    r"^ccscap listening on https://127\.0\.0\.1:(\d+)/ \(store: (\w+)\)$")


def openssl(*args, cwd):
    out = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True,
                         text=True, timeout=60, check=False)
    assert out.returncode == 0, f"openssl {args}: {out.stderr}"
    return out


class Pki:
    """A test CA in @workdir; leaf() issues server certificates for
    127.0.0.1 signed by it."""

    def __init__(self, workdir, name="ca"):
        self.dir = Path(workdir)
        self.ca_key = self.dir / f"{name}.key"
        self.ca_cert = self.dir / f"{name}.pem"
        self.n = 0
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", self.ca_key,
                "-out", self.ca_cert, "-days", "2", "-subj",
                f"/CN=ccscap test {name}", cwd=self.dir)

    def leaf(self, cn="127.0.0.1"):
        """(cert path, key path) of a new certificate for 127.0.0.1."""
        self.n += 1
        base = self.dir / f"leaf{self.n}"
        key, csr, crt = (Path(f"{base}.key"), Path(f"{base}.csr"),
                         Path(f"{base}.pem"))
        ext = Path(f"{base}.ext")
        ext.write_text("subjectAltName=IP:127.0.0.1\n")
        openssl("req", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                "-out", csr, "-subj", f"/CN={cn} {self.n}", cwd=self.dir)
        openssl("x509", "-req", "-in", csr, "-CA", self.ca_cert, "-CAkey",
                self.ca_key, "-set_serial", str(1000 + self.n), "-out", crt,
                "-days", "2", "-extfile", ext, cwd=self.dir)
        return crt, key


def readable_by_service(path):
    """As an operator does for the reload: the key file in the service
    user's group, 0640 (only when the suite runs as root, when `serve`
    drops to that user)."""
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, -1, grp.getgrnam("ccscap").gr_gid)


def der_of(pem_path):
    return ssl.PEM_cert_to_DER_cert(Path(pem_path).read_text())


def served_cert(port, ca):
    """DER certificate the server presents on a new connection."""
    ctx = ssl.create_default_context(cafile=str(ca))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
            return s.getpeercert(binary_form=True)


class TlsServer(Server):
    """A Server answering on https:// and trusting the test CA."""

    def __init__(self, *a, ca=None, **kw):
        super().__init__(*a, **kw)
        self.ca = str(ca)

    def start(self):
        cmd = [str(BIN), "--db", self.db.uri, "--config",
               str(self.config), "serve", "--listen", "127.0.0.1:0"]
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=self._stderr,
            env=base_env(self.db.env), cwd=self.workdir)
        line = self._first_line(timeout=30)
        m = HTTPS_RE.match(line)
        assert m, f"unexpected first line {line!r}: {self.stderr_tail()}"
        self.port = int(m.group(1))
        self.store = m.group(2)
        deadline = time.monotonic() + 15
        while True:
            try:
                if self.get("/healthz").status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, self.stderr_tail()
            time.sleep(0.05)

    def url(self, path):
        return f"https://127.0.0.1:{self.port}{path}"

    def get(self, path, session=None, **kw):
        kw.setdefault("verify", self.ca)
        return (session or requests).get(self.url(path), timeout=30, **kw)

    def hup(self):
        self.proc.send_signal(signal.SIGHUP)
