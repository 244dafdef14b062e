#!/usr/bin/env python3
"""Independent reference implementation of the Scorecards specification.

Reads a native-format data folder (SPEC section 1.1) and prints, as JSON, the
scorecard (SPEC 5.3), the account rows (3.6 / 7.12) or the team table (7.16)
of one person as of a date.  Written from /work/shared/SPEC.md only, as a
literal transcription, to cross-check the C++ engine.  Standard library only.

    python3 reference.py DIR --user ID --as-of YYYY-MM-DD \
        [--period LABEL] [--kind scorecard|accounts|team]

Money is summed exactly (fractions.Fraction) and printed as float; ratios are
plain float divisions of those exact values; a ratio with a zero denominator
is null.  See README.md for the interpretation choices.
"""
from __future__ import annotations

import argparse
import bisect
import csv
import json
import math
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from fractions import Fraction

UTC = timezone.utc
ZERO = Fraction(0)


class DataError(Exception):
    pass


# --------------------------------------------------------------------------
# Parsing (SPEC 1, 1.1, 7.4)
# --------------------------------------------------------------------------

_DT_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_datetime(s: str) -> datetime:
    """YYYY-MM-DDTHH:MM:SS[.fff](Z|+-HH:MM), 'YYYY-MM-DD HH:MM:SS' (UTC), or a
    date alone (00:00:00 UTC).  Returns an aware UTC datetime."""
    m = _DT_RE.match(s)
    if not m:
        raise DataError(f"unparsable datetime {s!r}")
    y, mo, d, hh, mi, ss, frac, tz = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0), micro)
    if tz is None or tz in ("Z", "z"):
        off = timedelta(0)
    else:
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        off = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return (dt - off).replace(tzinfo=UTC)


def parse_date(s: str) -> date:
    m = _DATE_RE.match(s)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    # lenient: a datetime in a date column -> its UTC date
    return parse_datetime(s).date()


def parse_amount(s: str) -> Fraction:
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise DataError(f"unparsable amount {s!r}")
    if not d.is_finite():
        raise DataError(f"unparsable amount {s!r}")
    if d < 0:
        raise DataError(f"negative amount {s!r}")
    return Fraction(d)


_BOOLS = {"true": True, "1": True, "yes": True, "t": True,
          "false": False, "0": False, "no": False, "f": False, "": False}


def parse_bool(s: str) -> bool:
    k = s.strip().lower()
    if k not in _BOOLS:
        raise DataError(f"unparsable boolean {s!r}")
    return _BOOLS[k]


_FC = {"pipeline": "pipeline", "bestcase": "best_case", "commit": "commit",
       "closed": "closed", "omitted": "omitted"}


def norm_fc(s: str | None) -> str | None:
    """Forecast categories are case- and space-insensitive (Best Case, BestCase,
    best_case are the same).  Empty -> None (no explicit value)."""
    if s is None or s.strip() == "":
        return None
    k = re.sub(r"[\s_\-]+", "", s).lower()
    if k not in _FC:
        raise DataError(f"unknown forecast category {s!r}")
    return _FC[k]


def read_csv(path: str, required: list[str], may_be_empty=()) -> list[dict]:
    """RFC 4180 CSV, UTF-8 with optional BOM; headers trimmed and lower-cased;
    values trimmed.  Returns a list of dicts in file order (blank lines skipped)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            header = []
        keys = [h.strip().lower() for h in header]
        for col in required:
            if col not in keys:
                raise DataError(f"{os.path.basename(path)}: missing required column {col!r}")
        rows = []
        for rec in reader:
            if not rec or (len(rec) == 1 and rec[0].strip() == ""):
                continue
            row = {}
            for k, v in zip(keys, rec):
                if k not in row:
                    row[k] = v.strip()
            for k in keys:
                row.setdefault(k, "")
            for col in required:
                if row.get(col, "") == "" and col not in may_be_empty:
                    raise DataError(f"{os.path.basename(path)}: empty required field {col!r}")
            rows.append(row)
        return rows


# --------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------

@dataclass
class User:
    id: str
    name: str
    role: str
    manager_id: str | None
    index: int


@dataclass
class Stage:
    name: str
    order: int
    is_closed: bool
    is_won: bool
    probability: Fraction | None
    forecast_category: str | None  # normalised default, may be None
    skills: list[str]

    @property
    def is_open(self) -> bool:
        return not self.is_closed

    def default_fc(self) -> str:
        """SPEC 7.3: the stage's forecast_category, else pipeline (open),
        closed (won), omitted (lost)."""
        if self.forecast_category:
            return self.forecast_category
        if self.is_open:
            return "pipeline"
        return "closed" if self.is_won else "omitted"


@dataclass
class HistRow:
    instant: datetime
    day: date
    stage: Stage
    amount: Fraction
    close_date: date
    fc_explicit: str | None  # carried-forward explicit value (or None)


@dataclass
class Opp:
    id: str
    account_id: str
    owner_id: str
    name: str
    type: str
    amount: Fraction
    stage: Stage
    fc_explicit: str | None
    created_at: datetime
    created_day: date
    close_date: date
    history: list = field(default_factory=list)  # sorted HistRow
    hist_days: list = field(default_factory=list)  # their UTC dates


@dataclass
class State:
    stage: Stage
    amount: Fraction
    close_date: date
    fc: str

    @property
    def is_open(self):
        return self.stage.is_open

    @property
    def is_won(self):
        return self.stage.is_closed and self.stage.is_won

    @property
    def is_lost(self):
        return self.stage.is_closed and not self.stage.is_won

    @property
    def is_closed(self):
        return self.stage.is_closed


@dataclass
class Activity:
    id: str
    type: str
    owner_id: str | None
    account_id: str | None
    instant: datetime
    day: date


@dataclass
class Forecast:
    owner_id: str
    period: str  # normalised label
    category: str
    amount: Fraction
    submitted_at: datetime
    index: int


DEFAULT_SETTINGS = {
    "fiscal": {"start_month": 1},
    "quota": {"types": []},
    "coverage": {"target": 3.0},
    "forecast": {"lookback_days": 365, "shrinkage": 10},
    "winrate": {"quarters": 4, "types": ["New Business"]},
    "funnel": {"min_deals": 5, "alpha": 0.10},
    "accounts": {"stale_days": 14, "touch_types": ["call", "email"]},
    "deals": {"stalled_days": 30},
}


def _check_type(section, key, value):
    expect = {
        ("fiscal", "start_month"): int, ("quota", "types"): list,
        ("coverage", "target"): (int, float), ("forecast", "lookback_days"): int,
        ("forecast", "shrinkage"): (int, float), ("winrate", "quarters"): int,
        ("winrate", "types"): list, ("funnel", "min_deals"): int,
        ("funnel", "alpha"): (int, float), ("accounts", "stale_days"): int,
        ("accounts", "touch_types"): list, ("deals", "stalled_days"): int,
    }.get((section, key))
    if expect is None:
        return False
    if isinstance(value, bool) or not isinstance(value, expect):
        raise DataError(f"settings.toml: [{section}] {key} has the wrong type")
    if expect is list and not all(isinstance(x, str) for x in value):
        raise DataError(f"settings.toml: [{section}] {key} must be a list of strings")
    return True


def load_settings(path: str) -> tuple[dict, dict]:
    settings = {k: dict(v) for k, v in DEFAULT_SETTINGS.items()}
    skills: dict[str, list[str]] = {}
    if os.path.exists(path):
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        for section, table in doc.items():
            if section == "skills":
                if not isinstance(table, dict):
                    raise DataError("settings.toml: [skills] must be a table")
                for stage_name, lst in table.items():
                    if isinstance(lst, str):
                        lst = [lst]
                    if not isinstance(lst, list) or not all(isinstance(x, str) for x in lst):
                        raise DataError(f"settings.toml: [skills] {stage_name!r} must be a list of strings")
                    skills[stage_name.strip()] = [x.strip() for x in lst if x.strip()]
                continue
            if section not in settings or not isinstance(table, dict):
                continue
            for key, value in table.items():
                if _check_type(section, key, value):
                    settings[section][key] = value
    if not 1 <= settings["fiscal"]["start_month"] <= 12:
        raise DataError("settings.toml: fiscal.start_month must be 1..12")
    return settings, skills


class Dataset:
    def __init__(self, folder: str):
        self.folder = folder
        p = lambda n: os.path.join(folder, n)
        self.settings, skill_overrides = load_settings(p("settings.toml"))

        # users
        self.users: dict[str, User] = {}
        self.user_order: list[str] = []
        for i, r in enumerate(read_csv(p("users.csv"), ["id", "name"])):
            role = (r.get("role") or "ae").lower()
            u = User(r["id"], r["name"], role, r.get("manager_id") or None, i)
            self.users[u.id] = u
            self.user_order.append(u.id)
        self.children: dict[str, list[str]] = {uid: [] for uid in self.user_order}
        for uid in self.user_order:
            m = self.users[uid].manager_id
            if m is not None:
                if m not in self.users:
                    raise DataError(f"users.csv: unknown manager {m!r}")
                self.children[m].append(uid)

        # stages
        self.stages: dict[str, Stage] = {}
        for r in read_csv(p("stages.csv"), ["name", "order", "is_closed", "is_won"],
                          may_be_empty=("is_closed", "is_won")):
            is_won = parse_bool(r["is_won"])
            is_closed = parse_bool(r["is_closed"]) or is_won
            prob = r.get("probability", "")
            skills = [s.strip() for s in (r.get("skills") or "").split(";") if s.strip()]
            st = Stage(r["name"], int(Decimal(r["order"])), is_closed, is_won,
                       Fraction(Decimal(prob)) if prob else None,
                       norm_fc(r.get("forecast_category")), skills)
            self.stages[st.name] = st
        self._stage_ci = {k.casefold(): v for k, v in self.stages.items()}
        for name, lst in skill_overrides.items():
            st = self.stages.get(name) or self._stage_ci.get(name.casefold())
            if st is not None:
                st.skills = lst
        self.open_stages = sorted((s for s in self.stages.values() if s.is_open),
                                  key=lambda s: s.order)
        if not self.open_stages:
            raise DataError("stages.csv: no open stage")
        first = [s for s in self.open_stages if s.order == 1]
        self.first_open_stage = first[0] if first else self.open_stages[0]

        # accounts
        self.accounts: dict[str, dict] = {}
        for r in read_csv(p("accounts.csv"), ["id", "name"]):
            self.accounts[r["id"]] = {"id": r["id"], "name": r["name"],
                                      "owner_id": r.get("owner_id") or None}

        # contacts
        self.contact_account: dict[str, str] = {}
        if os.path.exists(p("contacts.csv")):
            for r in read_csv(p("contacts.csv"), ["id", "account_id"]):
                self.contact_account[r["id"]] = r["account_id"]

        # opportunities
        self.opps: list[Opp] = []
        self.opp_by_id: dict[str, Opp] = {}
        for r in read_csv(p("opportunities.csv"),
                          ["id", "account_id", "owner_id", "amount", "stage",
                           "created_at", "close_date"]):
            created = parse_datetime(r["created_at"])
            o = Opp(r["id"], r["account_id"], r["owner_id"], r.get("name", ""),
                    r.get("type", ""), parse_amount(r["amount"]), self.stage(r["stage"]),
                    norm_fc(r.get("forecast_category")), created, created.date(),
                    parse_date(r["close_date"]))
            self.opps.append(o)
            self.opp_by_id[o.id] = o
        self.all_types = {o.type for o in self.opps}

        # stage history (SPEC 7.2: order by changed_at as instants, ties by file order)
        raw: dict[str, list] = {}
        if os.path.exists(p("stage_history.csv")):
            for i, r in enumerate(read_csv(p("stage_history.csv"),
                                           ["opportunity_id", "changed_at", "stage"])):
                raw.setdefault(r["opportunity_id"], []).append((parse_datetime(r["changed_at"]), i, r))
        for oid, rows in raw.items():
            o = self.opp_by_id[oid]
            rows.sort(key=lambda t: (t[0], t[1]))
            amount, close, fc = o.amount, o.close_date, o.fc_explicit
            for instant, _, r in rows:
                if r.get("amount"):
                    amount = parse_amount(r["amount"])
                if r.get("close_date"):
                    close = parse_date(r["close_date"])
                f = norm_fc(r.get("forecast_category"))
                if f is not None:
                    fc = f
                o.history.append(HistRow(instant, instant.date(), self.stage(r["stage"]),
                                         amount, close, fc))
            o.hist_days = [h.day for h in o.history]

        # activities
        self.activities: list[Activity] = []
        if os.path.exists(p("activities.csv")):
            for r in read_csv(p("activities.csv"), ["id", "type", "occurred_at"]):
                t = r["type"].lower()
                if t not in ("call", "email", "meeting", "other"):
                    raise DataError(f"activities.csv: unknown type {r['type']!r}")
                acc = r.get("account_id") or None
                if acc is None and r.get("opportunity_id"):
                    acc = self.opp_by_id[r["opportunity_id"]].account_id
                if acc is None and r.get("contact_id"):
                    acc = self.contact_account[r["contact_id"]]
                inst = parse_datetime(r["occurred_at"])
                self.activities.append(Activity(r["id"], t, r.get("owner_id") or None, acc,
                                                inst, inst.date()))

        # quotas
        self.quotas: dict[str, list] = {}
        if os.path.exists(p("quotas.csv")):
            for r in read_csv(p("quotas.csv"), ["owner_id", "start_date", "end_date", "amount"]):
                self.quotas.setdefault(r["owner_id"], []).append(
                    (parse_date(r["start_date"]), parse_date(r["end_date"]), parse_amount(r["amount"])))

        # forecasts
        self.forecasts: list[Forecast] = []
        if os.path.exists(p("forecasts.csv")):
            for i, r in enumerate(read_csv(p("forecasts.csv"),
                                           ["owner_id", "period", "category", "amount", "submitted_at"])):
                cat = norm_fc(r["category"])
                if cat not in ("commit", "best_case"):
                    raise DataError(f"forecasts.csv: category must be commit or best_case: {r['category']!r}")
                self.forecasts.append(Forecast(r["owner_id"], norm_label(r["period"]), cat,
                                               parse_amount(r["amount"]),
                                               parse_datetime(r["submitted_at"]), i))

    def stage(self, name: str) -> Stage:
        st = self.stages.get(name) or self._stage_ci.get(name.casefold())
        if st is None:
            raise DataError(f"stage {name!r} not in stages.csv")
        return st


# --------------------------------------------------------------------------
# Fiscal periods (SPEC 2.1, 7.5)
# --------------------------------------------------------------------------

def add_months(d: date, k: int) -> date:
    m0 = d.year * 12 + (d.month - 1) + k
    return date(m0 // 12, m0 % 12 + 1, 1)


@dataclass
class Period:
    label: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


def fy_start(fy: int, start_month: int) -> date:
    # FY<y> is named after the calendar year in which it ends.
    return date(fy if start_month == 1 else fy - 1, start_month, 1)


def quarter(fy: int, q: int, sm: int) -> Period:
    start = add_months(fy_start(fy, sm), 3 * (q - 1))
    end = add_months(start, 3) - timedelta(days=1)
    return Period(f"FY{fy}-Q{q}", start, end)


def fiscal_year_of(d: date, sm: int) -> int:
    if sm == 1:
        return d.year
    return d.year + 1 if d.month >= sm else d.year


def quarter_containing(d: date, sm: int) -> Period:
    fy = fiscal_year_of(d, sm)
    q = ((d.month - sm) % 12) // 3 + 1
    return quarter(fy, q, sm)


def previous_quarter(p: Period, sm: int) -> Period:
    return quarter_containing(p.start - timedelta(days=1), sm)


def norm_label(s: str) -> str:
    return re.sub(r"\s+", "", s).upper()


def parse_period(label: str, sm: int) -> Period:
    k = norm_label(label)
    m = re.fullmatch(r"FY(\d{4})(?:-Q([1-4]))?", k)
    if not m:
        raise DataError(f"bad period label {label!r}")
    fy = int(m.group(1))
    if m.group(2):
        return quarter(fy, int(m.group(2)), sm)
    start = fy_start(fy, sm)
    return Period(f"FY{fy}", start, add_months(start, 12) - timedelta(days=1))


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def money(x):
    return None if x is None else float(x)


def phi(z: float) -> float:
    """Standard normal CDF."""
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def median(values):
    v = sorted(values)
    n = len(v)
    if n == 0:
        return None
    if n % 2 == 1:
        return v[n // 2]
    return (v[n // 2 - 1] + v[n // 2]) / 2


# --------------------------------------------------------------------------
# Engine: everything as of D for period P
# --------------------------------------------------------------------------

class Engine:
    def __init__(self, ds: Dataset, as_of: date, period_label: str | None = None):
        self.ds = ds
        self.D = as_of
        self.S = ds.settings
        sm = self.S["fiscal"]["start_month"]
        self.sm = sm
        self.P = parse_period(period_label, sm) if period_label else quarter_containing(as_of, sm)
        self.current_q = quarter_containing(as_of, sm)

        # state as of D of every opportunity (None: does not exist)
        self.state: dict[str, State | None] = {o.id: self.state_at(o, as_of) for o in ds.opps}
        # highest open-stage order among the states at or before D (SPEC 3.5, 7.11)
        self.max_open_order: dict[str, int] = {}
        for o in ds.opps:
            st = self.state[o.id]
            if st is None:
                continue
            best = st.stage.order if st.stage.is_open else 0
            k = bisect.bisect_right(o.hist_days, as_of)
            for h in o.history[:k]:
                if h.stage.is_open and h.stage.order > best:
                    best = h.stage.order
            self.max_open_order[o.id] = best

        self.opps_by_owner: dict[str, list[Opp]] = {}
        for o in ds.opps:
            self.opps_by_owner.setdefault(o.owner_id, []).append(o)

        # cohort (SPEC 3.3): closed as of D, close_date in (D - lookback, D]
        lb = self.S["forecast"]["lookback_days"]
        lo = as_of - timedelta(days=lb)
        self.in_cohort = {}
        for o in ds.opps:
            st = self.state[o.id]
            self.in_cohort[o.id] = bool(st is not None and st.is_closed and lo < st.close_date <= as_of)

        qt = self.S["quota"]["types"]
        self.quota_type_ok = (lambda o: True) if not qt else (lambda o: o.type in {t.strip() for t in qt})
        wt = [t.strip() for t in self.S["winrate"]["types"]]
        if any(t in ds.all_types for t in wt):
            wts = set(wt)
            self.winrate_type_ok = lambda o: o.type in wts
        else:
            self.winrate_type_ok = lambda o: True

        # accounts: open deals (every owner) and activities per account
        self.acc_open: dict[str, list[Opp]] = {}
        for o in ds.opps:
            st = self.state[o.id]
            if st is not None and st.is_open:
                self.acc_open.setdefault(o.account_id, []).append(o)
        self.acc_acts: dict[str, list[Activity]] = {}
        self.acts_by_owner: dict[str, list[Activity]] = {}
        for a in ds.activities:
            if a.account_id is not None:
                self.acc_acts.setdefault(a.account_id, []).append(a)
            if a.owner_id is not None:
                self.acts_by_owner.setdefault(a.owner_id, []).append(a)

        self._subtree: dict[str, list[str]] = {}
        self._pwin: dict[tuple, Fraction] = {}
        self._judg: dict[tuple, tuple] = {}

    # ---- opportunity state (SPEC 2.2, 7.1-7.3) ----
    def state_at(self, o: Opp, d: date) -> State | None:
        if o.created_day > d:                         # rule 1
            return None
        if o.history:
            k = bisect.bisect_right(o.hist_days, d)
            h = o.history[k - 1] if k > 0 else o.history[0]   # rules 2 and 3
            return State(h.stage, h.amount, h.close_date, h.fc_explicit or h.stage.default_fc())
        stage = o.stage                               # rule 4
        if stage.is_closed and not (o.close_date <= d):
            stage = self.ds.first_open_stage
        return State(stage, o.amount, o.close_date, o.fc_explicit or stage.default_fc())

    # ---- org tree (SPEC 3) ----
    def reports(self, u: str) -> list[str]:
        return self.ds.children[u]

    def subtree(self, u: str) -> list[str]:
        if u not in self._subtree:
            out = [u]
            for c in self.reports(u):
                out.extend(self.subtree(c))
            self._subtree[u] = out
        return self._subtree[u]

    def team(self, u: str) -> list[str]:
        m = self.ds.users[u].manager_id
        if m is None:
            return [u]
        return list(self.reports(m))

    def peers(self, u: str) -> list[str]:
        return [x for x in self.team(u) if x != u]

    def deals_of_owners(self, owners) -> list[Opp]:
        out = []
        for w in owners:
            out.extend(self.opps_by_owner.get(w, []))
        return out

    def deals_of_subtrees(self, people) -> list[Opp]:
        owners = []
        for p in people:
            owners.extend(self.subtree(p))
        return self.deals_of_owners(owners)

    # ---- quota (3.1, 7.6) ----
    def quota(self, u: str, P: Period | None = None) -> Fraction:
        P = P or self.P
        rows = self.ds.quotas.get(u, [])
        total = ZERO
        overlaps = False
        for start, end, amount in rows:
            row_days = (end - start).days + 1
            ov = (min(end, P.end) - max(start, P.start)).days + 1
            if ov > 0 and row_days > 0:
                overlaps = True
                total += amount * ov / row_days
        if self.reports(u) and not overlaps:
            return sum((self.quota(c, P) for c in self.reports(u)), ZERO)
        return total

    # ---- buy-in figures over a set of deals ----
    def bookings(self, deals) -> Fraction:
        P, D = self.P, self.D
        total = ZERO
        for o in deals:
            st = self.state[o.id]
            if st is not None and st.is_won and self.quota_type_ok(o) \
                    and P.contains(st.close_date) and st.close_date <= D:
                total += st.amount
        return total

    def open_pipeline_deals(self, deals) -> list[Opp]:
        out = []
        for o in deals:
            st = self.state[o.id]
            if st is not None and st.is_open and st.fc != "omitted" and self.quota_type_ok(o) \
                    and self.P.contains(st.close_date):
                out.append(o)
        return out

    def open_pipeline(self, deals) -> Fraction:
        return sum((self.state[o.id].amount for o in self.open_pipeline_deals(deals)), ZERO)

    def elapsed_fraction(self, d: date) -> Fraction:
        P = self.P
        f = Fraction((d - P.start).days + 1, P.days)
        return min(max(f, ZERO), Fraction(1))

    # ---- forecast (3.3, 7.8, 7.9) ----
    def categories_value(self, deals, cat: str) -> Fraction:
        value = self.bookings(deals)
        wanted = ("commit",) if cat == "commit" else ("commit", "best_case")
        for o in self.open_pipeline_deals(deals):
            if self.state[o.id].fc in wanted:
                value += self.state[o.id].amount
        return value

    def submitted(self, u: str, cat: str):
        best = None
        for f in self.ds.forecasts:
            if f.owner_id == u and f.category == cat and f.period == norm_label(self.P.label) \
                    and f.submitted_at.date() <= self.D:
                if best is None or (f.submitted_at, f.index) >= (best.submitted_at, best.index):
                    best = f
        return best

    def judgment(self, u: str, cat: str) -> tuple[Fraction, str]:
        key = (u, cat)
        if key in self._judg:
            return self._judg[key]
        f = self.submitted(u, cat)
        if f is not None:
            res = (f.amount, "submitted")
        elif not self.reports(u):
            res = (self.categories_value(self.opps_by_owner.get(u, []), cat), "categories")
        else:
            total = sum((self.judgment(c, cat)[0] for c in self.reports(u)), ZERO)
            total += self.categories_value(self.opps_by_owner.get(u, []), cat)
            res = (total, "rollup")
        self._judg[key] = res
        return res

    def cohort(self, deals) -> list[Opp]:
        return [o for o in deals if self.in_cohort[o.id]]

    def reached(self, o: Opp, order: int) -> bool:
        """SPEC 3.5: a cohort deal reached open stage of order `order`."""
        if order == self.ds.first_open_stage.order:
            return True
        if self.state[o.id].is_won:
            return True
        return self.max_open_order[o.id] >= order

    def pwin(self, u: str, stage: Stage) -> Fraction:
        key = (u, stage.name)
        if key in self._pwin:
            return self._pwin[key]
        rep = self.cohort(self.opps_by_owner.get(u, []))
        n_rep = sum(1 for o in rep if self.reached(o, stage.order))
        w_rep = sum(1 for o in rep if self.reached(o, stage.order) and self.state[o.id].is_won)
        if self.reports(u):
            tdeals = self.cohort(self.deals_of_owners(self.subtree(u)))
        else:
            tdeals = self.cohort(self.deals_of_subtrees(self.team(u)))
        n_t = sum(1 for o in tdeals if self.reached(o, stage.order))
        w_t = sum(1 for o in tdeals if self.reached(o, stage.order) and self.state[o.id].is_won)
        if n_t > 0:
            p_team = Fraction(w_t, n_t)
        else:
            p_team = (stage.probability or ZERO) / 100
        k = Fraction(self.S["forecast"]["shrinkage"])
        if n_rep + k == 0:
            p = p_team
        else:
            p = (w_rep + k * p_team) / (n_rep + k)
        self._pwin[key] = p
        return p

    def calculated(self, deals) -> Fraction:
        total = self.bookings(deals)
        for o in self.open_pipeline_deals(deals):
            st = self.state[o.id]
            total += st.amount * self.pwin(o.owner_id, st.stage)
        return total

    # ---- win rates (3.4, 7.10) ----
    def win_counts(self, deals, Q: Period):
        closed = won = 0
        closed_amt = won_amt = ZERO
        for o in deals:
            st = self.state[o.id]
            if st is None or not st.is_closed or not self.winrate_type_ok(o):
                continue
            if Q.contains(st.close_date) and st.close_date <= self.D:
                closed += 1
                closed_amt += st.amount
                if st.is_won:
                    won += 1
                    won_amt += st.amount
        return closed, won, closed_amt, won_amt

    def win_quarters(self) -> list[Period]:
        qs = [self.current_q]
        for _ in range(self.S["winrate"]["quarters"]):
            qs.append(previous_quarter(qs[-1], self.sm))
        return list(reversed(qs))

    # ---- accounts (3.6, 7.12) ----
    def account_ids(self, u: str) -> list[str]:
        sub = set(self.subtree(u))
        ids = {a["id"] for a in self.ds.accounts.values() if a["owner_id"] in sub}
        for o in self.deals_of_owners(self.subtree(u)):
            st = self.state[o.id]
            if st is not None and st.is_open:
                ids.add(o.account_id)
        return sorted(ids)

    def account_row(self, aid: str) -> dict:
        D = self.D
        acc = self.ds.accounts.get(aid, {"id": aid, "name": ""})
        opens = self.acc_open.get(aid, [])
        pipeline = sum((self.state[o.id].amount for o in opens if self.state[o.id].fc != "omitted"), ZERO)
        closes = [self.state[o.id].close_date for o in opens]
        touch_types = {t.strip().lower() for t in self.S["accounts"]["touch_types"]}
        last = None
        c = {k: 0 for k in ("calls_30d", "emails_30d", "meetings_30d",
                            "calls_90d", "emails_90d", "meetings_90d")}
        for a in self.acc_acts.get(aid, []):
            if a.day > D:
                continue
            if a.type in touch_types and (last is None or a.instant > last):
                last = a.instant
            age = (D - a.day).days  # in (D-N, D]  <=>  0 <= age < N
            if a.type in ("call", "email", "meeting"):
                name = {"call": "calls", "email": "emails", "meeting": "meetings"}[a.type]
                if age < 30:
                    c[name + "_30d"] += 1
                if age < 90:
                    c[name + "_90d"] += 1
        days = None if last is None else (D - last.date()).days
        stale = pipeline > 0 and (last is None or days > self.S["accounts"]["stale_days"])
        row = {
            "id": aid, "name": acc["name"],
            "open_pipeline": float(pipeline),
            "open_opportunities": len(opens),
            "last_touch_at": None if last is None else last.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "days_since_touch": days,
        }
        row.update(c)
        row["next_close_date"] = min(closes).isoformat() if closes else None
        row["stale"] = stale
        return row

    def accounts(self, u: str) -> list[dict]:
        return [self.account_row(a) for a in self.account_ids(u)]

    def accounts_rollup(self, u: str) -> dict:
        rows = self.accounts(u)
        return {"total": len(rows),
                "with_open_pipeline": sum(1 for r in rows if r["open_pipeline"] > 0),
                "stale": sum(1 for r in rows if r["stale"])}

    # ---- the figures shared by a scorecard and a team-table row ----
    def figures(self, u: str) -> dict:
        deals = self.deals_of_owners(self.subtree(u))
        q = self.quota(u)
        b = self.bookings(deals)
        op = self.open_pipeline(deals)
        ef = self.elapsed_fraction(self.D)
        retire = None if q == 0 else b / q
        remaining = max(q - b, ZERO)
        jc, sc = self.judgment(u, "commit")
        jb, sb = self.judgment(u, "best_case")
        calc = self.calculated(deals)
        closed, won, _, _ = self.win_counts(deals, self.current_q)
        return {
            "quota": float(q),
            "bookings": float(b),
            "quota_retirement": None if retire is None else float(retire),
            "pace": None if retire is None or ef == 0 else float(retire / ef),
            "remaining_quota": float(remaining),
            "open_pipeline": float(op),
            "pipeline_coverage": None if remaining == 0 else float(op / remaining),
            "quota_met": bool(q > 0 and b >= q),
            "forecast": {"commit": float(jc), "best_case": float(jb), "calculated": float(calc),
                         "source": sc if sc == sb else "mixed"},
            "forecast_coverage": {
                "commit": None if q == 0 else float(jc / q),
                "best_case": None if q == 0 else float(jb / q),
                "calculated": None if q == 0 else float(calc / q)},
            "win_rate": {"period": self.current_q.label, "closed": closed, "won": won,
                         "win_rate": None if closed == 0 else won / closed},
            "accounts": self.accounts_rollup(u),
        }

    # ---- funnel (3.5, 7.11) ----
    def funnel_counts(self, cohort):
        reached = [sum(1 for o in cohort if self.reached(o, s.order)) for s in self.ds.open_stages]
        won = sum(1 for o in cohort if self.state[o.id].is_won)
        return reached + [won]

    def funnel(self, u: str):
        F = self.S["funnel"]
        rep_c = self.cohort(self.deals_of_owners(self.subtree(u)))
        team_c = self.cohort(self.deals_of_subtrees(self.team(u)))
        peer_list = self.peers(u)
        peer_c = self.cohort(self.deals_of_subtrees(peer_list))
        r, t, pr = self.funnel_counts(rep_c), self.funnel_counts(team_c), self.funnel_counts(peer_c)
        has_peers = len(peer_list) > 0
        stages = []
        diagnosis = []
        n_open = len(self.ds.open_stages)
        for i, s in enumerate(self.ds.open_stages):
            conv = None if r[i] == 0 else r[i + 1] / r[i]
            tconv = None if t[i] == 0 else t[i + 1] / t[i]
            pconv = None
            p_value = None
            lost = None
            bottleneck = False
            if has_peers:
                pconv = None if pr[i] == 0 else pr[i + 1] / pr[i]
                x1, n1, x2, n2 = r[i + 1], r[i], pr[i + 1], pr[i]
                if n1 > 0 and n2 > 0:
                    pp = (x1 + x2) / (n1 + n2)
                    if 0 < pp < 1:
                        z = (x1 / n1 - x2 / n2) / math.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
                        p_value = phi(z)
                if conv is not None and pconv is not None:
                    lost = r[i] * (pconv - conv)
                bottleneck = (conv is not None and pconv is not None and conv < pconv
                              and r[i] >= F["min_deals"] and p_value is not None
                              and p_value < F["alpha"])
            row = {"stage": s.name, "order": s.order, "reached": r[i], "conversion": conv,
                   "team_reached": t[i], "team_conversion": tconv, "peer_conversion": pconv,
                   "p_value": p_value, "lost_deals": lost, "bottleneck": bottleneck,
                   "skills": list(s.skills)}
            stages.append(row)
            if bottleneck:
                nxt = self.ds.open_stages[i + 1].name if i + 1 < n_open else "Won"
                diagnosis.append({"stage": s.name, "next_stage": nxt, "conversion": conv,
                                  "peer_conversion": pconv, "p_value": p_value,
                                  "lost_deals": lost, "skills": list(s.skills), "_order": s.order})
        diagnosis.sort(key=lambda d: (-d["lost_deals"], d["_order"]))
        for d in diagnosis:
            del d["_order"]
        return {"cohort_size": len(rep_c), "stages": stages}, diagnosis

    # ---- KPIs (3.7, 7.13, 7.14) ----
    def activity_counts(self, u: str) -> dict:
        lo, hi = self.P.start, min(self.P.end, self.D)
        c = {"call": 0, "email": 0, "meeting": 0, "other": 0}
        for w in self.subtree(u):
            for a in self.acts_by_owner.get(w, []):
                if lo <= a.day <= hi:
                    c[a.type] += 1
        return c

    def deal_obj(self, o: Opp, st: State) -> dict:
        return {"id": o.id, "name": o.name, "owner_id": o.owner_id, "stage": st.stage.name,
                "amount": float(st.amount), "close_date": st.close_date.isoformat()}

    def kpis(self, u: str) -> dict:
        D, P = self.D, self.P
        deals = self.deals_of_owners(self.subtree(u))
        won_c = [o for o in self.cohort(deals) if self.state[o.id].is_won]
        avg = None if not won_c else float(sum((self.state[o.id].amount for o in won_c), ZERO) / len(won_c))
        cycle = median([(self.state[o.id].close_date - o.created_day).days for o in won_c])
        lo, hi = P.start, min(P.end, D)
        created = ZERO
        for o in deals:
            if lo <= o.created_day <= hi and self.state[o.id] is not None:
                created += self.state[o.id].amount
        acts = self.activity_counts(u)
        team = self.team(u)
        per_rep = {}
        team_counts = [self.activity_counts(m) for m in team]
        for k in ("call", "email", "meeting", "other"):
            per_rep[k] = sum(tc[k] for tc in team_counts) / len(team_counts)
        stalled_days = self.S["deals"]["stalled_days"]
        stalled, slipped = [], []
        for o in deals:
            st = self.state[o.id]
            if st is None:
                continue
            if st.is_open:
                k = bisect.bisect_right(o.hist_days, D)
                last = o.hist_days[k - 1] if k > 0 else o.created_day
                if (D - last).days > stalled_days:
                    stalled.append(self.deal_obj(o, st))
            if D >= P.start and (st.is_open or st.is_lost):
                s0 = self.state_at(o, P.start)
                if s0 is not None and P.contains(s0.close_date) and st.close_date > P.end:
                    slipped.append(self.deal_obj(o, st))
        stalled.sort(key=lambda d: d["id"])
        slipped.sort(key=lambda d: d["id"])
        return {"avg_deal_size": avg,
                "sales_cycle_days": None if cycle is None else float(cycle),
                "pipeline_created": float(created),
                "activities": acts, "team_activities_per_rep": per_rep,
                "stalled": stalled, "slipped": slipped}

    # ---- documents ----
    def user_obj(self, u: str) -> dict:
        x = self.ds.users[u]
        return {"id": x.id, "name": x.name, "role": x.role.lower(), "manager_id": x.manager_id}

    def team_table(self, u: str):
        rows = []
        for c in self.reports(u):
            f = self.figures(c)
            rows.append({"user": self.user_obj(c), **f})
        return rows, self.figures(u)

    def scorecard(self, u: str) -> dict:
        D, P = self.D, self.P
        f = self.figures(u)
        deals = self.deals_of_owners(self.subtree(u))
        q = self.quota(u)
        # timeline (3.1, 7.15)
        timeline = []
        if D >= P.start:
            won_by_day: dict[date, Fraction] = {}
            for o in deals:
                st = self.state[o.id]
                if st is not None and st.is_won and self.quota_type_ok(o) \
                        and P.contains(st.close_date) and st.close_date <= D:
                    won_by_day[st.close_date] = won_by_day.get(st.close_date, ZERO) + st.amount
            cum = ZERO
            d = P.start
            while d <= min(D, P.end):
                cum += won_by_day.get(d, ZERO)
                timeline.append({"date": d.isoformat(), "bookings": float(cum),
                                 "quota_pace": float(q * self.elapsed_fraction(d))})
                d += timedelta(days=1)
        # win rates
        team_deals = self.deals_of_subtrees(self.team(u))
        win_rates = []
        for Q in self.win_quarters():
            closed, won, camt, wamt = self.win_counts(deals, Q)
            tc, tw, _, _ = self.win_counts(team_deals, Q)
            win_rates.append({"period": Q.label, "closed": closed, "won": won,
                              "win_rate": None if closed == 0 else won / closed,
                              "win_rate_amount": None if camt == 0 else float(wamt / camt),
                              "team_win_rate": None if tc == 0 else tw / tc})
        funnel, diagnosis = self.funnel(u)
        doc = {
            "user": self.user_obj(u),
            "as_of": D.isoformat(),
            "period": {"label": P.label, "start": P.start.isoformat(), "end": P.end.isoformat(),
                       "elapsed_fraction": float(self.elapsed_fraction(D))},
        }
        for k in ("quota", "bookings", "quota_retirement", "pace", "remaining_quota",
                  "open_pipeline", "pipeline_coverage", "quota_met", "forecast",
                  "forecast_coverage"):
            doc[k] = f[k]
        doc["bookings_timeline"] = timeline
        doc["win_rates"] = win_rates
        doc["funnel"] = funnel
        doc["diagnosis"] = diagnosis
        doc["kpis"] = self.kpis(u)
        doc["accounts"] = f["accounts"]
        if self.reports(u):
            rows, total = self.team_table(u)
            doc["team"] = rows
            doc["team_total"] = total
        return doc


def resolve_user(ds: Dataset, key: str) -> str:
    if key in ds.users:
        return key
    hits = [u for u in ds.user_order if ds.users[u].name == key]
    if len(hits) == 1:
        return hits[0]
    raise DataError(f"unknown or ambiguous user {key!r}: {hits}")


def run(folder, user, as_of, period=None, kind="scorecard", ds=None):
    ds = ds or Dataset(folder)
    eng = Engine(ds, as_of if isinstance(as_of, date) else date.fromisoformat(as_of), period)
    u = resolve_user(ds, user)
    if kind == "scorecard":
        return eng.scorecard(u)
    if kind == "accounts":
        return eng.accounts(u)
    if kind == "team":
        rows, total = eng.team_table(u)
        return {"team": rows, "team_total": total}
    raise DataError(f"unknown kind {kind!r}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--user", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--period")
    ap.add_argument("--kind", default="scorecard", choices=["scorecard", "accounts", "team"])
    a = ap.parse_args(argv)
    try:
        out = run(a.dir, a.user, a.as_of, a.period, a.kind)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
