"""Hand-checked tests of the reference implementation.

Run:  cd tools/reference && python3 -m unittest -v

Every expected value below was worked out by hand from the case files in
cases/ (the derivation is in the comments), not copied from the program's
output.  D = 2026-12-17 throughout; P = FY2026-Q4 = 2026-10-01..2026-12-31
(92 days), so elapsed_fraction = 78/92.
"""
import math
import os
import shutil
import tempfile
import unittest
from datetime import date

import reference as R

HERE = os.path.dirname(os.path.abspath(__file__))
BASIC = os.path.join(HERE, "cases", "basic")
STATES = os.path.join(HERE, "cases", "states")
D = date(2026, 12, 17)


def close(a, b, rel=1e-9, abs_=1e-9):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


class Fiscal(unittest.TestCase):
    def test_quarters(self):
        q = R.parse_period("FY2026-Q4", 1)
        self.assertEqual((q.start, q.end), (date(2026, 10, 1), date(2026, 12, 31)))
        q = R.parse_period("fy 2027 - q1", 2)          # labels: no case, no spaces
        self.assertEqual((q.start, q.end), (date(2026, 2, 1), date(2026, 4, 30)))
        self.assertEqual(R.quarter_containing(date(2026, 2, 1), 2).label, "FY2027-Q1")
        self.assertEqual(R.quarter_containing(date(2026, 1, 31), 2).label, "FY2026-Q4")
        y = R.parse_period("FY2026", 1)
        self.assertEqual((y.start, y.end, y.days), (date(2026, 1, 1), date(2026, 12, 31), 365))
        y = R.parse_period("FY2027", 2)
        self.assertEqual((y.start, y.end), (date(2026, 2, 1), date(2027, 1, 31)))


class Parsing(unittest.TestCase):
    def test_datetimes(self):
        self.assertEqual(R.parse_datetime("2026-12-16T23:59:59-01:00").date(), date(2026, 12, 17))
        self.assertEqual(R.parse_datetime("2026-12-01T23:30:00-05:00").isoformat(),
                         "2026-12-02T04:30:00+00:00")
        self.assertEqual(R.parse_datetime("2026-12-05 10:00:00").hour, 10)
        self.assertEqual(R.parse_datetime("2026-12-05").hour, 0)
        self.assertEqual(R.parse_datetime("2026-12-05T10:00:00.123Z").microsecond, 123000)

    def test_fc_and_bools(self):
        for s in ("Best Case", "BestCase", "best_case", " best case "):
            self.assertEqual(R.norm_fc(s), "best_case")
        self.assertIsNone(R.norm_fc(""))
        for s, v in (("YES", True), ("t", True), ("0", False), ("", False), ("No", False)):
            self.assertEqual(R.parse_bool(s), v)
        self.assertEqual(R.parse_amount("1e4"), 10000)
        with self.assertRaises(R.DataError):
            R.parse_amount("-5")

    def test_phi_against_z_table(self):
        self.assertAlmostEqual(R.phi(-1.2816), 0.1000, places=4)   # z-table
        self.assertAlmostEqual(R.phi(-1.6449), 0.0500, places=4)
        self.assertAlmostEqual(R.phi(0.0), 0.5, places=12)
        self.assertAlmostEqual(R.phi(1.96), 0.9750, places=4)


class States(unittest.TestCase):
    """SPEC 2.2 and 7.1-7.3 on cases/states."""

    @classmethod
    def setUpClass(cls):
        cls.ds = R.Dataset(STATES)
        cls.eng = R.Engine(cls.ds, D)

    def st(self, oid, d=D):
        return self.eng.state_at(self.ds.opp_by_id[oid], d)

    def test_rule1_created_after(self):
        self.assertIsNone(self.st("S1"))
        self.assertIsNone(self.st("S7"))     # 2026-12-17T23:00-02:00 = 12-18 01:00 UTC
        self.assertIsNotNone(self.st("S8"))  # 2026-12-17T23:00+02:00 = 12-17 21:00 UTC

    def test_rule2_carry_forward_and_fc(self):
        s = self.st("S2", date(2026, 12, 1))  # the -05:00 row is 12-02 UTC: not yet
        self.assertEqual((s.stage.name, s.amount, s.fc), ("Solution", 100, "best_case"))
        s = self.st("S2", date(2026, 12, 2))
        self.assertEqual((s.stage.name, s.amount, s.fc), ("Negotiate", 200, "commit"))
        s = self.st("S2")                     # Qualify row: amount and explicit fc carried
        self.assertEqual((s.stage.name, s.amount, s.fc), ("Qualify", 200, "commit"))

    def test_ties_and_instant_order(self):
        # rows sorted by instant: 11-09 Qualify(50), then the tie 11-10 10:00Z
        # (written +02:00 first, Z second); file order breaks it -> Solution;
        # amount 50 carried from the instant-previous row, not the file-previous.
        s = self.st("S3")
        self.assertEqual((s.stage.name, s.amount), ("Solution", 50))
        s = self.st("S3", date(2026, 11, 9))
        self.assertEqual((s.stage.name, s.amount), ("Qualify", 50))

    def test_rule3_history_after_d(self):
        s = self.st("S4")
        self.assertEqual((s.stage.name, s.amount, s.is_open), ("Negotiate", 70, True))

    def test_rule4_closed_after_d(self):
        s = self.st("S5")
        self.assertEqual((s.stage.name, s.fc, s.is_open), ("Qualify", "pipeline", True))
        s = self.st("S5", date(2026, 12, 20))
        self.assertEqual((s.stage.name, s.fc, s.is_won), ("Won", "closed", True))
        s = self.st("S6")
        self.assertEqual((s.stage.name, s.fc, s.is_lost), ("Lost", "best_case", True))


class Basic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = R.Dataset(BASIC)
        cls.a1 = R.run(None, "a1", D, ds=cls.ds)
        cls.m1 = R.run(None, "m1", D, ds=cls.ds)
        cls.vp = R.run(None, "vp", D, ds=cls.ds)
        cls.a4 = R.run(None, "a4", D, ds=cls.ds)
        cls.acc = {r["id"]: r for r in R.run(None, "a1", D, kind="accounts", ds=cls.ds)}

    def test_parsing_header_bom_role(self):
        self.assertEqual(self.a1["user"], {"id": "a1", "name": "David", "role": "ae", "manager_id": "m1"})
        self.assertEqual(self.m1["user"]["role"], "manager")      # "Manager" lower-cased
        self.assertEqual(self.m1["user"]["name"], "Mann, Maria")  # quoted comma
        self.assertIsNone(self.vp["user"]["manager_id"])
        self.assertEqual(R.run(None, "a3", D, ds=self.ds)["user"]["role"], "ae")  # default

    def test_quota(self):
        # a1 quarter row 90000; a2 three monthly 30000 (+ a Q3 row): 90000;
        # a3 annual 365000 x 92/365 = 92000; m1 no rows: 272000;
        # vp 2025 row does not overlap P: m1 + a4 (0) = 272000
        self.assertEqual(self.a1["quota"], 90000)
        self.assertEqual(self.m1["team"][1]["quota"], 90000)
        self.assertEqual(self.m1["team"][2]["quota"], 92000)
        self.assertEqual(self.m1["quota"], 272000)
        self.assertEqual(self.vp["quota"], 272000)

    def test_buy_in_a1(self):
        a = self.a1
        # A1 20000 won 11-15; A2 won 12-10 with amount 8000 carried from its first
        # history row (opp amount 10000 is overridden).
        self.assertEqual(a["bookings"], 28000)
        self.assertTrue(close(a["period"]["elapsed_fraction"], 78 / 92))
        self.assertTrue(close(a["quota_retirement"], 28000 / 90000))
        self.assertTrue(close(a["pace"], 0.36695156695))          # (28/90)/(78/92)
        self.assertEqual(a["remaining_quota"], 62000)
        # A3 (Won in file but close 12-20 > D, no history -> open Qualify) 5000
        # + A6 30000 + A7 12000 past-due; A8 closes next quarter; A9 omitted.
        self.assertEqual(a["open_pipeline"], 47000)
        self.assertTrue(close(a["pipeline_coverage"], 47000 / 62000))
        self.assertFalse(a["quota_met"])

    def test_timeline(self):
        t = self.a1["bookings_timeline"]
        self.assertEqual(len(t), 78)
        self.assertEqual(t[0]["date"], "2026-10-01")
        self.assertTrue(close(t[0]["quota_pace"], 90000 / 92))   # 978.26
        by = {x["date"]: x["bookings"] for x in t}
        self.assertEqual((by["2026-11-14"], by["2026-11-15"], by["2026-12-09"], by["2026-12-10"]),
                         (0, 20000, 20000, 28000))
        self.assertTrue(close(t[-1]["quota_pace"], 90000 * 78 / 92))

    def test_forecast_a1_categories_and_calculated(self):
        f = self.a1["forecast"]
        # commit = 28000 + A6 30000 (Negotiate default commit) = 58000
        # best_case = 58000 + A7 12000 (explicit Best Case) = 70000
        self.assertEqual((f["commit"], f["best_case"], f["source"]), (58000, 70000, "categories"))
        # team cohort (a1,a2,a3; window (2025-12-17, 2026-12-17]): 10 deals, 6 won;
        # reached Qualify 10, Solution 8, Negotiate 7.  a1 cohort: A1 W, A2 W,
        # A4 L (max Solution), A5 L -> n = 4/3/2, w = 2.
        # p_win(Qualify)=(2+10*0.6)/14=4/7; (Solution)=(2+7.5)/13; (Negotiate)=(2+60/7)/12=37/42
        calc = 28000 + 5000 * 4 / 7 + 12000 * 9.5 / 13 + 30000 * 37 / 42   # 66054.945055
        self.assertTrue(close(f["calculated"], calc))
        self.assertTrue(close(self.a1["forecast_coverage"]["calculated"], calc / 90000))

    def test_forecast_submitted_and_rollup(self):
        a2 = self.m1["team"][1]["forecast"]
        # latest commit <= D is 95000 (the 12-18 row is after D); best_case: two
        # rows at the same instant (00:00Z and 01:00+01:00), later in file -> 125000
        self.assertEqual((a2["commit"], a2["best_case"], a2["source"]), (95000, 125000, "submitted"))
        f = self.m1["forecast"]
        # rollup: a1 58000 + a2 95000 + a3 92000 + m1's own deal M1 10000 (commit)
        self.assertEqual(f["commit"], 255000)
        # best: a1 70000 + a2 125000 + a3 92000 + 10000
        self.assertEqual(f["best_case"], 297000)
        self.assertEqual(f["source"], "rollup")
        # calculated: 180000 + a1's weighted 38054.945 + B4 40000*81/98
        # + C3 5000*7/12 + M1 10000*6/7 (m1: n_rep 0 -> p_team of its subtree 6/7)
        calc = 180000 + (5000 * 4 / 7 + 12000 * 9.5 / 13 + 30000 * 37 / 42) \
            + 40000 * 81 / 98 + 5000 * 7 / 12 + 10000 * 6 / 7           # 262604.2648
        self.assertTrue(close(f["calculated"], calc))

    def test_quota_met_and_zero_quota(self):
        a3 = self.m1["team"][2]
        # C2 won 12-16, last history row 2026-12-16T23:59:59-01:00 = 12-17 UTC <= D
        self.assertEqual((a3["bookings"], a3["quota_retirement"], a3["remaining_quota"]), (92000, 1.0, 0))
        self.assertIsNone(a3["pipeline_coverage"])
        self.assertTrue(a3["quota_met"])
        a4 = self.a4
        self.assertEqual((a4["quota"], a4["bookings"]), (0, 5000))
        for k in ("quota_retirement", "pace", "pipeline_coverage"):
            self.assertIsNone(a4[k])
        self.assertFalse(a4["quota_met"])
        self.assertIsNone(a4["forecast_coverage"]["commit"])
        self.assertTrue(all(x["quota_pace"] == 0 for x in a4["bookings_timeline"]))

    def test_win_rates(self):
        w = self.a1["win_rates"]
        self.assertEqual([x["period"] for x in w],
                         ["FY2025-Q4", "FY2026-Q1", "FY2026-Q2", "FY2026-Q3", "FY2026-Q4"])
        cur = w[-1]
        # a1 NB closed in Q4: A1 W 20000, A2 W 8000, A4 L 15000, A5 L 7000
        self.assertEqual((cur["closed"], cur["won"], cur["win_rate"]), (4, 2, 0.5))
        self.assertTrue(close(cur["win_rate_amount"], 28000 / 50000))
        # team NB Q4: + B1 W, B2 L, C1 L, C2 W (B5 is Renewal: excluded) -> 4/8
        self.assertEqual(cur["team_win_rate"], 0.5)
        self.assertIsNone(w[2]["win_rate"])
        self.assertEqual(w[2]["team_win_rate"], 1.0)                # B3 won 2026-06-15
        self.assertIsNone(w[2]["win_rate_amount"])

    def test_funnel_and_diagnosis(self):
        fn = self.a1["funnel"]
        self.assertEqual(fn["cohort_size"], 4)
        s = fn["stages"]
        self.assertEqual([x["reached"] for x in s], [4, 3, 2])
        self.assertEqual([x["team_reached"] for x in s], [10, 8, 7])
        # peers a2+a3 cohort: B1 W, B2 L(Negotiate), B3 W, B5 W, C1 L, C2 W
        # reached 6,5,5, won 4 -> peer conv 5/6, 1, 4/5
        self.assertTrue(close(s[0]["peer_conversion"], 5 / 6))
        self.assertEqual(s[1]["peer_conversion"], 1.0)
        # Q->S: x1/n1=3/4, x2/n2=5/6, p=0.8, z=-0.0833/0.2582=-0.3227, Phi=0.3734
        self.assertAlmostEqual(s[0]["p_value"], 0.3734, places=4)
        # S->N: 2/3 vs 5/5, p=7/8, z=-0.3333/0.24152=-1.3801, Phi=0.0838 (< 0.10)
        self.assertAlmostEqual(s[1]["p_value"], 0.0838, places=4)
        # N->Won: 2/2 vs 4/5, p=6/7, z=0.2/0.29277=0.6831, Phi=0.7527
        self.assertAlmostEqual(s[2]["p_value"], 0.7527, places=4)
        self.assertTrue(close(s[1]["lost_deals"], 1.0))             # 3 x (1 - 2/3)
        self.assertTrue(close(s[2]["lost_deals"], -0.4))            # 2 x (0.8 - 1)
        # min_deals = 3 (settings.toml): only Solution is a bottleneck
        self.assertEqual([x["bottleneck"] for x in s], [False, True, False])
        d = self.a1["diagnosis"]
        self.assertEqual(len(d), 1)
        self.assertEqual((d[0]["stage"], d[0]["next_stage"]), ("Solution", "Negotiate"))
        self.assertEqual(d[0]["skills"], ["product knowledge", "competitive objections"])

    def test_funnel_manager_and_top(self):
        s = self.m1["funnel"]["stages"]
        # m1's peers: a4 (D1 W, D2 L): Q->S 1/2; m1 8/10; p = 9/12; z = 0.8944; Phi = 0.8145
        self.assertEqual(s[0]["team_reached"], 12)
        self.assertAlmostEqual(s[0]["p_value"], 0.8145, places=4)
        for x in self.vp["funnel"]["stages"]:     # no peers at the top
            self.assertIsNone(x["peer_conversion"])
            self.assertIsNone(x["p_value"])
            self.assertIsNone(x["lost_deals"])
            self.assertFalse(x["bottleneck"])
            self.assertEqual(x["team_reached"], x["reached"])

    def test_kpis(self):
        k = self.a1["kpis"]
        self.assertEqual(k["avg_deal_size"], 14000)                 # (20000 + 8000) / 2
        self.assertEqual(k["sales_cycle_days"], 86)                 # median(106, 66)
        self.assertEqual(k["pipeline_created"], 52000)              # A2 8000 + A3 + A6 + A9
        # a1 in P: act1 call, act4 call, act3 meeting, act6 other (act10 is 09-30 UTC)
        self.assertEqual(k["activities"], {"call": 2, "email": 0, "meeting": 1, "other": 1})
        tpr = k["team_activities_per_rep"]                          # a1, a2 (2 emails), a3 (1 call)
        self.assertEqual(tpr["call"], 1.0)
        self.assertTrue(close(tpr["email"], 2 / 3))
        self.assertEqual(sorted(x["id"] for x in k["stalled"]), ["A3", "A6", "A7"])
        self.assertEqual([x["id"] for x in k["slipped"]], ["A8"])
        self.assertEqual(self.m1["kpis"]["team_activities_per_rep"],
                         {"call": 2.0, "email": 1.0, "meeting": 0.5, "other": 0.5})

    def test_accounts(self):
        acc = self.acc
        self.assertEqual(sorted(acc), ["acc1", "acc2", "acc3", "acc5", "acc6"])
        a = acc["acc1"]
        self.assertEqual((a["open_pipeline"], a["open_opportunities"], a["next_close_date"]),
                         (30000, 1, "2026-12-28"))
        self.assertEqual((a["last_touch_at"], a["days_since_touch"]), ("2026-12-17T23:30:00Z", 0))
        self.assertEqual((a["calls_30d"], a["emails_30d"], a["calls_90d"], a["emails_90d"]), (1, 1, 1, 2))
        a = acc["acc2"]
        self.assertEqual((a["open_pipeline"], a["open_opportunities"], a["next_close_date"]),
                         (17000, 2, "2026-12-05"))
        self.assertEqual((a["days_since_touch"], a["meetings_30d"], a["stale"]), (27, 1, True))
        a = acc["acc3"]   # member via a1's omitted A9; pipeline counts a2's B4 only
        self.assertEqual((a["open_pipeline"], a["open_opportunities"], a["next_close_date"]),
                         (40000, 2, "2026-12-30"))
        self.assertEqual((a["days_since_touch"], a["stale"]), (14, False))   # 14 is not > 14
        a = acc["acc5"]
        self.assertEqual((a["last_touch_at"], a["days_since_touch"], a["stale"]), (None, None, True))
        a = acc["acc6"]
        self.assertEqual((a["last_touch_at"], a["days_since_touch"], a["calls_90d"], a["stale"]),
                         ("2026-09-30T22:00:00Z", 78, 1, False))
        self.assertEqual(self.a1["accounts"], {"total": 5, "with_open_pipeline": 4, "stale": 2})
        self.assertEqual(self.m1["accounts"], {"total": 6, "with_open_pipeline": 5, "stale": 3})

    def test_team_table(self):
        t = self.m1["team"]
        self.assertEqual([r["user"]["id"] for r in t], ["a1", "a2", "a3"])
        self.assertEqual(t[1]["win_rate"], {"period": "FY2026-Q4", "closed": 2, "won": 1, "win_rate": 0.5})
        self.assertEqual(self.m1["team_total"]["bookings"], 180000)
        self.assertEqual(self.m1["team_total"]["open_pipeline"], 102000)   # includes M1 10000
        self.assertEqual([r["user"]["id"] for r in self.vp["team"]], ["m1", "a4"])
        self.assertNotIn("team", self.a1)


class SettingsAndPeriods(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.dir = os.path.join(self.tmp, "c")
        shutil.copytree(BASIC, self.dir)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_types(self):
        with open(os.path.join(self.dir, "settings.toml"), "w") as f:
            f.write('[quota]\ntypes = ["New Business"]\n[winrate]\ntypes = ["Nope"]\n')
        ds = R.Dataset(self.dir)
        a1 = R.run(None, "a1", D, ds=ds)
        self.assertEqual(a1["open_pipeline"], 42000)       # A3 (Expansion) filtered out
        self.assertEqual(a1["funnel"]["cohort_size"], 4)   # cohorts are not filtered
        m1 = R.run(None, "m1", D, ds=ds)
        # m1 bookings lose B5 (Renewal) 10000
        self.assertEqual(m1["bookings"], 170000)
        # winrate types fall back to all: a2 Q4 closed B1 W, B2 L, B5 W
        self.assertEqual(m1["team"][1]["win_rate"]["closed"], 3)
        self.assertEqual(m1["team"][1]["win_rate"]["won"], 2)

    def test_past_future_and_year_periods(self):
        ds = R.Dataset(self.dir)
        a2 = R.run(None, "a2", D, period="FY2026-Q3", ds=ds)
        self.assertEqual(a2["period"]["elapsed_fraction"], 1.0)
        self.assertEqual(len(a2["bookings_timeline"]), 92)          # runs to P.end
        self.assertEqual(a2["quota"], 50000)
        # commit submitted for FY2026-Q3 (7); best_case from categories (0): mixed
        self.assertEqual(a2["forecast"], {"commit": 7.0, "best_case": 0.0, "calculated": 0.0,
                                          "source": "mixed"})
        self.assertEqual(a2["win_rates"][-1]["period"], "FY2026-Q4")  # win rates ignore --period
        fut = R.run(None, "a1", D, period="fy2027-q1", ds=ds)
        self.assertEqual((fut["period"]["elapsed_fraction"], fut["pace"], fut["bookings_timeline"]),
                         (0.0, None, []))
        self.assertEqual(fut["kpis"]["slipped"], [])
        yr = R.run(None, "a1", D, period="FY2026", ds=ds)
        self.assertTrue(close(yr["period"]["elapsed_fraction"], 351 / 365))
        self.assertEqual(yr["quota"], 90000)


if __name__ == "__main__":
    unittest.main()


FAKE = r'''#!/usr/bin/env python3
# fake product binary: the reference's own output, optionally perturbed
import json, os, sys
sys.path.insert(0, %(here)r)
import reference as R
a = sys.argv[1:]
sub = a[0]
if sub == "import":
    sys.exit(0)
opt = dict(zip(a[1::2], a[2::2]))
kind = "scorecard" if sub == "report" else "accounts"
doc = R.run(%(dir)r, opt["--rep"], opt["--as-of"], opt.get("--period"), kind)
if os.environ.get("PERTURB") and opt["--rep"] == "a1":
    if kind == "scorecard":
        doc["bookings"] += 0.01
        doc["kpis"]["stalled"] = doc["kpis"]["stalled"][1:]
        doc["funnel"]["stages"][1]["bottleneck"] = False
        doc["extra_field"] = 1
    else:
        doc = list(reversed(doc))
        doc[0]["stale"] = not doc[0]["stale"]
else:
    if kind == "scorecard":
        doc["bookings"] *= (1 + 1e-12)       # within tolerance
        doc["kpis"]["stalled"] = list(reversed(doc["kpis"]["stalled"]))
    else:
        doc = list(reversed(doc))            # accounts compare by id
print(json.dumps(doc))
'''


class CompareTool(unittest.TestCase):
    def run_compare(self, perturb):
        import subprocess, sys
        tmp = tempfile.mkdtemp()
        try:
            fake = os.path.join(tmp, "fake")
            with open(fake, "w") as f:
                f.write(FAKE % {"here": HERE, "dir": BASIC})
            os.chmod(fake, 0o755)
            env = dict(os.environ)
            if perturb:
                env["PERTURB"] = "1"
            return subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), BASIC,
                                   "--bin", fake, "--db", os.path.join(tmp, "x.db"),
                                   "--as-of", "2026-12-17", "--users", "a1,m1", "--import"],
                                  capture_output=True, text=True, env=env)
        finally:
            shutil.rmtree(tmp)

    def test_clean(self):
        p = self.run_compare(False)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(p.stdout.strip().splitlines()[-1], "2 passed, 0 failed")

    def test_differences(self):
        p = self.run_compare(True)
        self.assertEqual(p.returncode, 1)
        out = p.stdout
        self.assertIn("a1 bookings: reference=28000.0 product=28000.01", out)
        self.assertIn("a1 kpis.stalled.ids:", out)
        self.assertIn("a1 funnel.stages[1].bottleneck: reference=true product=false", out)
        self.assertIn("a1 accounts_list[acc6].stale: reference=false product=true", out)
        self.assertNotIn("extra_field", out)
        self.assertEqual(out.strip().splitlines()[-1], "1 passed, 1 failed")
