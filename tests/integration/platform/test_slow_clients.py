"""Issue 8, F3: slow clients cannot hold the server.

Written as the attack the outside test made: connections from several
addresses (127.0.0.2, 127.0.0.3 ... are all this machine) that send their
request one byte at a time, slowly enough to look busy but never finish.
conn_timeout alone is an idle timeout and never drops them; the header
and body deadlines must, and while they are held a normal client (from
127.0.0.1) must still be answered. Bounded in time: every socket has a
timeout and is closed at the end, and the test gives up after DEADLINE."""

import socket
import time

import pytest
import requests

ATTACKERS = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"]
PER_IP = 6
CONFIG = (f"per_ip_connections = {PER_IP}\n"
          "max_connections = 64\n"
          "conn_timeout = 30\n"
          "header_timeout = 2\n"
          "body_timeout = 3\n"
          "min_rate = 1024\n")
DEADLINE = 20.0
TRICKLE = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200


def can_bind(addr):
    s = socket.socket()
    try:
        s.bind((addr, 0))
        return True
    except OSError:
        return False
    finally:
        s.close()


def open_from(addr, port):
    s = socket.socket()
    s.settimeout(2)
    s.bind((addr, 0))
    s.connect(("127.0.0.1", port))
    s.setblocking(False)
    return s


def closed_by_server(s):
    """True once the server has closed or reset @s (non-blocking)."""
    try:
        return s.recv(4096) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def trickle(socks, i):
    """Sends byte @i of TRICKLE on every socket still open."""
    for s in socks:
        try:
            s.send(TRICKLE[i % len(TRICKLE):i % len(TRICKLE) + 1])
        except OSError:
            pass


@pytest.fixture
def slow_server(make_server):
    for a in ATTACKERS:
        if not can_bind(a):
            pytest.skip(f"cannot bind {a} on this machine")
    return make_server(config=CONFIG)


def test_slow_headers_are_dropped_and_others_answered(slow_server):
    srv = slow_server
    socks, refused = [], 0
    try:
        t0 = time.monotonic()
        # each address asks for more than its share
        for a in ATTACKERS:
            for _ in range(PER_IP + 2):
                try:
                    socks.append(open_from(a, srv.port))
                except OSError:
                    refused += 1
        held = []
        # one byte every 0.5 s: never idle for conn_timeout
        i = 0
        while time.monotonic() - t0 < 1.0:
            trickle(socks, i)
            i += 1
            time.sleep(0.5)
        for s in socks:
            if not closed_by_server(s):
                held.append(s)
        # the per-address limit: at most PER_IP held per attacker
        assert len(held) <= PER_IP * len(ATTACKERS), len(held)
        # a normal client is answered while they are held
        r = requests.get(srv.url("/healthz"), timeout=5)
        assert r.status_code == 200
        # and the slow ones are all dropped after the header deadline
        # (2 s), although they never stopped sending
        while held and time.monotonic() - t0 < DEADLINE:
            trickle(held, i)
            i += 1
            time.sleep(0.5)
            held = [s for s in held if not closed_by_server(s)]
        elapsed = time.monotonic() - t0
        assert not held, f"{len(held)} slow connections still open " \
            f"after {elapsed:.1f} s"
        assert elapsed < 8, elapsed
        r = requests.get(srv.url("/healthz"), timeout=5)
        assert r.status_code == 200
    finally:
        for s in socks:
            s.close()
    assert "slow_client_dropped" in srv.stderr_tail(200000)


def slow_body_dropped_after(srv):
    """Seconds until a body sent at 2 bytes/s is dropped (or DEADLINE)."""
    s = open_from(ATTACKERS[0], srv.port)
    try:
        s.setblocking(True)
        s.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Type: application/json\r\n"
                  b"Content-Length: 100000\r\n\r\n{")
        s.setblocking(False)
        t0 = time.monotonic()
        gone = False
        while time.monotonic() - t0 < DEADLINE:
            try:
                s.send(b" ")
            except OSError:
                gone = True
                break
            time.sleep(0.5)
            if closed_by_server(s):
                gone = True
                break
        elapsed = time.monotonic() - t0
        assert gone, "a body trickled at 2 bytes/s was never dropped"
    finally:
        s.close()
    r = requests.get(srv.url("/healthz"), timeout=5)
    assert r.status_code == 200
    return elapsed


def test_slow_body_is_dropped(slow_server):
    # body_timeout is 3 s (min_rate would drop it after 5 s anyway)
    assert slow_body_dropped_after(slow_server) < 8


def test_body_below_min_rate_is_dropped(make_server):
    if not can_bind(ATTACKERS[0]):
        pytest.skip(f"cannot bind {ATTACKERS[0]} on this machine")
    srv = make_server(config=CONFIG.replace("body_timeout = 3",
                                            "body_timeout = 600"))
    # 2 bytes/s is below 1024 once the first 5 s are over
    assert 4 < slow_body_dropped_after(srv) < 10


def test_keep_alive_clients_still_work(slow_server):
    """The deadlines do not cut a normal client's kept-alive requests."""
    srv = slow_server
    with requests.Session() as s:
        for _ in range(5):
            assert s.get(srv.url("/healthz"), timeout=5).status_code == 200
            time.sleep(0.3)


def test_stalled_connections_and_per_address_limit(slow_server):
    """Issue 15: connections that send nothing at all (slowloris with its
    mouth shut) fill their address's share, the next one from that address
    is turned away at once, other addresses are answered, and the stalled
    ones are dropped after header_timeout (2 s), freeing the address."""
    srv = slow_server
    attacker = ATTACKERS[0]
    stalled = []
    try:
        for _ in range(PER_IP):
            stalled.append(open_from(attacker, srv.port))
        t0 = time.monotonic()
        extra = open_from(attacker, srv.port)
        try:
            extra.settimeout(1.5)
            try:
                got = extra.recv(100)
            except ConnectionResetError:
                got = b""
            assert got == b"", "the connection over the limit was served"
        finally:
            extra.close()
        assert time.monotonic() - t0 < 1.5
        # another address is served meanwhile
        assert requests.get(srv.url("/healthz"), timeout=5).status_code \
            == 200
        while stalled and time.monotonic() - t0 < DEADLINE:
            time.sleep(0.25)
            stalled = [s for s in stalled if not closed_by_server(s)]
        assert not stalled, f"{len(stalled)} stalled connections still open"
        assert time.monotonic() - t0 < 8
    finally:
        for s in stalled:
            s.close()
    # the address may connect again and is answered
    s = open_from(attacker, srv.port)
    try:
        s.setblocking(True)
        s.settimeout(5)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
                  b"Connection: close\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 200")
    finally:
        s.close()
