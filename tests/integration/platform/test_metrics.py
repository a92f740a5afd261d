"""GET /metrics as Prometheus scrapes it: latency histograms per route
pattern (a bounded label set), the database pool, the outbox read from the
database at scrape time, and the import counters per format."""

import re
import threading
import time
import uuid

from conftest import assert_security_headers

HIST = "ccscap_http_request_duration_seconds"


def scrape(server):
    r = server.get("/metrics")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return r.text


def value(text, series):
    """The value of one exact series (name and labels), or None."""
    m = re.search(rf"^{re.escape(series)} (\S+)$", text, re.M)
    return float(m.group(1)) if m else None


def route_count(text, method, route):
    v = value(text, f'{HIST}_count{{method="{method}",route="{route}"}}')
    return 0 if v is None else v


def route_labels(text):
    return set(re.findall(rf'^{HIST}_count\{{method="([^"]*)",'
                          rf'route="([^"]*)"\}}', text, re.M))


def test_request_latency_per_route_pattern(server):
    before = scrape(server)
    for code in ("JM", "BB", "TT"):
        assert server.get(f"/api/v1/states/{code}").status_code == 200
    assert server.get("/api/v1/states").status_code == 200
    assert server.get("/api/v1/nope").status_code == 404
    after = scrape(server)
    # three states, one route: the pattern, never the raw path
    pattern = "/api/v1/states/{code}"
    assert route_count(after, "GET", pattern) == \
        route_count(before, "GET", pattern) + 3
    assert route_count(after, "GET", "/api/v1/states") == \
        route_count(before, "GET", "/api/v1/states") + 1
    assert route_count(after, "", "(unmatched)") == \
        route_count(before, "", "(unmatched)") + 1
    assert "/api/v1/states/JM" not in after
    # the histogram is cumulative and ends at its count
    labels = f'method="GET",route="{pattern}"'
    buckets = [float(v) for v in re.findall(
        rf'^{HIST}_bucket\{{{re.escape(labels)},le="[^"]+"\}} (\S+)$',
        after, re.M)]
    assert len(buckets) == 14
    assert buckets == sorted(buckets)
    assert buckets[-1] == route_count(after, "GET", pattern)
    assert value(after, f"{HIST}_sum{{{labels}}}") > 0
    assert f"# TYPE {HIST} histogram" in after


def test_label_set_stays_bounded(server):
    server.get("/api/v1/states")
    scrape(server)  # /metrics itself is counted once it has answered
    before = route_labels(scrape(server))
    for _ in range(30):
        server.get(f"/api/v1/{uuid.uuid4().hex}")
        server.get(f"/api/v1/states/{uuid.uuid4().hex[:2].upper()}")
        server.get(f"/{uuid.uuid4().hex}.html")
    after = route_labels(scrape(server))
    # at most the three kinds of request above added one label each
    assert len(after - before) <= 3, after - before
    assert all(not re.search(r"[0-9a-f]{32}", r) for _, r in after)


def test_pool_counters(make_server):
    # (that a busy pool counts waits is tested deterministically in
    # tests/store/store_test.c, test_pool_stats)
    srv = make_server(config="db_pool = 3\nthreads = 8\n")
    text = scrape(srv)
    assert value(text, "ccscap_db_pool_connections") == 3
    acquires0 = value(text, "ccscap_db_pool_acquires_total")
    waits0 = value(text, "ccscap_db_pool_waits_total")

    def hammer():
        for _ in range(10):
            srv.get("/api/v1/states/JM")
    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    text = scrape(srv)
    # every request of a route with a transaction checked one out
    assert value(text, "ccscap_db_pool_acquires_total") >= acquires0 + 80
    assert value(text, "ccscap_db_pool_waits_total") >= waits0
    assert value(text, "ccscap_db_pool_wait_seconds_total") >= 0
    # the outbox worker may hold a connection while we scrape
    assert value(text, "ccscap_db_pool_in_use") <= 1
    assert value(text, "ccscap_db_pool_waiting") == 0


def test_outbox_backlog_read_at_scrape_time(server):
    text = scrape(server)
    assert value(text, "ccscap_outbox_scrape_ok") == 1
    pending0 = value(text, 'ccscap_outbox_pending{channel="webhook"}')
    given0 = value(text, 'ccscap_outbox_given_up{channel="webhook"}')
    now = int(time.time())
    # queued by another process on the same database (no webhook_secret
    # here, so this server's worker leaves them queued)
    for created, attempts in ((now - 900, 0), (now - 60, 2), (now, 10)):
        server.db.sql(
            "INSERT INTO outbox (channel, target, subject, body, attempts, "
            f"next_at, created_at) VALUES ('webhook', 'https://x.example/',"
            f" 's', 'b', {attempts}, {now + 3600}, {created})")
    text = scrape(server)
    assert value(text, 'ccscap_outbox_pending{channel="webhook"}') == \
        pending0 + 2
    assert value(text, 'ccscap_outbox_given_up{channel="webhook"}') == \
        given0 + 1
    age = value(text,
                'ccscap_outbox_oldest_pending_age_seconds{channel="webhook"}')
    assert 900 <= age < 900 + 120
    server.db.sql("UPDATE outbox SET sent_at = created_at "
                  "WHERE target = 'https://x.example/'")
    text = scrape(server)
    assert value(text, 'ccscap_outbox_pending{channel="webhook"}') == \
        pending0


def imports(text, fmt, result):
    return value(text, f'ccscap_import_objects_total{{format="{fmt}",'
                 f'result="{result}"}}')


def post_csv(server, session, body, **query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    return server.request("POST", "/api/v1/import/csv" +
                          (f"?{qs}" if qs else ""), session=session,
                          data=body, headers={"Content-Type": "text/csv"})


def test_import_counters_per_format(server):
    jm = server.bearer("ncpoc.jm")
    tag = uuid.uuid4().hex[:8]
    text = scrape(server)
    ok0 = imports(text, "csv", "imported")
    bad0 = imports(text, "csv", "failed")
    stix0 = imports(text, "stix", "imported")
    good = (f"type,value\ndomain,m1-{tag}.example.com\n"
            f"domain,m2-{tag}.example.com\n")
    # a dry run checks and stores nothing, so counts nothing
    assert post_csv(server, jm, good, dry_run=1).status_code == 200
    assert imports(scrape(server), "csv", "imported") == ok0
    assert post_csv(server, jm, good).status_code == 201
    text = scrape(server)
    assert imports(text, "csv", "imported") == ok0 + 2
    assert value(text, 'ccscap_imports_total{format="csv",'
                 'result="stored"}') >= 1
    # refused as a whole: the invalid row failed, nothing was imported
    bad = f"type,value\ndomain,m3-{tag}.example.com\nipv4,999.1.1.1\n"
    assert post_csv(server, jm, bad).status_code == 422
    text = scrape(server)
    assert imports(text, "csv", "imported") == ok0 + 2
    assert imports(text, "csv", "failed") == bad0 + 1
    assert value(text, 'ccscap_imports_total{format="csv",'
                 'result="refused"}') >= 1
    # another format's counters did not move
    assert imports(text, "stix", "imported") == stix0


def test_metrics_answer_anyone_with_the_security_headers(server):
    # the existing rule, kept: /metrics needs no sign-in (documented in
    # README and ccscap(8): restrict it in the reverse proxy)
    r = server.get("/metrics")
    assert r.status_code == 200
    assert_security_headers(r)
    assert "ccscap_http_requests_total" in r.text
