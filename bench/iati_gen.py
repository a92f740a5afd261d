#!/usr/bin/env python3
"""Writes an IATI 2.03 activities document of N activities (default
10,000) for bench/capacity.sh: Caribbean cyber projects funded by
Global Affairs Canada or the World Bank (both in the seed directory),
each with two recipient states, a need tag, a budget and a transaction.
usage: bench/iati_gen.py [N] > file.xml"""
import random
import sys

STATES = ["AG", "BS", "BB", "BZ", "DM", "GD", "GY", "HT", "JM", "KN", "LC",
          "VC", "SR", "TT"]
FUNDERS = [("CA-3", "10", "Global Affairs Canada", "CAD"),
           ("44000", "40", "World Bank", "USD")]
NEEDS = [f"T1.{i}" for i in range(1, 4)] + [f"T2.{i}" for i in range(1, 4)]


def activity(i, rnd):
    ref, typ, name, cur = FUNDERS[i % 2]
    a, b = rnd.sample(STATES, 2)
    y = 2020 + i % 6
    return f"""  <iati-activity xml:lang="en" default-currency="{cur}">
   <iati-identifier>{ref}-BENCH-{i:06d}</iati-identifier>
   <reporting-org ref="{ref}" type="{typ}"><narrative>{name}</narrative></reporting-org>
   <title><narrative>Cyber capacity project {i} in {a} and {b}</narrative></title>
   <description><narrative>Training and CSIRT support, project {i}.</narrative></description>
   <participating-org ref="{ref}" role="1" type="{typ}"><narrative>{name}</narrative></participating-org>
   <participating-org role="4"><narrative>CARICOM Implementation Agency for Crime and Security</narrative></participating-org>
   <activity-status code="{1 + i % 4}"/>
   <activity-date iso-date="{y}-01-01" type="1"/>
   <activity-date iso-date="{y + 2}-12-31" type="3"/>
   <recipient-country code="{a}" percentage="50"/>
   <recipient-country code="{b}" percentage="50"/>
   <tag vocabulary="99" vocabulary-uri="https://example.org/ccscap/needs" code="{NEEDS[i % len(NEEDS)]}"><narrative>need</narrative></tag>
   <budget type="1" status="2"><period-start iso-date="{y}-01-01"/><period-end iso-date="{y}-12-31"/><value value-date="{y}-01-01">{rnd.randint(10, 9999) * 1000}</value></budget>
   <transaction><transaction-type code="2"/><transaction-date iso-date="{y}-02-01"/><value value-date="{y}-02-01">{rnd.randint(10, 999) * 1000}</value></transaction>
  </iati-activity>
"""


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rnd = random.Random(9)
    out = sys.stdout
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<iati-activities version="2.03" '
              'generated-datetime="2026-05-01T10:00:00Z">\n')
    for i in range(n):
        out.write(activity(i, rnd))
    out.write("</iati-activities>\n")


if __name__ == "__main__":
    main()
