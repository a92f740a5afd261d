"""The funding chart drawn by the server, over real HTTP, on both
backends.

What must hold: GET /api/v1/funding/chart.svg draws the same figures as
GET /api/v1/funding for the same reader: one panel per currency (never
converted silently), a bar per key and stage with money, the bar lengths
in proportion to the amounts on each panel's own scale; ?currency= keeps
one panel; ?convert= draws the converted totals with the rates used and
the currencies left out written under them. Readers are the funding
totals' readers (anonymous callers get 401). A bad `by`, currency or
convert is refused with 400 and a message naming the field.
"""
import xml.etree.ElementTree as ET
from decimal import Decimal

from capacity_helpers import create
from conftest import assert_error
from sharing_helpers import get, post

CHART = "/api/v1/funding/chart.svg"
SVG = "{http://www.w3.org/2000/svg}"
CCS = "{urn:ccscap:chart}"
STAGES = ("pledged", "committed", "disbursed", "spent")


def tx(kind, date, amount, cur, **more):
    return dict({"type": kind, "date": date, "amount": amount,
                 "currency": cur}, **more)


def setup_money(server):
    create(server, ident="XX-CHART-1", needs=["T2.2"],
           transactions=[tx(12, "2024-02-01", "5000", "XCD"),
                         tx(3, "2024-05-01", "1250.50", "XCD"),
                         tx(2, "2025-01-10", "800", "USD")])
    create(server, ident="XX-CHART-2", needs=["T1.2"],
           states=[{"state": "LC"}],
           transactions=[tx(12, "2024-03-01", "2000", "XCD"),
                         tx(4, "2025-02-01", "300", "USD")])


def chart(server, who, query):
    r = get(server, who, f"{CHART}?{query}")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "image/svg+xml"
    return ET.fromstring(r.content)


def bars(root):
    """(panel, row, stage) -> (value, width) from the data layer."""
    layer = root.find(f"{SVG}g[@id='ccs-data']")
    assert layer is not None
    out = {}
    for rect in layer.findall(f"{SVG}rect"):
        key = (rect.get(f"{CCS}panel"), rect.get(f"{CCS}row"),
               rect.get(f"{CCS}series"))
        assert key not in out, key
        out[key] = (Decimal(rect.get(f"{CCS}value")),
                    float(rect.get("width")), rect)
    return out


def expected(doc, dim, only=None):
    want = {}
    for row in doc["by"][dim]:
        for cur, t in row["totals"].items():
            if only and cur != only:
                continue
            for st in STAGES:
                if st in t:
                    want[(cur, row["key"], st)] = Decimal(t[st])
    return want


def painted(root):
    """The boxes cairo filled: (x, y, w, h) of every closed 4-corner
    path."""
    boxes = []
    for p in root.iter(f"{SVG}path"):
        d = p.get("d", "").replace("M", " M ").replace("L", " L ").split()
        nums = [float(x) for x in d if x not in ("M", "L", "Z", "C")]
        if "C" in d or len(nums) < 8:
            continue
        xs, ys = nums[0:8:2], nums[1:8:2]
        boxes.append((min(xs), min(ys), max(xs) - min(xs),
                      max(ys) - min(ys)))
    return boxes


def painted_at(boxes, box):
    """Whether a painted box matches @box to within cairo's rounding of
    coordinates in its SVG (a tenth of a pixel)."""
    return any(all(abs(a - b) < 0.1 for a, b in zip(p, box))
               for p in boxes)


def check_scale(got, panel):
    rows = [(v, w) for (p, _, _), (v, w, _) in got.items() if p == panel]
    top = max(v for v, _ in rows)
    wmax = max(w for _, w in rows)
    for v, w in rows:
        assert abs(w - wmax * float(v / top)) < 0.02, (v, w)


def test_chart_matches_the_totals(server):
    setup_money(server)
    for who in ("partner", "coordinator"):
        doc = get(server, who, "/api/v1/funding").json()
        for by, dim in (("priority_area", "area"), ("need", "need"),
                        ("state", "state"), ("funder", "funder"),
                        ("year", "year")):
            root = chart(server, who, f"by={by}")
            got = bars(root)
            assert {k: v[0] for k, v in got.items()} == expected(doc, dim)
            for cur in {k[0] for k in got}:
                check_scale(got, cur)
            # each bar with money is painted where the data layer says
            boxes = painted(root)
            assert any(w > 0 for _, w, _ in got.values())
            for (_, _, _), (v, w, rect) in got.items():
                if w > 0:
                    box = (float(rect.get("x")), float(rect.get("y")), w,
                           float(rect.get("height")))
                    assert painted_at(boxes, box), box
    root = chart(server, "partner", "by=year")
    assert root.find(f"{SVG}title").text == "Funding by year"
    got = bars(root)
    assert got[("XCD", "2024", "pledged")][0] == Decimal("7000.00")
    assert got[("USD", "2025", "committed")][0] == Decimal("800.00")
    title = got[("XCD", "2024", "pledged")][2].find(f"{SVG}title").text
    assert title == "2024, XCD 7,000.00 pledged"


def test_one_currency_and_names(server):
    setup_money(server)
    doc = get(server, "partner", "/api/v1/funding").json()
    got = bars(chart(server, "partner", "by=state&currency=XCD"))
    assert {k[0] for k in got} == {"XCD"}
    assert {k: v[0] for k, v in got.items()} == expected(doc, "state",
                                                         "XCD")
    lc = [r for (p, row, s), (_, _, r) in got.items() if row == "LC"][0]
    assert lc.find(f"{SVG}title").text.startswith("Saint Lucia, XCD ")
    # a currency with nothing recorded: an empty panel, no bar
    assert bars(chart(server, "partner", "by=state&currency=JPY")) == {}


def test_converted_only_at_recorded_rates(server):
    setup_money(server)
    r = post(server, "coordinator", "/api/v1/funding/rates", {
        "from": "XCD", "to": "USD", "rate": "0.37", "rate_date":
        "2024-01-02", "source": "ECCB fixed rate"})
    assert r.status_code == 201, r.text
    doc = get(server, "partner", "/api/v1/funding?convert=USD").json()
    got = bars(chart(server, "partner", "by=year&convert=USD"))
    want = {}
    for row in doc["converted"]["by"]["year"]:
        for st, v in row["totals"].items():
            want[("USD", row["key"], st)] = Decimal(v)
    assert {k: v[0] for k, v in got.items()} == want
    # 7000 XCD pledged in 2024 at 0.37
    assert want[("USD", "2024", "pledged")] == Decimal("2590.00")
    # no rate into EUR: XCD and USD are left out, never guessed
    doc = get(server, "partner", "/api/v1/funding?convert=EUR").json()
    assert {"XCD", "USD"} <= set(doc["converted"]["missing"])
    got = bars(chart(server, "partner", "by=year&convert=EUR"))
    want = {("EUR", row["key"], st): Decimal(v)
            for row in doc["converted"]["by"]["year"]
            for st, v in row["totals"].items()}
    assert {k: v[0] for k, v in got.items()} == want
    assert ("EUR", "2024", "pledged") not in got


def test_readers_and_bad_input(server):
    r = server.get(f"{CHART}?by=year")
    assert r.status_code == 401
    for q, code, field in (("by=colour", "invalid_by", "by"),
                           ("by=", "invalid_by", "by"),
                           ("by=need&currency=XXY", "unknown_currency",
                            "currency"),
                           ("by=need&convert=usd", "unknown_currency",
                            "convert"),
                           ("by=need&currency=XCD&convert=USD",
                            "invalid_filter", "currency")):
        r = get(server, "partner", f"{CHART}?{q}")
        assert_error(r, 400, code)
        assert r.json()["error"]["message"].startswith(field), r.text
