"""docs/ops/prometheus-alerts.yml: a rule file Prometheus would load, whose
every expression names metrics this build of ccscap exports.

promtool is not in Debian 12's archive for this project's use, so the file
is read as YAML (python3-yaml) or, without it, checked line by line for the
rule file's shape; the metric names are checked against a live scrape."""

import re

import pytest

from conftest import REPO

ALERTS = REPO / "docs" / "ops" / "prometheus-alerts.yml"
SEVERITIES = {"critical", "warning", "info"}


def rules_from_text(text):
    """The rules without a YAML library: each '- alert:' starts one and
    'expr:' (folded with >- or inline) and 'severity:' belong to it."""
    rules, cur, in_expr = [], None, False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- alert:"):
            cur = {"alert": stripped.split(":", 1)[1].strip(), "expr": "",
                   "labels": {}, "annotations": {}}
            rules.append(cur)
            in_expr = False
        elif cur is None or stripped.startswith("#"):
            continue
        elif stripped.startswith("expr:"):
            rest = stripped.split(":", 1)[1].strip()
            in_expr = rest in (">-", ">", "|")
            cur["expr"] = "" if in_expr else rest
        elif in_expr and line.startswith(" " * 10):
            cur["expr"] += " " + stripped
        else:
            in_expr = False
            if stripped.startswith("severity:"):
                cur["labels"]["severity"] = stripped.split(":", 1)[1].strip()
            elif stripped.startswith("summary:"):
                cur["annotations"]["summary"] = stripped.split(":", 1)[1]
    return rules


def load_rules():
    text = ALERTS.read_text()
    try:
        import yaml  # python3-yaml
    except ImportError:
        assert text.startswith("#") and "\ngroups:\n" in text
        return rules_from_text(text)
    doc = yaml.safe_load(text)
    assert set(doc) == {"groups"}
    rules = []
    for group in doc["groups"]:
        assert group["name"] and isinstance(group["rules"], list)
        rules += group["rules"]
    # the fallback reader agrees with YAML on this file
    assert [r["alert"] for r in rules_from_text(text)] == \
        [r["alert"] for r in rules]
    return rules


def test_rules_have_the_shape_prometheus_loads():
    rules = load_rules()
    assert len(rules) >= 5
    names = [r["alert"] for r in rules]
    assert len(names) == len(set(names)), "duplicate alert names"
    for r in rules:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", r["alert"]), r["alert"]
        expr = str(r["expr"])
        assert expr.strip(), r["alert"]
        for o, c in ("()", "[]", "{}"):
            assert expr.count(o) == expr.count(c), (r["alert"], expr)
        assert r["labels"]["severity"] in SEVERITIES, r["alert"]
        assert r["annotations"]["summary"], r["alert"]
        if "for" in r:
            assert re.fullmatch(r"\d+[smh]", str(r["for"])), r["for"]


def exported(text):
    names = set()
    for m in re.finditer(r"^# TYPE (\S+) (\w+)$", text, re.M):
        names.add(m.group(1))
        if m.group(2) == "histogram":
            names |= {m.group(1) + s for s in ("_bucket", "_sum", "_count")}
    return names


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_metric_named_is_exported(server):
    server.get("/api/v1/states")
    server.get("/metrics")
    have = exported(server.get("/metrics").text)
    for r in load_rules():
        for name in re.findall(r"\b(ccscap_[a-z0-9_]+)", str(r["expr"])):
            assert name in have, f"{r['alert']}: {name} is not exported"
