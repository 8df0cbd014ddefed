"""Finance: savings and investment products (held-out domain, test split only).

Claim-sensitive by design: capital is guaranteed only for deposits, risk and
horizon follow the product type, and fees are a number plus a band, so that a
"guaranteed" or "no fees" claim for the wrong product is a detectable
contradiction.
"""
from __future__ import annotations

import random
from typing import Any, Mapping

from suites.domains.base import DEMOGRAPHICS, AttrSpec, DomainSpec, forms, pick

# product type -> (risk levels, access options, horizons, expected return % range, guaranteed)
PRODUCTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[float, float], bool]] = {
    "savings account": (("low risk",), ("instant access", "notice period"), ("short term",), (1.0, 4.5), True),
    "fixed-term deposit": (("low risk",), ("locked",), ("short term", "medium term"), (2.5, 5.0), True),
    "money market fund": (("low risk",), ("daily dealing",), ("short term",), (2.0, 4.5), False),
    "government bond fund": (("low risk", "medium risk"), ("daily dealing",), ("medium term",), (2.5, 5.0), False),
    "corporate bond fund": (("medium risk",), ("daily dealing",), ("medium term",), (3.5, 6.5), False),
    "index fund": (("medium risk", "high risk"), ("daily dealing",), ("long term",), (4.0, 8.0), False),
    "equity fund": (("high risk",), ("daily dealing",), ("long term",), (5.0, 10.0), False),
    "pension plan": (("medium risk", "high risk"), ("locked",), ("long term",), (4.0, 8.0), False),
}
FEES = {"no fees": (0.0, 0.0), "low fees": (0.05, 0.3), "standard fees": (0.3, 0.9), "high fees": (0.9, 2.0)}
TITLE_TYPE = {"savings account": "Savings Account", "fixed-term deposit": "Fixed-Term Deposit",
              "money market fund": "Money Market Fund", "government bond fund": "Government Bond Fund",
              "corporate bond fund": "Corporate Bond Fund", "index fund": "Index Fund", "equity fund": "Equity Fund",
              "pension plan": "Pension Plan"}

ATTRS = (
    AttrSpec("product_type", "cat", forms(
        "savings account|a savings account|~savings accounts",
        "fixed-term deposit|a fixed-term deposit|a term deposit|~fixed term deposit|~certificate of deposit",
        "money market fund|a money market fund|~money-market fund",
        "government bond fund|a government bond fund|a treasury fund|~gilt fund",
        "corporate bond fund|a corporate bond fund|~credit fund",
        "index fund|an index fund|an index tracker|~tracker fund|~index funds",
        "equity fund|an equity fund|a stock fund|~equity funds|~stock funds",
        "pension plan|a pension plan|a retirement plan|~pension|~pensions"),
        phrases=("the simplicity of {s}", "the familiar structure of {s}"), profile="Product type: {v}.", want="a {v}"),
    AttrSpec("provider", "cat", forms("Alder Capital", "Northway Bank", "Crescent Investments", "Harbourline Mutual",
                                      "Summit Vale Funds", "Kestrel Trust"),
             phrases=("management by {s}", "a product from {s}"), profile="Provider: {v}.", pref=False),
    AttrSpec("risk_level", "cat", forms(
        "low risk|a low-risk profile|low risk|a conservative approach|~low-risk|~conservative|~cautious",
        "medium risk|a medium-risk profile|moderate risk|a balanced approach|~medium-risk|~moderate-risk|~balanced",
        "high risk|a high-risk profile|high risk|an aggressive approach|~high-risk|~aggressive|~speculative"),
        profile="Risk level: {v}.", want="{v}"),
    AttrSpec("fee_level", "cat", forms(
        "no fees|no fees|no annual fee|~fee-free|~zero fees",
        "low fees|low fees|low charges|~low-fee|~low-cost",
        "standard fees|standard fees|average charges",
        "high fees|higher fees|~high-fee"),
        profile="Fees: {v}.", want="{v}", pref_values=("no fees", "low fees")),
    AttrSpec("annual_fee_pct", "num", profile="Annual charge: {v}%."),
    AttrSpec("expected_return_pct", "num", profile="Projected annual return: {v}%, not a promise."),
    AttrSpec("min_investment", "num", profile="Minimum investment: ${v}."),
    AttrSpec("capital_guaranteed", "bool", forms(
        "capital guaranteed|capital protection|guaranteed capital|~capital-protected|~guaranteed|~capital guarantee"),
        profile="Capital guaranteed under the deposit protection scheme.",
        profile_false="Capital at risk: the value can fall as well as rise.", want="{v}"),
    AttrSpec("access", "cat", forms(
        "instant access|instant access|easy access|~withdraw anytime|~withdraw at any time",
        "notice period|a notice period|notice-based withdrawals|~notice account",
        "daily dealing|daily dealing|~daily liquidity",
        "locked|a lock-in period|locked-in savings|~locked-in|~lock-in"),
        profile="Access: {v}.", want="{v}"),
    AttrSpec("horizon", "cat", forms(
        "short term|a short-term horizon|short-term goals|~short-term",
        "medium term|a medium-term horizon|medium-term goals|~medium-term",
        "long term|a long-term horizon|long-term goals|~long-term"),
        profile="Suggested horizon: {v}.", want="a {v} horizon"),
    AttrSpec("esg", "bool", forms("ESG|an ESG focus|a sustainable investment approach|ethical screening|~sustainable|~ethical"),
             profile="Follows an ESG screening policy.", want="{v} investing"),
    AttrSpec("tax_advantaged", "bool", forms("tax advantages|tax advantages|tax relief|a tax-efficient wrapper|~tax-free|~tax-efficient"),
             profile="Eligible for tax relief.", want="{v}"),
)
A = {a.name: a for a in ATTRS}
SERIES = ("Select", "Core", "Classic", "Essential", "Heritage", "Sterling", "Foundation", "Cornerstone")


def sample(rng: random.Random) -> dict[str, Any]:
    ptype = pick(rng, PRODUCTS)
    risks, access, horizons, (lo, hi), guaranteed = PRODUCTS[ptype]
    fee = "no fees" if guaranteed else pick(rng, ("low fees", "standard fees", "high fees"))
    return {
        "product_type": ptype,
        "provider": pick(rng, A["provider"].value_list),
        "risk_level": pick(rng, risks),
        "fee_level": fee,
        "annual_fee_pct": round(rng.uniform(*FEES[fee]), 2),
        "expected_return_pct": round(rng.uniform(lo, hi), 1),
        "min_investment": rng.choice((1, 100, 500, 1000, 5000)),
        "capital_guaranteed": guaranteed,
        "access": pick(rng, access),
        "horizon": pick(rng, horizons),
        "esg": rng.random() < 0.3,
        "tax_advantaged": ptype == "pension plan" or rng.random() < 0.25,
    }


def title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{attrs['provider']} {pick(rng, SERIES)} {TITLE_TYPE[attrs['product_type']]}"


SPEC = DomainSpec(
    name="finance",
    version="1",
    sizes={"test": 500},
    attrs=ATTRS,
    sample=sample,
    title=title,
    title_attrs=("provider", "product_type"),
    nouns=("product", "option", "choice"),
    verbs=("offers", "has", "provides", "comes with", "gives you"),
    templates=(
        "For your financial goals, {title} {verb} {feats}.",
        "Given your investment preferences, {title} is worth considering: it {verb} {feats}.",
        "{title} fits how you like to manage money, with {feats}.",
    ),
    demographics=DEMOGRAPHICS,
    description="Generated savings and investment products, held-out domain (test 500)",
)
