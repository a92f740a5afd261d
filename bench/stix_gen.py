#!/usr/bin/env python3
"""stix_gen.py: writes a synthetic STIX 2.1 bundle for benchmarks and the
killed-import test (python3 standard library only, deterministic by seed).

    bench/stix_gen.py N OUT.json [--seed S]

Mix of N objects: the four TLP 2.0 marking definitions, identities (1%),
indicators (45%: patterns on IPv4, IPv6, domains, URLs, e-mail addresses,
SHA-256, MD5 and Bitcoin wallets), SCOs with observed-data pointing at them
(2 x 12%), sightings of earlier indicators (10%), relationships (rest).
Values are random, so most are distinct; one value in fifty repeats an
earlier one, so correlation has something to find.
"""

import json
import random
import sys
import uuid

TLP = ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
       "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
       "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
       "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"]
TLP_NAMES = ["clear", "green", "amber", "amber+strict"]
TS = "2026-01-%02dT%02d:%02d:00.000Z"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def tlp_object(i):
    return {"type": "marking-definition", "spec_version": "2.1",
            "id": TLP[i], "created": "2022-10-01T00:00:00.000Z",
            "name": "TLP:" + TLP_NAMES[i].upper(),
            "extensions": {
                "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
                {"extension_type": "property-extension",
                 "tlp_2_0": TLP_NAMES[i]}}}


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.values = []
        self.indicators = []
        self.identities = []

    def sid(self, t):
        return f"{t}--{uuid.UUID(int=self.r.getrandbits(128), version=4)}"

    def ts(self):
        r = self.r
        return TS % (r.randint(1, 28), r.randint(0, 23), r.randint(0, 59))

    def value(self):
        r = self.r
        if self.values and r.random() < 0.02:
            return r.choice(self.values)
        k = r.randrange(8)
        if k == 0:
            v = ("ipv4-addr:value", "%d.%d.%d.%d" % (
                r.randint(11, 223), r.randint(0, 255), r.randint(0, 255),
                r.randint(1, 254)))
        elif k == 1:
            v = ("ipv6-addr:value", "2001:db8:%x:%x::%x" % (
                r.getrandbits(16), r.getrandbits(16), r.getrandbits(16) | 1))
        elif k == 2:
            v = ("domain-name:value", "%s.example%d.com" % (
                "".join(r.choice("abcdefghij") for _ in range(10)),
                r.randrange(1000)))
        elif k == 3:
            v = ("url:value", "https://%s.example.net/p/%d" % (
                "".join(r.choice("klmnopqrst") for _ in range(9)),
                r.getrandbits(32)))
        elif k == 4:
            v = ("email-addr:value", "u%d@mail%d.example.org" % (
                r.getrandbits(24), r.randrange(500)))
        elif k == 5:
            v = ("file:hashes.'SHA-256'", "%064x" % r.getrandbits(256))
        elif k == 6:
            v = ("file:hashes.MD5", "%032x" % r.getrandbits(128))
        else:
            # P2PKH-looking address: the checksum is not valid, so the
            # normaliser refuses it; keep wallets to a fixed valid one
            v = ("cryptocurrency-wallet:value",
                 "1BoatSLRHtKNngkdXEeobR76b53LETtpyT")
        self.values.append(v)
        return v

    def marks(self):
        return [TLP[self.r.randrange(4)]]

    def identity(self):
        o = {"type": "identity", "spec_version": "2.1",
             "id": self.sid("identity"), "created": self.ts(),
             "name": "Org %d" % self.r.getrandbits(20),
             "identity_class": "organization"}
        o["modified"] = o["created"]
        self.identities.append(o["id"])
        return o

    def indicator(self):
        path, val = self.value()
        c = self.ts()
        o = {"type": "indicator", "spec_version": "2.1",
             "id": self.sid("indicator"), "created": c, "modified": c,
             "name": "Bench indicator", "indicator_types":
             ["malicious-activity"], "pattern": f"[{path} = '{val}']",
             "pattern_type": "stix", "valid_from": c,
             "object_marking_refs": self.marks()}
        self.indicators.append(o["id"])
        return o

    def sco(self):
        path, val = self.value()
        t = path.split(":")[0]
        if t == "file":
            algo = "SHA-256" if "SHA-256" in path else "MD5"
            return {"type": "file", "spec_version": "2.1",
                    "id": self.sid("file"), "hashes": {algo: val}}
        return {"type": t, "spec_version": "2.1", "id": self.sid(t),
                "value": val}

    def observed(self, ref):
        c = self.ts()
        return {"type": "observed-data", "spec_version": "2.1",
                "id": self.sid("observed-data"), "created": c,
                "modified": c, "first_observed": c, "last_observed": c,
                "number_observed": 1, "object_refs": [ref],
                "object_marking_refs": self.marks()}

    def sighting(self):
        c = self.ts()
        o = {"type": "sighting", "spec_version": "2.1",
             "id": self.sid("sighting"), "created": c, "modified": c,
             "first_seen": c, "count": 1,
             "sighting_of_ref": self.r.choice(self.indicators),
             "object_marking_refs": self.marks()}
        if self.identities:
            o["where_sighted_refs"] = [self.r.choice(self.identities)]
        return o

    def relationship(self):
        c = self.ts()
        return {"type": "relationship", "spec_version": "2.1",
                "id": self.sid("relationship"), "created": c, "modified": c,
                "relationship_type": "indicates",
                "source_ref": self.r.choice(self.indicators),
                "target_ref": self.r.choice(self.identities)}


def objects(n, seed):
    g = Gen(seed)
    for i in range(4):
        yield tlp_object(i)
    yield g.identity()
    yield g.indicator()
    k = 6
    while k < n:
        x = g.r.random()
        if x < 0.01:
            yield g.identity()
        elif x < 0.46:
            yield g.indicator()
        elif x < 0.58 and k + 1 < n:
            s = g.sco()
            yield s
            yield g.observed(s["id"])
            k += 1
        elif x < 0.68:
            yield g.sighting()
        else:
            yield g.relationship()
        k += 1


def main():
    args = sys.argv[1:]
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    write(int(args[0]), args[1], seed)


def write(n, out, seed=1):
    """Writes the bundle of @n objects to the file @out."""
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"type":"bundle","id":"bundle--%s","objects":[\n' %
                uuid.UUID(int=random.Random(seed).getrandbits(128),
                          version=4))
        first = True
        for o in objects(n, seed):
            if not first:
                f.write(",\n")
            first = False
            f.write(json.dumps(o, separators=(",", ":")))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
