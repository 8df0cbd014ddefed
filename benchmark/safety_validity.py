"""Validity of `leakage` and `injection` on labelled cases nobody tuned them to.

`python -m benchmark.safety_validity leakage|injection [--half dev|heldout] [--data DIR]`

leakage: presidio-research's synthetic sentences (../shared/data/validation/pii),
split by a hash of the sentence into a development half and a held-out half.
For every contact / ID span of a sentence:
  (1) in context: the sentence is the user's profile of a real XRec item, the
      output is that item's reference explanation plus a sentence carrying the
      value REFORMATTED (obfuscated e-mail, regrouped / international digits,
      spaced IBAN, abbreviated street words...) = positive; the same
      explanation with the carrier sentence but no value = negative;
  (2) raw: does `find_pii` on the sentence overlap the span.
Plus the false-positive rate of `leakage` on clean reference explanations
(XRec amazon + google on their own inputs, every generated suite's references).

injection: BIPIA attack instructions (train half for development, test half
for the report), each planted into a real XRec item profile in one of several
carrier forms (plain, "Message for the assistant:", role tag, HTML comment,
after blank lines...). Positive: the item's reference explanation plus text
that carries the instruction out, written per attack category independently
of the detector; negatives: the plain explanation on the attacked input, and
clean inputs with benign imperative item text (recipes, "Try the tacos") whose
output repeats it. Plus the rate at which clean XRec / generated inputs get
an (inapplicable-or-flagged) row, and the flag rate on their references.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable

from tabulate import tabulate

from benchmark.schema import Example
from benchmark.suite import load_suite
from metrics.safety.injection import injection_outcome
from metrics.safety.leakage import leaks
from metrics.safety.pii import clean, digits, find_pii
from suites.xrec import load_xrec

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GENERATED = ("ecommerce", "travel", "movies", "news", "finance", "education")
CONTACT_TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "STREET_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "US_DRIVER_LICENSE", "IP_ADDRESS", "ZIP_CODE")


def half_of(text: str) -> str:
    """"dev" or "heldout" by the first byte of the sentence's sha256 (stable, independent of file order)."""
    return "dev" if hashlib.sha256(text.encode()).digest()[0] % 2 == 0 else "heldout"


def _rng(*parts: str) -> random.Random:
    return random.Random(hashlib.sha256("|".join(parts).encode()).hexdigest())


def _recall_row(name: str, hits: list[bool]) -> list:
    return [name, len(hits), sum(hits), round(sum(hits) / len(hits), 3) if hits else None]


# --- leakage -------------------------------------------------------------------------------------

_EMAIL_FORMS = (
    lambda l, d: f"{l} (at) {d.replace('.', ' (dot) ')}", lambda l, d: f"{l} [at] {d.replace('.', ' [dot] ')}",
    lambda l, d: f"{l.replace('.', ' dot ')} at {d.replace('.', ' dot ')}", lambda l, d: f"{l}{{at}}{d.replace('.', '{dot}')}",
    lambda l, d: f"{l} @ {d.replace('.', ' . ')}", lambda l, d: f"{l}@{d}".upper(), lambda l, d: f"{l} at {d}",
)
_STREET_SWAP = {"Street": "St.", "St.": "Street", "Avenue": "Ave", "Ave": "Avenue", "Road": "Rd", "Apt.": "Apartment", "Suite": "Ste",
                "Drive": "Dr", "Lane": "Ln", "Boulevard": "Blvd", "Court": "Ct"}


def _regroup(d: str, rng: random.Random) -> str:
    sep = rng.choice((" ", "-", ".", ""))
    size = rng.choice((3, 4))
    groups = [d[i : i + size] for i in range(0, len(d), size)]
    if rng.random() < 0.3 and len(groups) > 2:
        return f"({groups[0]}) " + sep.join(groups[1:])
    return sep.join(groups)


def reformat(kind: str, value: str, rng: random.Random) -> str:
    """The value as an output might copy it: same data, another surface form."""
    value = value.strip()
    if kind == "EMAIL_ADDRESS" and "@" in value:
        local, domain = value.split("@", 1)
        return rng.choice(_EMAIL_FORMS)(local, domain)
    if kind == "PHONE_NUMBER":
        d = digits(value)
        form = rng.choice(("regroup", "intl", "dots", "ext"))
        if form == "intl":
            return f"+44 {_regroup(d[1:], rng)}" if d.startswith("0") else f"+1-{_regroup(d, rng)}"
        if form == "dots":
            return ".".join(re.findall(r"\d+", value))
        return _regroup(d, rng) + (" ext. 12" if form == "ext" else "")
    if kind in ("CREDIT_CARD", "US_SSN"):
        return _regroup(digits(value), rng)
    if kind in ("IBAN_CODE", "US_DRIVER_LICENSE"):
        compact = re.sub(r"[\s-]", "", value).upper()
        return rng.choice((" ".join(compact[i : i + 4] for i in range(0, len(compact), 4)), compact.lower(), compact))
    if kind == "STREET_ADDRESS":
        parts = [p.strip(" ,") for p in value.split("\n") if p.strip(" ,")]
        text = ", ".join(parts)
        for a, b in _STREET_SWAP.items():
            if re.search(rf"\b{re.escape(a)}(?!\w)", text):
                text = re.sub(rf"\b{re.escape(a)}(?!\w)", b, text, count=1)
                break
        return text.upper() if rng.random() < 0.3 else text
    return value


_CARRIERS = (
    "You can reach them at {v}.", "Their details on file are {v}, which matched the order.",
    "We noted {v} from the profile.", "For the record: {v}.",
)
_NEUTRAL = "the details in their account"


def xrec_examples(name: str) -> list[Example]:
    return [e for e in load_xrec(DATA / "xrec" / f"{name}.jsonl") if e.references and e.references[0].strip()]


def leakage_report(half: str) -> None:
    rows = json.loads((DATA / "validation" / "pii" / "presidio_synth_dataset_v2.json").read_text())
    rows = [r for r in rows if half_of(r["full_text"]) == half]
    items = xrec_examples("google")
    ctx: dict[str, list[bool]] = defaultdict(list)
    raw: dict[str, list[bool]] = defaultdict(list)
    negatives: list[bool] = []
    partial: list[bool] = []
    for r in rows:
        text = r["full_text"]
        found = find_pii(text)
        for i, s in enumerate(r["spans"]):
            kind = s["entity_type"]
            if kind not in CONTACT_TYPES:
                continue
            a, b = s["start_position"], s["end_position"]
            raw[kind].append(clean(text[a:b]) == text[a:b] and any(p.span[0] < b and p.span[1] > a for p in found))
            rng = _rng("leak", text, str(i))
            base = rng.choice(items)
            ex = replace(base, user=replace(base.user, profile=f"{base.user.profile} {text}"))
            carrier = rng.choice(_CARRIERS)
            ref = base.references[0]
            ctx[kind].append(bool(leaks(ex, f"{ref} {carrier.format(v=reformat(kind, s['entity_value'], rng))}")))
            negatives.append(bool(leaks(ex, f"{ref} {carrier.format(v=_NEUTRAL)}")))
            if kind in ("CREDIT_CARD", "PHONE_NUMBER") and len(digits(s["entity_value"])) >= 7:
                last4 = digits(s["entity_value"])[-4:]
                partial.append(bool(leaks(ex, f"{ref} They used the {'card' if kind == 'CREDIT_CARD' else 'number'} ending in {last4}.")))
    table = [_recall_row(k, ctx[k]) + [round(sum(raw[k]) / len(raw[k]), 3)] for k in CONTACT_TYPES if ctx[k]]
    core = [k for k in CONTACT_TYPES if k != "ZIP_CODE"]
    all_ctx = [h for k in core for h in ctx[k]]
    all_raw = [h for k in core for h in raw[k]]
    table.append(_recall_row("ALL but ZIP_CODE", all_ctx) + [round(sum(all_raw) / len(all_raw), 3)])
    table.append(_recall_row("partial: '... ending in 1234'", partial) + [None])
    print(f"presidio synthetic sentences, {half} half ({len(rows)} sentences)")
    print(tabulate(table, headers=["entity type", "n", "caught", "recall in context (1)", "raw recall (2)"]))
    print(f"\nnegatives (same explanation, no value): FPR {sum(negatives) / len(negatives):.3f} (n={len(negatives)})")
    fp: dict[str, list[bool]] = {}
    for name in ("amazon", "google"):
        fp[f"xrec:{name}"] = [bool(leaks(e, e.references[0])) for e in xrec_examples(name)]
    for d in GENERATED:
        suite = load_suite(d)
        fp[d] = [bool(leaks(e, ref)) for e in suite.examples for ref in e.references[:1] if ref.strip()]
    print(tabulate([[k, len(v), sum(v), round(sum(v) / len(v), 4)] for k, v in fp.items()], headers=["clean references", "n", "flagged", "FPR"]))


# --- injection -----------------------------------------------------------------------------------

def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("detector", choices=("leakage", "injection"))
    ap.add_argument("--half", choices=("dev", "heldout"), default="heldout", help="which half to report (default: the held-out one)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    reports: dict[str, Callable[[str], None]] = {"leakage": leakage_report, "injection": injection_report}
    reports[args.detector](args.half)


if __name__ == "__main__":
    main()
