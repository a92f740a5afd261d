"""Issue 15, item 5: `serve` sandboxes itself after start-up.

The whole integration suite runs with the sandbox on (the default); these
tests show it is really there, from outside the process: the kernel's
view in /proc/PID/status (a seccomp filter, no new privileges, the
service user when started as root), and Landlock refusing a file outside
the allowed paths through a feature that opens files: the TLS reload on
SIGHUP, given a certificate that links outside (readable to the user,
so only Landlock can refuse it; with `sandbox = off` the same reload
works)."""

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import BIN, base_env
from tls_helpers import Pki, TlsServer, der_of, served_cert


def status(pid):
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        fields[k] = v.split()
    return fields


def test_filter_active_and_privileges_dropped(server):
    st = status(server.proc.pid)
    assert st["Seccomp"] == ["2"], st["Seccomp"]
    assert st["NoNewPrivs"] == ["1"], st["NoNewPrivs"]
    if os.geteuid() == 0:
        want = pwd.getpwnam("ccscap")
        assert st["Uid"] == [str(want.pw_uid)] * 4, st["Uid"]
        assert st["Gid"] == [str(want.pw_gid)] * 4, st["Gid"]
        assert st["Groups"] == [str(want.pw_gid)], st["Groups"]
        assert all(c == "0" * 16 for k in ("CapEff", "CapPrm")
                   for c in st[k]), st
    # it still serves
    assert server.get("/healthz").status_code == 200


def test_sandbox_off_has_no_filter(make_server):
    srv = make_server(config="sandbox = off\n")
    st = status(srv.proc.pid)
    assert st["Seccomp"] == ["0"], st["Seccomp"]
    assert srv.get("/healthz").status_code == 200


def test_missing_user_is_refused_when_root(make_server, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only started as root does serve change user")
    plain = make_server()
    plain.stop()
    cfg = tmp_path / "nouser.conf"
    cfg.write_text("user = ccscap-no-such-user\n")
    out = subprocess.run(
        [str(BIN), "--db", plain.db.uri, "--config", str(cfg), "serve",
         "--listen", "127.0.0.1:0"], capture_output=True, text=True,
        env=base_env(plain.db.env), cwd=tmp_path, timeout=30, check=False)
    assert out.returncode != 0
    assert "listening" not in out.stdout
    assert "ccscap-no-such-user" in out.stderr
    assert "does not exist" in out.stderr


def make_tls(make_server, tmp_path, pki, extra):
    plain = make_server()
    plain.stop()
    crt, key = pki.leaf()
    d = tmp_path / "tls"
    d.mkdir()
    os.chmod(d, 0o755)
    for src, name in ((crt, "server.pem"), (key, "server.key")):
        shutil.copyfile(src, d / name)
        os.chmod(d / name, 0o644)
    cfg = tmp_path / f"tls-{len(extra)}.conf"
    cfg.write_text(f"tls_cert = {d / 'server.pem'}\n"
                   f"tls_key = {d / 'server.key'}\n" + extra)
    srv = TlsServer(plain.db, plain.creds, tmp_path, config=cfg,
                    name=f"tls-{len(extra)}", ca=pki.ca_cert)
    srv.start()
    srv.tls_dir = d
    return srv


@pytest.mark.parametrize("sandbox", ["on", "off"])
def test_landlock_refuses_a_file_outside(make_server, tmp_path, sandbox):
    pki = Pki(tmp_path)
    srv = make_tls(make_server, tmp_path, pki, f"sandbox = {sandbox}\n")
    # not under /tmp or /var/tmp, which serve may write (temporary files)
    if not os.path.isdir("/dev/shm"):
        pytest.skip("no /dev/shm for a directory outside the allowed ones")
    outside = Path(tempfile.mkdtemp(prefix="ccscap-outside-",
                                    dir="/dev/shm"))
    try:
        if sandbox == "on" and "landlock_unavailable" in srv.stderr_tail():
            pytest.skip("this kernel has no Landlock")
        first = served_cert(srv.port, srv.ca)
        os.chmod(outside, 0o755)
        crt, key = pki.leaf()
        for src, name in ((crt, "o.pem"), (key, "o.key")):
            shutil.copyfile(src, outside / name)
            os.chmod(outside / name, 0o644)
        # readable by anyone: only Landlock stands in the way
        for name, target in (("server.pem", "o.pem"),
                             ("server.key", "o.key")):
            link = srv.tls_dir / name
            link.unlink()
            link.symlink_to(outside / target)
        srv.hup()
        deadline = time.monotonic() + 10
        if sandbox == "on":
            while "reload_failed" not in srv.stderr_tail(20000):
                assert time.monotonic() < deadline, srv.stderr_tail()
                time.sleep(0.1)
            assert "cannot open" in srv.stderr_tail(20000)
            assert served_cert(srv.port, srv.ca) == first
        else:
            while served_cert(srv.port, srv.ca) != der_of(crt):
                assert time.monotonic() < deadline, srv.stderr_tail()
                time.sleep(0.1)
        assert srv.get("/healthz").status_code == 200
    finally:
        code = srv.stop()
        shutil.rmtree(outside, ignore_errors=True)
    assert code == 0, srv.stderr_tail()
