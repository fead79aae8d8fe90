#!/usr/bin/env python3
"""Generate data/sample/measurements.csv, the shipped sample of measured response times.

Five fictional vendors: four probed over the whole window, 48 probes each, and one added to the
shortlist late, probed in its last nine days only (8 probes), so that some of its measures rest
on fewer probes than they need (insufficient evidence in the report). Output is deterministic
(fixed seed, stdlib only): re-running the script must produce a byte-identical file. The late
vendor draws from a random stream of its own, so the four others' rows do not depend on it.

Vendor profiles (first response, minutes):
  swiftchat  fast but shallow: urgent 2-9, normal 5-40, everything answered; low resolution.
  deepwave   slow but expert:  urgent 18-55, high 60-200, normal 180-900; high resolution.
  qingluan   promises 15 min for urgent, measured mostly 25-120, two urgent probes never answered.
  leqiao     business hours only (Mon-Fri 09:00-18:00 Asia/Shanghai): 8-30 min inside hours,
             otherwise 5-40 min after 09:00 on the next business day.
  wrenfield  added to the shortlist on 2026-10-21: 8 probes from Oct 22, six of them urgent (the
             question that mattered most), two normal; urgent 8-40, normal 40-300.

Usage: python3 scripts/gen_sample_measurements.py [output.csv]
"""

import csv
import os
import random
import sys
from datetime import date, datetime, timedelta, timezone

SEED = 20261031
PROBES_PER_VENDOR = 48  # except the late vendors, which say how many they got
HEADER = [
    "vendor",
    "probe_id",
    "channel",
    "priority",
    "sent_at",
    "first_response_at",
    "resolved_at",
    "resolved_on_first_contact",
]

UTC = timezone.utc
CST = timezone(timedelta(hours=8))  # Asia/Shanghai, no DST

WINDOW_START = date(2026, 10, 5)
WINDOW_END = date(2026, 10, 30)
# The first day of probes of a vendor shortlisted late.
LATE_START = date(2026, 10, 22)
# Nothing may happen after the evaluation date (2026-10-31, Asia/Shanghai).
CUTOFF = datetime(2026, 10, 31, 23, 59, 59, tzinfo=CST)

# Days leqiao's desk is closed besides weekends: the tail of the National Day holiday
# (Oct 5-7) and the Oct 10-11 weekend (Oct 10 may be a make-up working day). No leqiao
# probe is sent on these days, so the sample never depends on a holiday calendar.
LEQIAO_SKIP_DAYS = {date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 7),
                    date(2026, 10, 10), date(2026, 10, 11)}

VENDORS = {
    "swiftchat": {
        "tz": UTC,
        "priorities": {"urgent": 15, "high": 10, "normal": 15, "low": 8},
        # channel weights by priority
        "channels": {
            "urgent": [("chat", 9), ("email", 1)],
            "high": [("chat", 3), ("email", 1)],
            "normal": [("chat", 2), ("email", 1)],
            "low": [("chat", 1), ("email", 1)],
        },
        "response_min": {"urgent": (2, 9), "high": (3, 20), "normal": (5, 40), "low": (10, 120)},
        "fcr": 17,            # ~35% resolved on first contact
        "within_48h": 31,     # ~65% resolved within 48 h of sending
        "never_answered": 0,
    },
    "deepwave": {
        "tz": CST,
        "priorities": {"urgent": 16, "high": 9, "normal": 15, "low": 8},
        "channels": {
            "urgent": [("phone", 4), ("ticket", 1)],
            "high": [("ticket", 3), ("email", 1)],
            "normal": [("ticket", 2), ("email", 1)],
            "low": [("ticket", 1), ("email", 1)],
        },
        "response_min": {"urgent": (18, 55), "high": (60, 200), "normal": (180, 900), "low": (400, 1800)},
        "fcr": 38,            # ~80%
        "within_48h": 46,     # ~95%
        "never_answered": 0,
    },
    "qingluan": {
        "tz": CST,
        "priorities": {"urgent": 16, "high": 8, "normal": 16, "low": 8},
        "channels": {
            "urgent": [("phone", 2), ("chat", 2), ("ticket", 1)],
            "high": [("chat", 2), ("ticket", 2), ("phone", 1)],
            "normal": [("ticket", 2), ("chat", 2)],
            "low": [("ticket", 1), ("chat", 1)],
        },
        "response_min": {"urgent": (25, 120), "high": (30, 240), "normal": (60, 1300), "low": (300, 3000)},
        "fcr": 24,            # ~50%
        "within_48h": 34,     # ~70%
        "never_answered": 2,  # both urgent
    },
    "leqiao": {
        "tz": CST,
        "priorities": {"urgent": 14, "high": 10, "normal": 16, "low": 8},
        "channels": {
            "urgent": [("chat", 2), ("ticket", 2), ("email", 1)],
            "high": [("ticket", 2), ("chat", 1), ("email", 1)],
            "normal": [("ticket", 2), ("email", 1), ("chat", 1)],
            "low": [("email", 1), ("ticket", 1)],
        },
        "response_min": None,  # business-hours rule, see leqiao_first_response
        "fcr": 34,            # ~70%
        "within_48h": 41,     # ~85%
        "never_answered": 0,
    },
}

# Vendors shortlisted late: fewer probes, sent from LATE_START, each from its own random stream
# (seeded with SEED and its id) so that adding one leaves the rows of VENDORS byte-identical;
# an id sorting after theirs also leaves their rows at the same lines of the file (tests and
# evidence cite measurements.csv by line).
LATE_VENDORS = {
    "wrenfield": {
        "tz": CST,
        "probes": 8,
        "priorities": {"urgent": 6, "high": 0, "normal": 2, "low": 0},
        "channels": {
            "urgent": [("chat", 2), ("phone", 1)],
            "normal": [("ticket", 1), ("email", 1)],
        },
        "response_min": {"urgent": (8, 40), "normal": (40, 300)},
        "fcr": 5,             # 5 of 8
        "within_48h": 7,      # 7 of 8
        "never_answered": 0,
    },
}


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for value, w in pairs:
        x -= w
        if x <= 0:
            return value
    return pairs[-1][0]


def days_in_window():
    d = WINDOW_START
    while d <= WINDOW_END:
        yield d
        d += timedelta(days=1)


def random_sent(rng, tz, allowed_days):
    """A send time at any hour, weighted towards the working day."""
    day = rng.choice(allowed_days)
    if rng.random() < 0.6:
        seconds = rng.randrange(9 * 3600, 18 * 3600)
    else:
        seconds = rng.randrange(0, 24 * 3600)
    dt = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(seconds=seconds)
    last = datetime(WINDOW_END.year, WINDOW_END.month, WINDOW_END.day, 17, 0, tzinfo=tz)
    return min(dt, last - timedelta(seconds=rng.randrange(0, 3600)))


def is_business_time(dt):
    local = dt.astimezone(CST)
    return local.weekday() < 5 and 9 <= local.hour < 18 and local.date() not in LEQIAO_SKIP_DAYS


def next_business_morning(dt):
    local = dt.astimezone(CST)
    day = local.date()
    if local.hour >= 9:
        day += timedelta(days=1)
    while day.weekday() >= 5 or day in LEQIAO_SKIP_DAYS:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=CST)


def leqiao_sent(rng, allowed_days):
    """Half inside business hours, half on evenings, nights and weekends."""
    while True:
        if rng.random() < 0.5:
            weekdays = [d for d in allowed_days if d.weekday() < 5]
            day = rng.choice(weekdays)
            seconds = rng.randrange(9 * 3600, 17 * 3600 + 45 * 60)
        else:
            day = rng.choice(allowed_days)
            seconds = rng.randrange(0, 24 * 3600)
        dt = datetime(day.year, day.month, day.day, tzinfo=CST) + timedelta(seconds=seconds)
        # the answer must land before the evaluation date
        if leqiao_first_response_bound(dt) < datetime(2026, 10, 31, tzinfo=CST):
            return dt


def leqiao_first_response_bound(sent):
    if is_business_time(sent):
        return sent + timedelta(minutes=31)
    return next_business_morning(sent) + timedelta(minutes=41)


def leqiao_first_response(rng, sent):
    if is_business_time(sent):
        return sent + timedelta(seconds=rng.randrange(8 * 60, 30 * 60 + 1))
    return next_business_morning(sent) + timedelta(seconds=rng.randrange(5 * 60, 40 * 60 + 1))


def generate_vendor(rng, vendor, spec):
    tz = spec["tz"]
    if vendor == "leqiao":
        allowed = [d for d in days_in_window() if d not in LEQIAO_SKIP_DAYS]
    elif vendor in LATE_VENDORS:
        allowed = [d for d in days_in_window() if d >= LATE_START]
    else:
        allowed = list(days_in_window())

    priorities = []
    for p in ("urgent", "high", "normal", "low"):
        priorities += [p] * spec["priorities"][p]
    assert len(priorities) == spec.get("probes", PROBES_PER_VENDOR)
    rng.shuffle(priorities)

    rows = []
    used = set()
    for priority in priorities:
        while True:
            sent = leqiao_sent(rng, allowed) if vendor == "leqiao" else random_sent(rng, tz, allowed)
            if sent not in used:
                used.add(sent)
                break
        rows.append({
            "vendor": vendor,
            "priority": priority,
            "channel": weighted(rng, spec["channels"][priority]),
            "sent": sent,
            "first": None,
            "resolved": None,
            "fcr": None,
        })
    rows.sort(key=lambda r: r["sent"])
    for i, r in enumerate(rows, start=1):
        r["probe_id"] = f"{vendor}-{i:03d}"

    # First responses.
    urgent_idx = [i for i, r in enumerate(rows) if r["priority"] == "urgent"]
    never = set(rng.sample(urgent_idx, spec["never_answered"]))
    fast_urgent = set()
    if vendor == "qingluan":
        # "mostly" 25-120 minutes: two urgent probes did get a reply inside the promise
        rest = [i for i in urgent_idx if i not in never]
        fast_urgent = set(rng.sample(rest, 2))
    for i, r in enumerate(rows):
        if i in never:
            continue
        if vendor == "leqiao":
            r["first"] = leqiao_first_response(rng, r["sent"])
            continue
        lo, hi = spec["response_min"][r["priority"]]
        if i in fast_urgent:
            lo, hi = 9, 14
        r["first"] = r["sent"] + timedelta(seconds=rng.randrange(lo * 60, hi * 60 + 1))

    # Resolution outcomes.
    answered = [i for i, r in enumerate(rows) if r["first"] is not None]
    order = answered[:]
    rng.shuffle(order)
    fcr = order[: spec["fcr"]]
    others = order[spec["fcr"]:]
    within = 0
    for i in fcr:
        r = rows[i]
        r["fcr"] = True
        r["resolved"] = r["first"] + timedelta(seconds=rng.randrange(3 * 60, 75 * 60))
        if r["resolved"] - r["sent"] <= timedelta(hours=48):
            within += 1

    def can_meet_48h(r):
        return r["first"] + timedelta(minutes=30) < r["sent"] + timedelta(hours=48)

    need = max(0, spec["within_48h"] - within)
    feasible = [i for i in others if can_meet_48h(rows[i])]
    fast = feasible[:need]
    for i in others:
        r = rows[i]
        r["fcr"] = False
        if i in fast:
            lo = r["first"] + timedelta(minutes=30)
            hi = min(r["sent"] + timedelta(hours=47, minutes=50), r["first"] + timedelta(hours=36))
            span = max(60, int((hi - lo).total_seconds()))
            r["resolved"] = lo + timedelta(seconds=rng.randrange(0, span))
        elif rng.random() < 0.6:
            # resolved eventually, after the 48-hour mark
            r["resolved"] = r["sent"] + timedelta(hours=48, seconds=rng.randrange(3600, 160 * 3600))
            if r["resolved"] > CUTOFF:
                r["resolved"] = None
        # else: still open at the end of the evaluation
    return rows


def fmt(dt, tz):
    return "" if dt is None else dt.astimezone(tz).isoformat(timespec="seconds")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "data", "sample", "measurements.csv")
    rng = random.Random(SEED)
    all_rows = []
    for vendor, spec in VENDORS.items():
        all_rows += generate_vendor(rng, vendor, spec)
    for vendor, spec in LATE_VENDORS.items():
        all_rows += generate_vendor(random.Random(f"{SEED}:{vendor}"), vendor, spec)
    specs = {**VENDORS, **LATE_VENDORS}
    all_rows.sort(key=lambda r: (r["vendor"], r["sent"]))

    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for r in all_rows:
            tz = specs[r["vendor"]]["tz"]
            assert r["first"] is None or r["first"] >= r["sent"]
            assert r["resolved"] is None or (r["first"] is not None and r["resolved"] >= r["first"])
            w.writerow([
                r["vendor"],
                r["probe_id"],
                r["channel"],
                r["priority"],
                fmt(r["sent"], tz),
                fmt(r["first"], tz),
                fmt(r["resolved"], tz),
                "" if r["fcr"] is None else ("true" if r["fcr"] else "false"),
            ])

    # Summary on stderr, for the person regenerating the sample.
    for vendor in sorted(specs):
        rows = [r for r in all_rows if r["vendor"] == vendor]
        counts = {p: sum(1 for r in rows if r["priority"] == p) for p in ("urgent", "high", "normal", "low")}
        never = sum(1 for r in rows if r["first"] is None)
        fcr = sum(1 for r in rows if r["fcr"])
        w48 = sum(1 for r in rows if r["resolved"] and r["resolved"] - r["sent"] <= timedelta(hours=48))
        print(f"{vendor:10s} {counts} never_answered={never} "
              f"fcr={fcr}/{len(rows)} ({fcr / len(rows):.0%}) "
              f"resolved_48h={w48}/{len(rows)} ({w48 / len(rows):.0%})", file=sys.stderr)
    print(f"wrote {len(all_rows)} rows to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
