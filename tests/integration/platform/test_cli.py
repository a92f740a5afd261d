"""The ccscap command line: version, help, strict configuration."""

import re
import subprocess

import pytest

from conftest import BIN, REPO, base_env, run_cli


def ccscap(*args, env=None, stdin=None, cwd=None):
    return subprocess.run([str(BIN), *[str(a) for a in args]], input=stdin,
                          capture_output=True, text=True, timeout=60,
                          env=base_env(env), cwd=cwd, check=False)


def project_version():
    m = re.search(r"version\s*:\s*'([^']+)'",
                  (REPO / "meson.build").read_text())
    return m.group(1)


def test_version():
    out = ccscap("--version")
    assert out.returncode == 0
    assert out.stdout == f"ccscap {project_version()}\n"


def test_help():
    out = ccscap("--help")
    assert out.returncode == 0
    for cmd in ("init", "serve", "user", "token", "backup", "restore",
                "verify-audit"):
        assert re.search(rf"^  {re.escape(cmd)}\s", out.stdout, re.M), cmd
    out = ccscap()
    assert out.returncode == 2 and "usage: ccscap" in out.stderr


def test_user_help(tmp_path):
    out = ccscap("user", "--help", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "ccscap user add LOGIN" in out.stdout
    assert "--password-stdin" in out.stdout
    # Asking for help touches no database.
    assert not (tmp_path / "var").exists()


def test_unknown_command_and_option(tmp_path):
    out = ccscap("frobnicate", cwd=tmp_path)
    assert out.returncode == 2 and "unknown command 'frobnicate'" in \
        out.stderr
    out = ccscap("serve", "--bogus", cwd=tmp_path)
    assert out.returncode == 2 and "unknown option '--bogus'" in out.stderr


def test_user_add_requires_password_stdin(make_db, backend, demo_template):
    # a copy of the session's `init --demo` (conftest's demo_template runs
    # and checks the full init once per backend)
    db = make_db(backend, template=demo_template(backend)[0])
    users = run_cli(db, "user", "list", "--json").stdout
    out = run_cli(db, "user", "add", "new.person", "--role", "partner",
                  stdin="a-long-enough-password\n")
    assert out.returncode == 2
    assert "--password-stdin" in out.stderr
    assert run_cli(db, "user", "list", "--json").stdout == users
    # With it, the same command works.
    out = run_cli(db, "user", "add", "new.person", "--role", "partner",
                  "--password-stdin", stdin="a-long-enough-password\n")
    assert out.returncode == 0, out.stderr
    assert "user new.person created" in out.stdout


def test_user_add_admin_prints_totp_secret(make_db, backend, demo_template):
    db = make_db(backend, template=demo_template(backend)[0])
    out = run_cli(db, "user", "add", "second.admin", "--role", "admin",
                  "--password-stdin", stdin="a-long-enough-password\n")
    assert out.returncode == 0, out.stderr
    assert re.search(r"one-time code secret .*: [A-Z2-7]{16,}$", out.stdout,
                     re.M)


def write(tmp_path, text, name="ccscap.conf"):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_check_config_ok(tmp_path):
    cfg = write(tmp_path, "# comment\n\ndb = sqlite:/tmp/x.db\n"
                "listen = 127.0.0.1:0\nthreads = 4\nmax_body = 4096\n"
                "session_ttl = 60\nip_max_failures = 3\nlog_level = warn\n")
    out = ccscap("--config", cfg, "--check-config")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "configuration OK\n"
    # The environment variable is an alternative to --config.
    out = ccscap("--check-config", env={"CCSCAP_CONFIG": str(cfg)})
    assert out.returncode == 0 and out.stdout == "configuration OK\n"


@pytest.mark.parametrize("text,line,words", [
    ("threads = 2\n\ncolour = blue\n", 3, "unknown key 'colour'"),
    ("max_body = 10\n", 1, "max_body"),
    ("session_ttl = 59\n", 1, "session_ttl"),
    ("threads = 2\nthreads\n", 2, "key = value"),
    ("listen = nowhere\n", 1, "listen"),
    ("log_level = loud\n", 1, "log_level"),
    ("threads = 1e3\n", 1, "threads"),
])
def test_bad_config_names_file_and_line(tmp_path, text, line, words):
    cfg = write(tmp_path, text)
    out = ccscap("--config", cfg, "--check-config")
    assert out.returncode == 2
    assert f"{cfg}:{line}:" in out.stderr
    assert words in out.stderr
    assert "configuration OK" not in out.stdout


def test_serve_refuses_bad_config(tmp_path):
    cfg = write(tmp_path, "listen = 127.0.0.1:0\nwhatever = 1\n")
    out = ccscap("--config", cfg, "--db", f"sqlite:{tmp_path}/x.db", "serve")
    assert out.returncode == 2
    assert f"{cfg}:2: unknown key 'whatever'" in out.stderr
    assert "listening" not in out.stdout
    assert not (tmp_path / "x.db").exists()


def test_missing_config_file(tmp_path):
    out = ccscap("--config", tmp_path / "nope.conf", "--check-config")
    assert out.returncode == 2 and "nope.conf" in out.stderr


def test_postgres_needs_key_file():
    out = ccscap("--db", "postgres://nobody@127.0.0.1:1/none",
                 "--check-config")
    assert out.returncode == 2 and "key_file" in out.stderr
    out = ccscap("--db", "postgres://nobody@127.0.0.1:1/none",
                 "--check-config", env={"CCSCAP_KEY_FILE": "/tmp/k"})
    assert out.returncode == 0 and out.stdout == "configuration OK\n"


def test_bad_environment_is_named():
    out = ccscap("--check-config", env={"CCSCAP_LISTEN": "nope"})
    assert out.returncode == 2 and "CCSCAP_LISTEN" in out.stderr


def test_flags_override_config_file(tmp_path):
    cfg = write(tmp_path, "listen = 127.0.0.1:1\n")
    db = tmp_path / "flag.db"
    assert run_cli(None, "--db", f"sqlite:{db}", "init").returncode == 0
    # --listen beats the file; the server comes up on the flag's port 0.
    proc = subprocess.Popen(
        [str(BIN), "--config", str(cfg), "--db", f"sqlite:{db}", "serve",
         "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, env=base_env(), text=True)
    try:
        line = proc.stdout.readline()
        assert re.match(r"ccscap listening on http://127\.0\.0\.1:\d+/",
                        line), line
        assert ":1/" not in line
    finally:
        proc.terminate()
        assert proc.wait(timeout=15) == 0
        proc.stdout.close()


def test_check_config_rejects_what_serve_rejects(tmp_path):
    cfg = write(tmp_path, "listen = localhost:0\n")
    db = f"sqlite:{tmp_path}/x.db"
    assert ccscap("--db", db, "init").returncode == 0
    serve = ccscap("--config", cfg, "--db", db, "serve")
    assert serve.returncode != 0 and "not a numeric" in serve.stderr
    out = ccscap("--config", cfg, "--check-config")
    assert out.returncode == 2
    assert f"{cfg}:1:" in out.stderr
