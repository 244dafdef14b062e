#!/usr/bin/env python3
"""Cross-check the product's scorecards against the reference implementation.

    python3 compare.py DIR --bin PATH/TO/scorecards --db DBFILE --as-of YYYY-MM-DD \
        [--users all|ID,ID] [--period LABEL] [--import] [--max-diffs N]

For each person, computes the reference scorecard and account rows from the
native-format folder DIR, runs

    BIN report   --rep ID --as-of DATE --format json --db DBFILE [--period LABEL]
    BIN accounts --rep ID --as-of DATE --format json --db DBFILE

and compares only the fields the reference emits (the product may have more).
Numbers match within relative 1e-9 / absolute 1e-6; `stalled` and `slipped`
compare as sets of ids; account lists compare by id; other lists by position.
Prints `user FIELD.PATH: reference=X product=Y` per difference, then
`N passed, M failed` (people) and exits 1 on any difference.
With --import, runs `BIN import DIR --db DBFILE` first.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as R  # noqa: E402

REL, ABS = 1e-9, 1e-6


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def fmt(x):
    return json.dumps(x, sort_keys=True) if not isinstance(x, str) else json.dumps(x)


def compare(ref, prod, path, out):
    """Append (path, ref, prod) for every difference; only ref's fields count."""
    if isinstance(ref, dict):
        if not isinstance(prod, dict):
            out.append((path, ref, prod))
            return
        for k, v in ref.items():
            p = f"{path}.{k}" if path else k
            if k not in prod:
                out.append((p, v, "<missing>"))
                continue
            if k in ("stalled", "slipped") and isinstance(v, list):
                compare_id_sets(v, prod[k], p, out)
            elif k == "team" and isinstance(v, list):
                compare_keyed(v, prod[k], p, out, key=lambda r: (r.get("user") or {}).get("id"))
            else:
                compare(v, prod[k], p, out)
        return
    if isinstance(ref, list):
        if not isinstance(prod, list):
            out.append((path, f"<list of {len(ref)}>", prod))
            return
        if len(ref) != len(prod):
            out.append((path + ".length", len(ref), len(prod)))
        for i, (a, b) in enumerate(zip(ref, prod)):
            compare(a, b, f"{path}[{i}]", out)
        return
    if is_num(ref) and is_num(prod):
        if not math.isclose(float(ref), float(prod), rel_tol=REL, abs_tol=ABS):
            out.append((path, ref, prod))
        return
    if ref is None or prod is None or isinstance(ref, bool) or isinstance(prod, bool):
        if not (type(ref) is type(prod) and ref == prod):
            out.append((path, ref, prod))
        return
    if ref != prod:
        out.append((path, ref, prod))


def compare_id_sets(ref, prod, path, out):
    r = sorted({x["id"] if isinstance(x, dict) else x for x in ref})
    if not isinstance(prod, list):
        out.append((path, r, prod))
        return
    p = sorted({str(x.get("id")) if isinstance(x, dict) else str(x) for x in prod})
    if r != p:
        out.append((path + ".ids", r, p))


def compare_keyed(ref, prod, path, out, key, check_order=True):
    """Lists of rows matched by key (team rows by user id, accounts by id)."""
    if not isinstance(prod, list):
        out.append((path, f"<list of {len(ref)}>", prod))
        return
    pk = {key(x): x for x in prod if isinstance(x, dict)}
    rk = [key(x) for x in ref]
    for k in sorted(set(pk) - set(rk), key=str):
        out.append((f"{path}[{k}]", "<absent>", "<present>"))
    if check_order:
        porder = [key(x) for x in prod if isinstance(x, dict) and key(x) in set(rk)]
        if porder != [k for k in rk if k in pk]:
            out.append((f"{path}.order", rk, porder))
    for x in ref:
        k = key(x)
        if k not in pk:
            out.append((f"{path}[{k}]", "<present>", "<missing>"))
        else:
            compare(x, pk[k], f"{path}[{k}]", out)


def unwrap_accounts(doc):
    if isinstance(doc, dict):
        for k in ("accounts", "rows", "items", "data"):
            if isinstance(doc.get(k), list):
                return doc[k]
    return doc


def run_product(args, sub, uid):
    cmd = [args.bin, sub, "--rep", uid, "--as-of", args.as_of, "--format", "json", "--db", args.db]
    if args.period and sub == "report":
        cmd += ["--period", args.period]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()[:500]}")
    return json.loads(p.stdout)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Compare the product's scorecards with the reference.")
    ap.add_argument("dir")
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--users", default="all")
    ap.add_argument("--period")
    ap.add_argument("--import", dest="do_import", action="store_true",
                    help="run BIN import DIR --db DB first")
    ap.add_argument("--max-diffs", type=int, default=50, help="per person (0: no limit)")
    args = ap.parse_args(argv)

    if args.do_import:
        p = subprocess.run([args.bin, "import", args.dir, "--db", args.db], capture_output=True, text=True)
        if p.returncode != 0:
            print(f"import failed ({p.returncode}): {p.stderr.strip()}", file=sys.stderr)
            return 2

    ds = R.Dataset(args.dir)
    eng = R.Engine(ds, date.fromisoformat(args.as_of), args.period)
    users = ds.user_order if args.users == "all" else [u.strip() for u in args.users.split(",") if u.strip()]

    passed = failed = 0
    for uid in users:
        diffs = []
        try:
            ref_sc = eng.scorecard(uid)
            ref_acc = eng.accounts(uid)
        except Exception as e:  # a reference failure is a failure to report
            print(f"{uid} <reference>: error {e!r}")
            failed += 1
            continue
        try:
            prod_sc = run_product(args, "report", uid)
            compare(ref_sc, prod_sc, "", diffs)
        except Exception as e:
            diffs.append(("<report>", "ok", f"error {e}"))
        try:
            prod_acc = unwrap_accounts(run_product(args, "accounts", uid))
            compare_keyed(ref_acc, prod_acc, "accounts_list", diffs, key=lambda r: r.get("id"),
                          check_order=False)
        except Exception as e:
            diffs.append(("<accounts>", "ok", f"error {e}"))
        if diffs:
            failed += 1
            shown = diffs if args.max_diffs <= 0 else diffs[:args.max_diffs]
            for path, r, p in shown:
                print(f"{uid} {path}: reference={fmt(r)} product={fmt(p)}")
            if len(shown) < len(diffs):
                print(f"{uid} ... {len(diffs) - len(shown)} more differences")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
