"""The labelled faithfulness challenge set, and the AUROC of every faithfulness metric on it.

Faithful explanations next to minimally edited unfaithful ones:

structured (generated domains, test split): the faithful text is the suite's
reference, which states only true attributes by construction. Edits, each
labelled by the generator's own ground truth (`suites.generated.classify_mention`),
not by the metrics under test: `invented` (one stated value replaced by a
value neither the item nor the user has), `contradiction` (one stated value
replaced by a value that conflicts with the item's own), `title` (the item's
name replaced by another item's, everywhere), `number` (one sentence with a
number absent from the inputs appended).

xrec (XRec files): XRec's own references quote the reviews and name people
and places absent from the inputs (faith.entity_halluc flags ~44% of the
Amazon ones), so they cannot serve as faithful texts. The faithful text is
extractive instead: the title, the first sentence of the item summary and of
the user summary, lightly paraphrased (suites.perturb's synonym table:
"enjoy" -> "like"), so that support must survive a reworded faithful text.
Edits: `title` (another record's title, everywhere), `entity` (a capitalised
name replaced by one from another record that the inputs do not contain,
found by a plain regex independent of the metric), `number` (as above),
`claim` (a sentence from another record's item summary appended).

Known bias: the XRec faithful texts are extractive, so the support metrics
see more of their words in the inputs than they would in a free-written
explanation; the AUROC there measures detecting the edit, not judging
free prose.

`python -m validation.challenge` prints each metric's AUROC at separating the
faithful texts from each kind of edit (1.0 = perfect, 0.5 = chance).
"""
from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from tabulate import tabulate

from benchmark import seeding
from benchmark.schema import Example
from benchmark.scoring import MetricContext, get_metric
from benchmark.suite import Suite, load_suite
from suites.perturb import paraphrase

XREC_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "xrec"
STRUCTURED_EDITS = ("invented", "contradiction", "title", "number")
XREC_EDITS = ("title", "entity", "number", "claim")
# Which edits each metric is meant to catch: its headline AUROC pools the faithful texts with these.
TARGETS: dict[str, tuple[str, ...]] = {
    "faith.halluc": ("invented", "contradiction"),
    "faith.contradiction": ("contradiction",),
    "faith.attr_precision": ("invented", "contradiction"),
    "faith.reason_recall": ("invented", "contradiction"),
    "faith.entity_halluc": ("title", "entity"),
    "faith.number_halluc": ("number",),
    "faith.content_support": ("invented", "claim"),
    "faith.embed_support": ("claim",),
}
STRUCTURED_METRICS = tuple(TARGETS)
XREC_METRICS = ("faith.entity_halluc", "faith.number_halluc", "faith.content_support", "faith.embed_support")
NUMBER_SENTENCES = (
    "More than {n} people chose it last month.", "It has been around since {y}.",
    "Prices start at ${p}.", "It holds a {r}-star average.",
)


@dataclass(frozen=True)
class Case:
    family: str  # "structured" | "xrec"
    suite: str  # the spec of the suite the example comes from
    example: Example
    text: str
    edit: str  # "none" for a faithful text

    @property
    def label(self) -> int:
        return int(self.edit != "none")


def _sub_once(text: str, old: str, new: str, count: int = 1) -> str | None:
    """Replace the first (count=0: every) whole-word, case-insensitive occurrence of `old`; None if absent."""
    pat = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)", re.IGNORECASE)
    out, n = pat.subn(lambda m: new, text, count=count)
    return out if n else None


def _input_numbers(ex: Example) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", ex.input_text()))


def number_edit(ex: Example, text: str, key: str) -> str:
    """`text` plus one sentence stating a number the inputs do not contain."""
    rng = seeding.rng("challenge-number", 0, key)
    have = _input_numbers(ex)
    while True:
        vals = {"n": rng.randint(120, 9900), "y": rng.randint(1950, 2015), "p": rng.randint(13, 999), "r": rng.choice(("3.8", "4.1", "4.3", "4.6"))}
        sentence = rng.choice(NUMBER_SENTENCES)
        if not set(re.findall(r"\d+(?:\.\d+)?", sentence.format(**vals))) & have:
            return text.rstrip() + " " + sentence.format(**vals)


def _title_edit(ex: Example, text: str, titles: Sequence[str], key: str) -> str | None:
    rng = seeding.rng("challenge-title", 0, key)
    inputs = ex.input_text().lower()
    others = [t for t in titles if t.lower() not in inputs and ex.item.title.lower() not in t.lower()]
    return _sub_once(text, ex.item.title, rng.choice(others), count=0) if others and ex.item.title.strip() else None


# --- structured ------------------------------------------------------------------------------


def _value_edits(ex: Example, suite: Suite, exclusive: frozenset[str]) -> dict[str, str]:
    """The `invented` and `contradiction` edits of the reference: one stated true value replaced."""
    from suites.generated import classify_mention, true_features

    text, lex = ex.references[0], suite.lexicon
    rng = seeding.rng("challenge-value", 0, ex.id)
    spans = []  # (attribute, surface form found in the text)
    for attr, canon in sorted(true_features(ex.item.attributes, lex)):
        forms = sorted({canon, *lex[attr][canon]}, key=lambda f: (-len(f), f))
        found = next((f for f in forms if _sub_once(text.replace(ex.item.title, ""), f, "") is not None), None)
        if found:
            spans.append((attr, found))
    if not spans:
        return {}
    user_vals = {str(x).lower() for v in ex.user.attributes.values() for x in (v if isinstance(v, list) else [v])}
    out = {}
    for edit in ("invented", "contradiction"):
        targets = [(a, v) for a in sorted(lex) for v in sorted(lex[a])
                   if v.lower() not in user_vals and classify_mention(ex.item.attributes, a, v, lex, exclusive) == edit]
        picks = []
        for attr, found in spans:
            same = [t for t in targets if t[0] == attr]
            if targets:
                picks.append((bool(same), attr, found, same or targets))
        if picks:
            best = [p for p in picks if p[0]] or picks
            _, attr, found, targets = rng.choice(best)
            _, value = rng.choice(targets)
            new = _sub_once("\x00".join(text.split(ex.item.title)), found, value)  # \x00 protects the title
            if new is not None:
                out[edit] = new.replace("\x00", ex.item.title)
    return out


def structured_cases(domains: Iterable[str] | None = None, per_domain: int = 100) -> list[Case]:
    from suites.generated import DOMAINS

    cases: list[Case] = []
    for d in domains or DOMAINS:
        suite = load_suite(d)
        test = [e for e in suite.split("test") if e.references][:per_domain]
        titles = sorted({e.item.title for e in suite.split("test")})
        for ex in test:
            ref = ex.references[0]
            cases.append(Case("structured", d, ex, ref, "none"))
            edits: dict[str, str | None] = dict(_value_edits(ex, suite, DOMAINS[d].exclusive))
            edits["title"] = _title_edit(ex, ref, titles, ex.id)
            edits["number"] = number_edit(ex, ref, ex.id)
            cases += [Case("structured", d, ex, t, k) for k, t in edits.items() if t]
    return cases


# --- XRec ------------------------------------------------------------------------------------

_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+(?: [A-Z][a-z]+)+)")  # mid-sentence capitalised multi-word names
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.DOTALL)


def _first_sentence(text: str) -> str:
    m = _FIRST_SENTENCE.match(text.strip())
    return (m.group(1) if m else text).strip()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if len(s.split()) >= 5]


def xrec_cases(paths: Iterable[str | Path], per_file: int = 300) -> list[Case]:
    cases: list[Case] = []
    for path in paths:
        spec = f"xrec:{path}"
        suite = load_suite(spec)
        pool = [e for e in suite.split("test") if e.item.profile and e.user.profile]
        chosen = pool[:per_file]
        titles = sorted({e.item.title for e in pool if e.item.title.strip()})
        names = sorted({n for e in pool for n in _NAME.findall(f"{e.item.profile} {e.user.profile}")})
        claims = [(e.id, s) for e in pool for s in _sentences(e.item.profile)]
        for ex in chosen:
            extract = f"We recommend {ex.item.title}. {_first_sentence(ex.item.profile)} {_first_sentence(ex.user.profile)}"
            base = paraphrase(extract, seeding.rng("challenge-paraphrase", 0, ex.id), protect=ex.item.title)
            cases.append(Case("xrec", spec, ex, base, "none"))
            edits = {"title": _title_edit(ex, base, titles, ex.id), "number": number_edit(ex, base, ex.id)}
            rng = seeding.rng("challenge-xrec", 0, ex.id)
            inputs = ex.input_text().lower()
            own = [n for n in _NAME.findall(base) if ex.item.title.lower() not in n.lower() and n.lower() not in ex.item.title.lower()]
            fresh = [n for n in names if n.lower() not in inputs]
            if own and fresh:
                edits["entity"] = _sub_once(base, rng.choice(own), rng.choice(fresh))
            other = [s for i, s in claims if i != ex.id and s.lower() not in inputs]
            edits["claim"] = base.rstrip() + " " + rng.choice(other) if other else None
            cases += [Case("xrec", spec, ex, t, k) for k, t in edits.items() if t]
    return cases


# --- scoring ---------------------------------------------------------------------------------


def score_cases(cases: Sequence[Case], metric_names: Sequence[str]) -> dict[str, np.ndarray]:
    """metric -> per-case unfaithfulness score (higher = less faithful); a metric that does not
    apply to a case (no claim to check) gives it the faithful end of its scale."""
    out = {m: np.zeros(len(cases)) for m in metric_names}
    by_suite: dict[str, list[int]] = {}
    for i, c in enumerate(cases):
        by_suite.setdefault(c.suite, []).append(i)
    for spec, idx in by_suite.items():
        suite = load_suite(spec)
        ctx = MetricContext(suite.name, suite.features, dict(suite.lexicon))
        exs, texts = [cases[i].example for i in idx], [cases[i].text for i in idx]
        for name in metric_names:
            m = get_metric(name)
            if "features" in m.needs and not suite.lexicon:
                continue
            vals = m.score(exs, texts, ctx).values or []
            best = 1.0 if m.higher_is_better else 0.0
            sign = -1.0 if m.higher_is_better else 1.0
            out[name][idx] = [sign * (best if v is None else v) for v in vals]
    return out


def auroc_table(cases: Sequence[Case], metric_names: Sequence[str], edits: Sequence[str]) -> dict[str, dict[str, float]]:
    """metric -> {edit: AUROC of faithful vs that edit, "target": faithful vs the metric's target edits, "all"}."""
    scores = score_cases(cases, metric_names)
    kinds = np.array([c.edit for c in cases])
    table: dict[str, dict[str, float]] = {}
    for m in metric_names:
        row = {}
        groups = {e: (e,) for e in edits} | {"target": tuple(e for e in TARGETS.get(m, ()) if e in edits), "all": tuple(edits)}
        for key, group in groups.items():
            sel = (kinds == "none") | np.isin(kinds, group)
            y = (kinds[sel] != "none").astype(int)
            if group and 0 < y.sum() < len(y):
                row[key] = float(roc_auc_score(y, scores[m][sel]))
        table[m] = row
    return table


def render(tables: Mapping[str, tuple[dict[str, dict[str, float]], Sequence[str], int]]) -> str:
    out = []
    for family, (table, edits, n) in tables.items():
        cols = [*edits, "target", "all"]
        body = [[m] + [f"{row[c]:.3f}" if c in row else "–" for c in cols] for m, row in table.items()]
        out += [f"{family} ({n} cases)", tabulate(body, headers=["metric", *cols], tablefmt="github", disable_numparse=True), ""]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m validation.challenge", description="AUROC of the faithfulness metrics on the challenge set")
    ap.add_argument("--per-domain", type=int, default=100, help="faithful examples per generated domain (default %(default)s)")
    ap.add_argument("--per-file", type=int, default=300, help="faithful examples per XRec file (default %(default)s)")
    ap.add_argument("--xrec", action="append", help="XRec-format file (repeatable; default: amazon and google in ../shared/data/xrec)")
    args = ap.parse_args(argv)
    tables = {}
    st = structured_cases(per_domain=args.per_domain)
    tables["structured"] = (auroc_table(st, STRUCTURED_METRICS, STRUCTURED_EDITS), STRUCTURED_EDITS, len(st))
    paths = args.xrec or [p for p in (XREC_DIR / "amazon.jsonl", XREC_DIR / "google.jsonl") if p.is_file()]
    if paths:
        xc = xrec_cases(paths, args.per_file)
        tables["xrec"] = (auroc_table(xc, XREC_METRICS, XREC_EDITS), XREC_EDITS, len(xc))
    else:
        print(f"(no XRec files: {XREC_DIR} not found; pass --xrec PATH)")
    print(render(tables))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
