#!/usr/bin/env python3
"""The independent expander of the differential recurrence test (calls_differential.rs).

Reads a JSON list of cases — {zone, dtstart (local wall time), rrule (RFC 5545 value or null),
rdates, exdates (local wall times), from, to (UNIX seconds)} — expands each with python-dateutil's
rruleset in the zone (zoneinfo; fold=0 reads a skipped time with the offset before the gap and a
repeated one as its first occurrence, as RFC 5545 does) and prints, per case, the sorted distinct
UNIX seconds of the starts strictly between `from` and `to`.
"""
import json
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr, rruleset


def expand(case):
    zone = ZoneInfo(case["zone"])
    local = lambda text: datetime.fromisoformat(text).replace(tzinfo=zone)
    start = local(case["dtstart"])
    rules = rruleset()
    if case["rrule"]:
        rules.rrule(rrulestr(case["rrule"], dtstart=start))
    else:
        rules.rdate(start)
    for text in case["rdates"]:
        rules.rdate(local(text))
    for text in case["exdates"]:
        rules.exdate(local(text))
    after = datetime.fromtimestamp(case["from"], timezone.utc)
    before = datetime.fromtimestamp(case["to"], timezone.utc)
    return sorted({int(d.timestamp()) for d in rules.between(after, before, inc=False)})


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    json.dump([expand(c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
