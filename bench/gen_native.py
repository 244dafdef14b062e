#!/usr/bin/env python3
"""Throwaway generator of a sizeable native data set for import benchmarks.

    bench/gen_native.py OUT_DIR [OPPORTUNITIES]   # default 100000

Writes 1 VP, 20 managers, 200 AEs, OPP/4 accounts, OPP/2 contacts, OPP
opportunities, 4*OPP history rows, 10*OPP activities, quotas, forecasts.
The content is random but valid; it is not the demo (see `scorecards demo`).
"""
import os
import random
import sys

out = sys.argv[1]
n_opp = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
rng = random.Random(42)
os.makedirs(out, exist_ok=True)

def w(name):
    return open(os.path.join(out, name), "w", newline="", buffering=1 << 20)

stages = ["Qualification", "Discovery", "Proposal", "Negotiation"]
with w("stages.csv") as f:
    f.write("name,order,is_closed,is_won,probability,forecast_category,skills\n")
    for i, s in enumerate(stages):
        f.write(f"{s},{i+1},false,false,{10+20*i},,skill {i}\n")
    f.write("Closed Won,0,true,true,100,,\nClosed Lost,0,true,false,0,,\n")
all_stages = stages + ["Closed Won", "Closed Lost"]

users = ["vp"]
with w("users.csv") as f:
    f.write("id,name,email,role,manager_id,team,active\n")
    f.write("vp,Vera VP,vp@example.com,executive,,,true\n")
    for m in range(20):
        f.write(f"m{m},Manager {m},m{m}@example.com,manager,vp,Team {m},true\n")
        users.append(f"m{m}")
    for a in range(200):
        f.write(f"u{a},Rep {a},u{a}@example.com,ae,m{a % 20},Team {a % 20},true\n")
        users.append(f"u{a}")
aes = [f"u{a}" for a in range(200)]

n_acc = max(1, n_opp // 4)
with w("accounts.csv") as f:
    f.write("id,name,owner_id,segment,industry,created_at\n")
    for i in range(n_acc):
        f.write(f"acc{i},\"Account {i}, Inc.\",{rng.choice(aes)},SMB,Software,2024-01-{1 + i % 28:02d}\n")

n_con = n_opp // 2
with w("contacts.csv") as f:
    f.write("id,account_id,name,title,email\n")
    for i in range(n_con):
        f.write(f"con{i},acc{rng.randrange(n_acc)},Contact {i},VP Sales,c{i}@example.com\n")

opp_acc = []
with w("opportunities.csv") as f:
    f.write("id,account_id,owner_id,name,type,amount,stage,forecast_category,created_at,close_date\n")
    for i in range(n_opp):
        acc = rng.randrange(n_acc)
        opp_acc.append(acc)
        f.write(f"opp{i},acc{acc},{rng.choice(aes)},Deal {i},New Business,{rng.randrange(1000, 200000)}.00,"
                f"{rng.choice(all_stages)},,2025-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z,2026-{1 + i % 12:02d}-15\n")

with w("stage_history.csv") as f:
    f.write("opportunity_id,changed_at,stage,amount,close_date,forecast_category\n")
    for i in range(n_opp):
        for k in range(4):
            f.write(f"opp{i},2025-{1 + (i + k) % 12:02d}-{1 + k:02d}T12:00:00Z,{stages[k]},"
                    f"{'' if k else rng.randrange(1000, 200000)},,\n")

types = ["call", "email", "meeting", "other"]
with w("activities.csv") as f:
    f.write("id,type,owner_id,account_id,contact_id,opportunity_id,occurred_at,subject\n")
    for i in range(10 * n_opp):
        r = i % 3
        acc = f"acc{rng.randrange(n_acc)}" if r == 0 else ""
        con = f"con{rng.randrange(n_con)}" if r == 1 else ""
        opp = f"opp{rng.randrange(n_opp)}" if r == 2 else ""
        f.write(f"act{i},{types[i % 4]},{rng.choice(aes)},{acc},{con},{opp},"
                f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:30:00Z,Follow up {i}\n")

with w("quotas.csv") as f:
    f.write("owner_id,start_date,end_date,amount\n")
    for u in aes:
        for q in range(4):
            f.write(f"{u},2026-{1 + 3*q:02d}-01,2026-{3 + 3*q:02d}-{30 if q in (1, 2) else 31},300000\n")

with w("forecasts.csv") as f:
    f.write("owner_id,period,category,amount,submitted_at\n")
    for u in aes:
        for q in range(1, 5):
            f.write(f"{u},FY2026-Q{q},commit,150000,2026-{3*q - 2:02d}-15T09:00:00Z\n")
