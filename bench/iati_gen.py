#!/usr/bin/env python3
"""Writes an IATI 2.03 activities document of N activities (default
10,000) for bench/capacity.sh: Caribbean cyber projects funded by
Global Affairs Canada or the World Bank (both in the seed directory),
each with one or two recipient states, one or two of the plan's needs
(tables 1-5) as vocabulary 99 tags, a budget and a transaction.

Titles and descriptions are drawn from word lists, starts spread over
2005-2030 with events of weeks, projects of one to three years and
programmes of three to five, and 3% of activities are reworded copies
of an earlier one (same states, dates and needs): duplicate candidates
come from real overlaps, as in bench/capacity_dup_data.py, not from
every activity reading alike (the one-template titles used until
2026-12-03 made every pair sharing a state and years a candidate, tens
of millions of them).
usage: bench/iati_gen.py [N] > file.xml"""
import random
import sys

STATES = ["AG", "BS", "BB", "BZ", "DM", "GD", "GY", "HT", "JM", "KN", "LC",
          "VC", "SR", "TT"]
FUNDERS = [("CA-3", "10", "Global Affairs Canada", "CAD"),
           ("44000", "40", "World Bank", "USD")]
NEEDS = ([f"T1.{i}" for i in range(1, 4)] + [f"T2.{i}" for i in range(1, 6)]
         + [f"T3.{i}" for i in range(1, 4)] + [f"T4.{i}" for i in range(1, 5)]
         + [f"T5.{i}" for i in range(1, 7)])
TOPICS = ["Cybercrime", "Digital forensics", "Incident response",
          "Electronic evidence", "Critical infrastructure", "Cyber hygiene",
          "Threat intelligence", "Data protection", "Cyber diplomacy",
          "Online child protection", "Crisis management", "Secure coding",
          "Network defence", "Fraud investigation", "Legislative drafting"]
FORMS = ["workshop", "course", "programme", "mentoring", "exercise",
         "assessment", "toolkit", "academy", "fellowship", "roadmap"]
AUDIENCES = ["judges", "prosecutors", "police officers", "CSIRT analysts",
             "regulators", "ministries", "utilities", "banks", "teachers",
             "students", "parliamentarians", "customs officers"]
VERBS = ["Strengthens", "Builds", "Develops", "Supports", "Expands",
         "Modernises", "Establishes", "Improves"]
OBJECTS = ["national capability", "regional cooperation", "case handling",
           "laboratory practice", "reporting channels", "legal frameworks",
           "public awareness", "sector resilience", "staff retention",
           "evidence sharing"]
PLACES = ["capital", "islands", "courts", "ports", "schools", "agencies"]


def text(rnd):
    title = (f"{rnd.choice(TOPICS)} {rnd.choice(FORMS)} for "
             f"{rnd.choice(AUDIENCES)}")
    desc = (f"{rnd.choice(VERBS)} {rnd.choice(OBJECTS)} across the "
            f"{rnd.choice(PLACES)}.")
    return title, desc


def plan(rnd):
    """States, start and end dates, needs of one activity."""
    states = rnd.sample(STATES, rnd.choice((1, 1, 2)))
    y, m = rnd.randint(2005, 2030), rnd.randint(1, 12)
    kind = rnd.random()
    months = (rnd.randint(1, 2) if kind < 0.3 else rnd.randint(12, 36)
              if kind < 0.8 else rnd.randint(36, 60))
    ey, em = y + (m - 1 + months) // 12, (m - 1 + months) % 12 + 1
    needs = rnd.sample(NEEDS, rnd.choice((1, 1, 2)))
    return states, f"{y}-{m:02d}-01", f"{ey}-{em:02d}-28", needs


def activity(i, rnd, shape, words):
    ref, typ, name, cur = FUNDERS[i % 2]
    states, start, end, needs = shape
    title, desc = words
    y = start[:4]
    pct = 100 // len(states)
    recip = "".join(f'   <recipient-country code="{s}" percentage="{pct}"/>\n'
                    for s in states)
    tags = "".join(f'   <tag vocabulary="99" vocabulary-uri="https://example.'
                   f'org/ccscap/needs" code="{n}"><narrative>need'
                   f'</narrative></tag>\n' for n in needs)
    return f"""  <iati-activity xml:lang="en" default-currency="{cur}">
   <iati-identifier>{ref}-BENCH-{i:06d}</iati-identifier>
   <reporting-org ref="{ref}" type="{typ}"><narrative>{name}</narrative></reporting-org>
   <title><narrative>{title}</narrative></title>
   <description><narrative>{desc}</narrative></description>
   <participating-org ref="{ref}" role="1" type="{typ}"><narrative>{name}</narrative></participating-org>
   <participating-org role="4"><narrative>CARICOM Implementation Agency for Crime and Security</narrative></participating-org>
   <activity-status code="{1 + i % 4}"/>
   <activity-date iso-date="{start}" type="1"/>
   <activity-date iso-date="{end}" type="3"/>
{recip}{tags}   <budget type="1" status="2"><period-start iso-date="{y}-01-01"/><period-end iso-date="{y}-12-31"/><value value-date="{y}-01-01">{rnd.randint(10, 9999) * 1000}</value></budget>
   <transaction><transaction-type code="2"/><transaction-date iso-date="{start}"/><value value-date="{start}">{rnd.randint(10, 999) * 1000}</value></transaction>
  </iati-activity>
"""


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rnd = random.Random(9)
    out = sys.stdout
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<iati-activities version="2.03" '
              'generated-datetime="2026-05-01T10:00:00Z">\n')
    made = []
    for i in range(n):
        if made and rnd.random() < 0.03:
            # a reworded copy: the same work reported again
            shape, (title, desc) = rnd.choice(made)
            w = title.split(" ")
            words = (" ".join(w[1:] + w[:1]).capitalize(), desc)
        else:
            shape, words = plan(rnd), text(rnd)
        made.append((shape, words))
        out.write(activity(i, rnd, shape, words))
    out.write("</iati-activities>\n")


if __name__ == "__main__":
    main()
