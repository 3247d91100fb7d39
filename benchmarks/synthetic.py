"""A seeded generator of realistic synthetic account plans.

Plans are shaped like the spec's example (every section present), with varied
sizes, owners, currencies, segments and a sprinkling of real findings, so that
checking and rendering do the work they do on a real portfolio.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

INDUSTRIES = ["Banking", "Power & Utilities", "Telecommunications", "Retail", "Manufacturing",
              "Government", "Insurance", "Healthcare", "Transport & Logistics"]
REGIONS = ["China North", "China East", "DACH", "UK & Ireland", "Nordics", "US West",
           "US East", "Benelux", "Japan"]
CURRENCIES = ["CNY", "USD", "EUR", "GBP", "JPY"]
SCALE = {"CNY": 7, "USD": 1, "EUR": 1, "GBP": 1, "JPY": 150}
PRODUCTS = ["Microsoft 365 E3", "Microsoft 365 E5", "Windows Enterprise",
            "Azure Monetary Commitment", "Dynamics 365 Sales", "Power BI Premium",
            "Azure Synapse", "GitHub Enterprise",
            "Defender for Endpoint", "Teams Phone"]
STAGES = ["qualify", "develop", "propose", "negotiate", "won", "lost"]
FIRST = ["Li", "Wang", "Zhang", "Anna", "Jonas", "Priya", "Marcus", "Sofia", "Kenji", "Olivia",
         "Chen", "Liu", "Emma", "Lucas", "Yuki", "Noah"]
LAST = ["Wei", "Fang", "Ming", "Schmidt", "Natarajan", "Bell", "Rossi", "Tanaka", "Brown",
        "Hao", "Yang", "Müller", "Dubois", "Sato", "Smith", "Klein"]
CHINESE = ["京华", "华东", "长江", "南方", "星河", "东方", "天元", "金沙"]


def _person(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in taken:
            taken.add(name)
            return name


def synthetic_plan(index: int, rng: random.Random,
                   managers: list[tuple[str, str]]) -> dict[str, Any]:
    """One plan as data; about one in five has a real gap somewhere."""
    currency = rng.choice(CURRENCIES)
    scale = SCALE[currency]
    account_id = f"account-{index:05d}"
    owner, email = rng.choice(managers)
    people: set[str] = {owner}
    team = [{"name": owner, "role": "Account Manager", "email": email}]
    for role in ("Technology Specialist", "Partner Account Manager", "Sales Manager"):
        team.append({"name": _person(rng, people), "role": role})
    sales_manager = team[-1]["name"]
    cios = [_person(rng, people) for _ in range(1)]
    directors = [_person(rng, people) for _ in range(rng.randint(1, 4))]
    stakeholders = [{
        "name": cios[0], "title": "Chief Information Officer", "level": "cio",
        "influence": "high", "stance": "supporter", "relationship": "strong",
        "our_contact": owner, "last_contact": "2026-11-05",
        **({"local_name": rng.choice(CHINESE) + "先生"} if currency == "CNY" else {}),
    }]
    for n, name in enumerate(directors):
        stakeholders.append({
            "name": name, "title": f"Director, Line of Business {n + 1}",
            "level": "lob-director" if n == 0 else rng.choice(["director", "manager", "technical"]),
            "business_unit": f"Unit {n + 1}", "influence": rng.choice(["high", "medium", "low"]),
            "stance": rng.choice(["champion", "supporter", "neutral", "skeptic"]),
            "relationship": rng.choice(["strong", "developing", "weak"]),
            "our_contact": team[1]["name"], "reports_to": cios[0],
            "last_contact": rng.choice(["2026-10-22", "2026-11-12", "2026-06-30"]),
        })
    n_cos = rng.randint(1, 4)
    cos = []
    for c in range(n_cos):
        cos.append({
            "id": f"cos-{c}", "title": f"Outcome {c}: cut run cost by {rng.randint(5, 30)}%",
            "priority": "pri-0", "status": rng.choice(["agreed", "draft", "met"]),
            "agreed_on": "2026-09-18", "customer_owner": cios[0], "our_owner": owner,
            "customer_commitments": ["Name a data owner in each region"],
            "our_commitments": ["Fund an architecture design session"]
            if rng.random() > 0.05 else [],
            "success_measures": ["Report latency under 5 minutes"],
        })
    opportunities = []
    for o in range(rng.randint(2, 8)):
        stage = rng.choice(STAGES)
        opportunities.append({
            "id": f"opp-{o}", "name": f"Opportunity {o}", "stage": stage,
            "amount": rng.randint(50, 900) * 10000 * scale,
            "probability": round(rng.random(), 2), "opened": "2026-03-02",
            "close": rng.choice(["2027-03-31", "2027-06-15", "2026-12-20"]),
            "products": rng.sample(PRODUCTS, 2), "cos": [f"cos-{rng.randrange(n_cos)}"],
            "partners": ["Partner A"], "services": ["Unified Support"],
            "business_value": f"Saves {currency} {rng.randint(1, 9)}.{rng.randint(0, 9)}M a year.",
        })
    target = sum(o["amount"] for o in opportunities) // 2 + 1
    plan = {
        "format": 1,
        "account": {
            "id": account_id, "name": f"Synthetic Account {index} Ltd.",
            "industry": rng.choice(INDUSTRIES),
            "segment": rng.choice(["mature", "emerging"]),
            "region": rng.choice(REGIONS), "headquarters": "Capital City",
            "tags": rng.sample(["strategic", "state-owned", "cloud-first", "regulated"], 2),
            **({"local_name": rng.choice(CHINESE) + "有限公司"} if currency == "CNY" else {}),
        },
        "plan": {
            "fiscal_year": "FY2027", "owner": owner,
            "last_reviewed": rng.choice(["2026-11-10", "2026-10-01", "2026-07-15"]),
            "next_review": "2027-02-05", "reviewed_by": sales_manager,
            "summary": "The customer is modernising its estate; we aim to become its "
                       "standard platform while cutting its IT run cost.\n",
        },
        "team": team,
        "currency": currency,
        "financials": {
            "long_term_potential": rng.randint(2, 60) * 1000000 * scale,
            "addressable_revenue": {"FY2025": 2000000 * scale, "FY2026": 2400000 * scale,
                                    "FY2027": 2900000 * scale},
            "revenue_target": target, "booked_to_date": target // 4,
        },
        "customer_priorities": [{"id": "pri-0", "title": "Real-time analytics by 2028"}],
        "conditions_of_satisfaction": cos,
        "stakeholders": stakeholders,
        "agreements": [{
            "id": "ea-1", "type": "EA", "starts": "2024-07-01", "ends": "2027-06-30",
            "annual_value": 1800000 * scale, "products": rng.sample(PRODUCTS, 3),
            "renewal_opportunity": "opp-0",
        }],
        "deployment": [{"product": p, "entitled": 42000, "deployed": rng.randint(20000, 42000),
                        "adoption_action": "act-0"} for p in rng.sample(PRODUCTS, 3)],
        "opportunities": opportunities,
        "competitors": [{"name": "Rival Cloud", "footprint": "Private cloud", "threat": "high",
                         "strategy": "Lead with outcomes and partner references."}],
        "partners": [{"name": "Partner A", "role": "Implementation"}],
        "satisfaction": {"FY2025": 128, "FY2026": 141},
        "engagements": [{"date": "2026-11-05", "with": [cios[0]], "topic": "Quarterly review",
                         "business_value": "Reviewed the 22% saving from the pilot."}],
        "actions": [{"id": f"act-{a}", "what": f"Follow-up {a}", "owner": owner,
                     "due": rng.choice(["2027-01-31", "2026-12-20", "2026-11-01"]),
                     "status": rng.choice(["open", "done", "blocked"])} for a in range(3)],
    }
    plan["actions"][0]["status"] = "open"
    return plan


def write_portfolio(folder: Path, count: int, seed: int = 2027) -> list[Path]:
    """Write `count` synthetic plans into `folder`; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    managers = [(f"Manager {m}", f"manager{m}@example.com") for m in range(max(1, count // 10))]
    paths = []
    for index in range(count):
        data = synthetic_plan(index, rng, managers)
        path = folder / f"{data['account']['id']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths
