"""The manual pages document every command and every configuration key.

The lists come from the code, not from a copy: the commands from the
binary's own `ccscap --help`, the keys from the `strcmp(key, "...")` tests
of src/conf/conf.c and the environment variables from its map. A command
or key added without its paragraph in docs/man/ fails here.
"""

import re
import shutil
import subprocess

import pytest

from conftest import BIN, REPO, base_env

MAN8 = REPO / "docs" / "man" / "ccscap.8"
MAN5 = REPO / "docs" / "man" / "ccscap.conf.5"
CONF_C = REPO / "src" / "conf" / "conf.c"


def commands():
    out = subprocess.run([str(BIN), "--help"], capture_output=True,
                         text=True, timeout=30, env=base_env(None),
                         check=True).stdout
    block = out.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    names = [line.split()[0] for line in block.splitlines() if line.strip()]
    assert len(names) >= 10, out
    return names


def conf_keys():
    keys = re.findall(r'strcmp\(key, "([a-z0-9_]+)"\)', CONF_C.read_text())
    assert len(keys) >= 20
    return sorted(set(keys))


def env_vars():
    names = re.findall(r'\{ "(CCSCAP_[A-Z_]+)", "[a-z_]+" \}',
                       CONF_C.read_text())
    assert len(names) >= 5
    return names


def man_text(path):
    """The page with troff's escaped hyphens made plain."""
    return path.read_text().replace("\\-", "-")


def test_every_command_has_a_section():
    sections = set(re.findall(r"^\.SS (\S+)\s*$", man_text(MAN8), re.M))
    missing = [c for c in commands() if c not in sections]
    assert not missing, f"ccscap(8) lacks a .SS section for {missing}"


def test_every_config_key_has_an_entry():
    # each key is a tagged paragraph: ".TP" then ".B key"
    entries = set(re.findall(r"^\.TP\n\.B ([a-z0-9_]+)\s*$",
                             man_text(MAN5), re.M))
    missing = [k for k in conf_keys() if k not in entries]
    assert not missing, f"ccscap.conf(5) lacks an entry for {missing}"
    # and nothing documented that the parser would refuse
    stale = sorted(entries - set(conf_keys()))
    assert not stale, f"ccscap.conf(5) documents unknown keys {stale}"


def test_every_environment_variable_is_named():
    text = man_text(MAN8) + man_text(MAN5)
    missing = [v for v in env_vars() if v not in text]
    assert not missing, f"the manual pages never name {missing}"


def test_every_global_option_is_documented():
    text = man_text(MAN8)
    for opt in ("--config", "--db", "--listen", "--check-config",
                "--version"):
        assert re.search(rf"^\.(TP\n\.)?BI? {re.escape(opt)}\b",
                         text.replace("\\-", "-"), re.M), opt


@pytest.mark.parametrize("page", [MAN8, MAN5], ids=lambda p: p.name)
def test_pages_format_without_warnings(page):
    groff = shutil.which("groff")
    if groff is None:
        pytest.skip("groff is not installed")
    out = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z", str(page)],
                         capture_output=True, text=True, timeout=30,
                         check=False)
    assert out.returncode == 0 and out.stderr == "", out.stderr
