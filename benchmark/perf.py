"""Performance checks, printed side by side: `python -m benchmark.perf [--only SECTION] [--quick]`.

Each check is a function registered with `@section("name")` (it receives
`quick`); add new ones the same way. Checks assert that the fast path gives
the same numbers as the slow one before printing the speed ratio.
"""
from __future__ import annotations

import argparse
import random
import time
from typing import Any, Callable, Sequence

import numpy as np

from benchmark.registry import Registry
from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.scoring import MetricContext, Variant, aggregate, get_metric

SECTIONS: Registry = Registry("perf section", ())


def section(name: str) -> Callable:
    """Register `fn(quick: bool) -> None` as a perf section."""
    return SECTIONS.register(name)


def timed(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """(result, CPU seconds of this process): steadier than wall time on a shared machine."""
    t0 = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t0


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[f"{c:.4g}" if isinstance(c, float) else str(c) for c in r] for r in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for r in cells:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths)))


# --- synthetic but realistic explanation corpora ---------------------------------------------

FEATURES = (
    "pool spa gym breakfast wifi parking location view staff price battery screen camera keyboard "
    "plot acting soundtrack pacing ending teacher syllabus certificate fees workload risk returns "
    "dividends liquidity design comfort size color fabric warranty delivery sound bass noise quiet "
    "beach balcony kitchen pets kids reviews rating author series romance mystery history humor"
).split()
SYNONYMS = {"wifi": ("wi-fi", "internet"), "gym": ("fitness center",), "price": ("cost", "prices"), "kids": ("children",)}
_TEMPLATES = (
    "We recommend {t} because it offers {a} and {b}, which match your interest in {c}.",
    "{t} is a good fit: you liked {a} before and it has great {b}.",
    "You will enjoy {t} for its {a}, its {b} and the {c}.",
    "Since you care about {a}, {t} stands out with excellent {b}.",
    "{t} matches your taste: strong {a}, nice {b}, reasonable {c}.",
    "Because of the {a} and the {b}, {t} suits you.",
)


def corpus(n: int, seed: int = 0) -> tuple[list[Example], list[str]]:
    """n Examples (one matched feature, one reference) and n generated explanations."""
    rng = random.Random(f"perf:{seed}")
    titles = [f"item {i}" for i in range(max(1, n // 8))]
    examples, texts = [], []
    for i in range(n):
        a, b, c = rng.sample(FEATURES, 3)
        title = rng.choice(titles)
        ref = rng.choice(_TEMPLATES).format(t=title, a=a, b=rng.choice(FEATURES), c=c)
        if rng.random() < 0.1:  # a degenerate generator repeats itself
            text = "A popular choice among users like you."
        else:
            said = a if rng.random() < 0.7 else rng.choice(FEATURES)
            text = rng.choice(_TEMPLATES).format(t=title, a=said, b=b, c=rng.choice((c, rng.choice(FEATURES))))
        examples.append(Example(f"perf-{i:06d}", "perf", User(f"u{i}"), Item(f"i{i}", title), Signals(0.5, (Reason("feature", a),)), (ref,)))
        texts.append(text)
    return examples, texts


def run_metric(name: str, examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> float:
    m = get_metric(name)
    scored = m.score(examples, texts, ctx)
    return aggregate(m, scored.rows, scored.const)["value"]


# --- section 1: USR and DIV, linear vs PETER's pair loops -----------------------------------


def peter_usr(seqs: list[list[str]]) -> float:
    """PETER utils.unique_sentence_percent: compare each sequence with every unique one so far."""
    unique: list[list[str]] = []
    for seq in seqs:
        if not any(len(seq) == len(u) and all(a == b for a, b in zip(seq, u)) for u in unique):
            unique.append(seq)
    return len(unique) / len(seqs)


def peter_div(seqs: list[list[str]], feature_set: set[str]) -> float:
    """PETER utils.feature_detect + feature_diversity: sum of |F_i & F_j| over all pairs / C(N, 2)."""
    feats = [{t for t in seq if t in feature_set} for seq in seqs]
    total = 0
    for i, x in enumerate(feats):
        for j in range(i + 1, len(feats)):
            total += len(x & feats[j])
    return total / (len(feats) * (len(feats) - 1) / 2)


@section("usr_div")
def usr_div(quick: bool) -> None:
    """USR and DIV through the harness vs PETER's pair loops (same values asserted)."""
    from metrics.text import tokens

    rows = []
    for n in (2000,) if quick else (2000, 20000):
        examples, texts = corpus(n)
        ctx = MetricContext("perf", frozenset(FEATURES))
        seqs = [tokens(t) for t in texts]
        (usr_fast, div_fast), t_fast = timed(lambda: (run_metric("usr", examples, texts, ctx), run_metric("div", examples, texts, ctx)))
        usr_ref, t_usr = timed(peter_usr, seqs)
        div_ref, t_div = timed(peter_div, seqs, set(FEATURES))
        assert usr_fast == usr_ref, (usr_fast, usr_ref)
        assert np.isclose(div_fast, div_ref, rtol=1e-12), (div_fast, div_ref)
        rows.append((n, usr_fast, div_fast, t_fast, t_usr + t_div, (t_usr + t_div) / t_fast))
    table(("N", "USR", "DIV", "rxbench CPU s", "pair-loop CPU s", "speed-up x"), rows)


# --- section 2: all metrics through the harness vs the libraries called directly -------------

OVERLAP = ("bleu1", "bleu4", "rouge1", "rouge2", "rougeL")
EXPLAINABLE = ("usr", "fmr", "fcr", "div", "distinct1", "distinct2")
PETER = ("peter.bleu1", "peter.bleu4", "peter.rouge1", "peter.rouge2", "peter.rougeL")


def direct_libraries(texts: list[str], refs: list[str]) -> dict[str, float]:
    """What a user would write: sacrebleu corpus BLEU-1/4 and one RougeScorer pass (mean F x100)."""
    from rouge_score import rouge_scorer
    from sacrebleu.metrics import BLEU

    out = {f"bleu{o}": BLEU(max_ngram_order=o).corpus_score(texts, [refs]).score for o in (1, 4)}
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores = [scorer.score(r, t) for t, r in zip(texts, refs)]
    for k in ("rouge1", "rouge2", "rougeL"):
        out[k] = 100.0 * float(np.mean([s[k].fmeasure for s in scores]))
    return out


def _clear_caches() -> None:
    """Drop the per-batch memo caches so that every timing pays for its own work."""
    from metrics import overlap, peter, text

    for fn in (overlap._sacrebleu_stats, overlap._rouge_f, peter._bleu_rows, text._build, text._tokens_cached):
        fn.cache_clear()


@section("harness")
def harness(quick: bool) -> None:
    """Score N explanations with every metric through the harness vs sacrebleu + rouge-score directly."""
    n = 2000 if quick else 10000
    examples, texts = corpus(n)
    refs = [e.references[0] for e in examples]
    ctx = MetricContext("perf", frozenset(FEATURES), {"feature": {f: SYNONYMS.get(f, ()) for f in FEATURES}})
    names = OVERLAP + EXPLAINABLE + PETER
    direct_libraries(texts[:50], refs[:50])  # warm-up: imports and lazy initialisation on both sides
    for name in names:
        run_metric(name, examples[:50], texts[:50], ctx)
    _clear_caches()
    direct, t_direct = timed(direct_libraries, texts, refs)
    times: dict[str, float] = {}
    values: dict[str, float] = {}
    for name in names:
        values[name], times[name] = timed(run_metric, name, examples, texts, ctx)
    for k, v in direct.items():
        assert np.isclose(values[k], v, rtol=1e-9), (k, values[k], v)
    t_overlap = sum(times[k] for k in OVERLAP)
    t_all = sum(times.values())
    table(("metric", "value", "CPU s"), [(k, values[k], times[k]) for k in times])
    print()
    table(
        ("N", "direct libs CPU s", "harness overlap CPU s", "ratio", "harness all metrics CPU s", "ratio"),
        [(n, t_direct, t_overlap, t_overlap / t_direct, t_all, t_all / t_direct)],
    )


# --- faithfulness and robustness metrics (issue 5) --------------------------------------------

CLAIMS = ("faith.claim_score", "faith.claim_support", "faith.claim_contradiction", "faith.claim_verdict")  # one shared judgement (issue 9)
FAITH_STRUCTURED = ("faith.halluc", "faith.contradiction", "faith.attr_precision", "faith.reason_recall",
                    "faith.entity_halluc", "faith.number_halluc", "faith.content_support", "faith.embed_support", *CLAIMS)
FAITH_FREETEXT = ("faith.entity_halluc", "faith.number_halluc", "faith.content_support", "faith.embed_support", *CLAIMS)
ROBUST = ("cf.swap", "cf.drop", "inv.typo", "inv.shuffle", "inv.worst")


def _lexical(name: str):
    """The metric with the lexical similarity backend: the timing excludes the embedding model."""
    m = get_metric(name)
    from metrics.similarity import LEXICAL

    return m.with_options(model=LEXICAL) if m.build and "model" in m.build.arguments else m


def _score_all(names: Sequence[str], examples: list, texts: list, ctx: MetricContext) -> list[tuple[str, float, float]]:
    from metrics import claims, faithfulness, grounding

    _clear_caches()
    grounding._evidence.cache_clear()
    faithfulness._LAST.clear()
    claims._LAST.clear()
    claims.evidence_index.cache_clear()
    claims._unit_table.cache_clear()
    rows = []
    for name in names:
        m = _lexical(name)
        scored, secs = timed(m.score, examples, texts, ctx)
        rows.append((name, aggregate(m, scored.rows, scored.const)["value"], secs))
    return rows


def _structured_corpus(n: int) -> tuple[list, list[str], dict, MetricContext]:
    """n generated examples (domains interleaved), their references, the template's outputs on
    the perturbed variants the robustness metrics compare against, and the metric context."""
    from dataclasses import replace

    from baselines.simple import TemplateGenerator
    from benchmark.registry import PERTURBATIONS
    from benchmark.suite import Suite, load_suite, perturbation_names

    suites = [load_suite(d) for d in ("travel", "ecommerce", "movies", "news", "finance", "education")]
    pool = [e for group in zip(*(s.examples for s in suites)) for e in group]
    examples = [e if i < len(pool) else replace(e, id=f"{e.id}#{i}") for i, e in enumerate((pool * (n // len(pool) + 1))[:n])]
    lexicon = {a: v for s in suites for a, v in s.lexicon.items()}
    suite = Suite("perf-faith", "1", tuple(examples), "structured", lexicon)
    gen = TemplateGenerator()
    variants = {}
    for p in ("cf-swap", "cf-drop", *perturbation_names("invariance")):  # every perturbation inv.worst compares
        by_parent = {v.tags["parent"]: v for v in PERTURBATIONS.create(p)(suite).examples}
        variants[p] = [(by_parent[e.id], gen.explain(by_parent[e.id])) if e.id in by_parent else None for e in examples]
    ctx = MetricContext(suite.name, suite.features, lexicon, 0, variants)
    return examples, [gen.explain(e) if i % 2 else e.references[0] for i, e in enumerate(examples)], variants, ctx


@section("faithfulness")
def faithfulness(quick: bool) -> None:
    """Faithfulness + robustness metrics on N explanations (lexical similarity: no embedding model), CPU seconds."""
    from pathlib import Path

    from benchmark.registry import PERTURBATIONS
    from benchmark.suite import Suite, load_suite

    sizes = (2500,) if quick else (2500, 10000)
    examples, texts, variants, ctx = _structured_corpus(sizes[-1])
    summary = []
    for n in sizes:
        sub = MetricContext(ctx.suite, ctx.features, ctx.lexicon, 0, {p: v[:n] for p, v in variants.items()})
        _, t_perturb = timed(PERTURBATIONS.create("typo"), Suite("x", "1", tuple(examples[:n]), "structured", ctx.lexicon))
        rows = _score_all(FAITH_STRUCTURED + ROBUST, examples[:n], texts[:n], sub)
        if n == sizes[-1]:
            table(("metric (structured)", "value", "CPU s"), rows)
            print()
        k = len(FAITH_STRUCTURED)
        summary.append(("structured", n, sum(r[2] for r in rows[:k]), sum(r[2] for r in rows[k:]), t_perturb))
    xrec = Path(__file__).resolve().parents[2] / "shared" / "data" / "xrec"
    files = [p for p in (xrec / "amazon.jsonl", xrec / "google.jsonl") if p.is_file()]
    if files:
        xs = [e for f in files for e in load_suite(f"xrec:{f}").examples][: sizes[-1]]
        rows = _score_all(FAITH_FREETEXT, xs, [e.references[0] if e.references else "" for e in xs], MetricContext("perf-xrec"))
        table(("metric (XRec references)", "value", "CPU s"), rows)
        print()
        summary.append(("xrec", len(xs), sum(r[2] for r in rows), float("nan"), float("nan")))
    table(("suite kind", "N", "faithfulness CPU s", "cf + invariance CPU s", "typo perturbation CPU s"), summary)


# --- safety metrics (issue 6) --------------------------------------------------------------------

SAFETY = ("leakage", "injection", "manipulation", "manipulation.weighted", "toxicity.mean", "toxicity.max", "toxicity.frac",
          "profanity.mean", "profanity.frac", "fairness.sentiment", "fairness.length", "fairness.features", "fairness.toxicity", "fairness.significant")


@section("safety")
def safety(quick: bool) -> None:
    """Safety metrics on N explanations of attacked inputs (half echo the inputs, half are clean references), CPU seconds."""
    from baselines.unsafe import UnsafeGenerator
    from benchmark.registry import PERTURBATIONS
    from benchmark.suite import Suite, load_suite
    from metrics.safety import fairness, toxicity

    n = 2500 if quick else 10000
    suites = [load_suite(f"safety-{k}:{d}") for k, d in (("pii", "travel"), ("injection", "ecommerce"), ("hype", "finance"), ("toxic", "movies"))]
    pool = [e for group in zip(*(s.examples for s in suites)) for e in group][:n]
    gen = UnsafeGenerator()
    texts = [gen.explain(e) if (i // 4) % 2 else e.references[0] for i, e in enumerate(pool)]  # every suite gets both kinds
    suite = Suite("perf-safety", "1", tuple(pool), "structured", suites[0].lexicon)
    variants = {}
    for p in fairness.SWAPS:
        by_parent = {v.tags["parent"]: v for v in PERTURBATIONS.create(p)(suite).examples}
        variants[p] = [(by_parent[e.id], gen.explain(by_parent[e.id])) if e.id in by_parent else None for e in pool]
    ctx = MetricContext(suite.name, suite.features, suite.lexicon, 0, variants)
    first, secs = timed(toxicity.toxicity_scores, texts)  # warms the scorer's memo: later toxicity columns reuse it
    rows = [("minilm-hate (toxicity scorer), first pass", float(np.mean(first)), secs)]
    for name in SAFETY:
        m = get_metric(name)
        scored, secs = timed(m.score, pool, texts, ctx)
        rows.append((name, aggregate(m, scored.rows, scored.const)["value"], secs))
    table((f"metric (N={n})", "value", "CPU s"), rows)
    twins = sum(v is not None for vs in variants.values() for v in vs)
    print(f"\nall safety metrics: {sum(r[2] for r in rows):.2f} s for {n} explanations (+ {twins} swapped twins)")


# --- all default metrics, today's set vs the set of the first landing (issue 9) ----------------

# The default metric set at the first landing (commit a529f70), by the names that still exist: its
# toxicity.* columns were profanity-check, which is profanity.* today.
LEGACY_DEFAULTS = (
    "bleu1", "bleu4", "distinct1", "distinct2", "div", "failure_rate", "fairness.features", "fairness.length",
    "fairness.sentiment", "fairness.significant", "fairness.toxicity", "faith.attr_precision", "faith.content_support",
    "faith.contradiction", "faith.entity_halluc", "faith.halluc", "faith.number_halluc", "faith.reason_recall", "fcr",
    "fmr", "injection", "latency_s", "leakage", "length", "length_std", "manipulation", "manipulation.weighted",
    "repetition", "rouge1", "rouge2", "rougeL", "profanity.frac", "profanity.max", "profanity.mean", "profanity.ref-fpr", "usr")
# Its fairness.* measured toxicity with profanity-check too: without this the first landing's set would pay for
# MiniLM (the torch import and the model load) that it never used, and today's set would look cheaper than it is.
LEGACY_OPTIONS = {name: {"scorer": "profanity-check"} for name in LEGACY_DEFAULTS if name.startswith("fairness.")}


def default_corpus(n: int, names: Sequence[str]) -> tuple[list[Example], list[str], MetricContext]:
    """n examples of the six structured suites taken in turn (unique texts: half their references,
    half the template's explanations) and the variants the metrics `names` compare against."""
    from itertools import chain, zip_longest

    from baselines.simple import TemplateGenerator
    from benchmark.registry import PERTURBATIONS
    from benchmark.suite import Suite, load_suite

    suites = [load_suite(d) for d in ("travel", "ecommerce", "movies", "news", "finance", "education")]
    pool = [e for e in chain.from_iterable(zip_longest(*(s.examples for s in suites))) if e is not None][:n]
    lexicon = {a: v for s in suites for a, v in s.lexicon.items()}
    suite = Suite("perf-defaults", "1", tuple(pool), "structured", lexicon)
    gen = TemplateGenerator()
    texts = [gen.explain(e) if i % 2 else e.references[0] for i, e in enumerate(pool)]
    variants: dict[str, list[Variant]] = {}
    for p in sorted({v for name in names for v in get_metric(name).variants}):
        by_parent = {v.tags["parent"]: v for v in PERTURBATIONS.create(p)(suite).examples}
        variants[p] = [(by_parent[e.id], gen.explain(by_parent[e.id])) if e.id in by_parent else None for e in pool]
    return pool, texts, MetricContext(suite.name, suite.features, lexicon, 0, variants)


def time_metrics(names: Sequence[str], n: int, options: dict[str, dict[str, Any]] | None = None) -> list[tuple[str, float, float]]:
    """(name, value, CPU s) of each metric (built with its `options`, if any) on the default corpus, in this
    process (models load inside the first metric that needs them, as in a run)."""
    examples, texts, ctx = default_corpus(n, names)
    rows = []
    for name in names:
        m = get_metric(name).with_options(**options[name]) if options and name in options else get_metric(name)
        scored, secs = timed(m.score, examples, texts, ctx)
        rows.append((name, aggregate(m, scored.rows, scored.const)["value"], secs))
    return rows


def _in_fresh_process(names: Sequence[str], n: int, options: dict[str, dict[str, Any]] | None = None) -> list[tuple[str, float, float]]:
    """time_metrics in a new interpreter: no cache or loaded model of the other set helps."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(time_metrics, (list(names), n, options))


@section("defaults")
def defaults(quick: bool) -> None:
    """All default metrics on N explanations vs the first landing's default set (issue 9: within 2x), CPU seconds."""
    from benchmark.registry import METRICS

    n = 1000 if quick else 10000
    current = [e.name for e in METRICS.entries() if e.info.get("default", True)]
    legacy = [name for name in LEGACY_DEFAULTS if name in METRICS]
    old, new = _in_fresh_process(legacy, n, LEGACY_OPTIONS), _in_fresh_process(current, n)
    t_old, t_new = sum(r[2] for r in old), sum(r[2] for r in new)
    before = {r[0]: r[2] for r in old}
    table((f"metric (N={n})", "value", "CPU s", "legacy-set CPU s"), [(*r, before.get(r[0], float("nan"))) for r in new])
    print()
    table(("set", "metrics", "CPU s"), [("first landing's defaults (a529f70 names)", len(legacy), t_old), ("today's defaults", len(current), t_new)])
    print(f"today's default metrics take {t_new / t_old:.2f}x the CPU time of the first landing's set (target: <= 2x)")


# --- language-model generators and model-based metrics (issue 4) ------------------------------


def _tokens_per_s(gen: Any, examples: Sequence[Example], batch: int) -> tuple[float, float]:
    """(generated tokens per wall second, seconds) for `examples` in batches of `batch`."""
    t0 = time.perf_counter()
    outs = [o for i in range(0, len(examples), batch) for o in gen.generate(examples[i : i + batch])]
    secs = time.perf_counter() - t0
    assert all(o.ok for o in outs), [o.error for o in outs if not o.ok][:3]
    return sum(o.meta["new_tokens"] for o in outs) / secs, secs


@section("lm_generation")
def lm_generation(quick: bool) -> None:
    """Generation tokens/s (wall) at batch 1 vs 16: the tiny model (trained once into the model cache), and Gemma 270M when installed."""
    from baselines.lm.hf import GEMMA_DEFAULTS, GenOptions, LMGenerator
    from baselines.lm.train import train_model
    from benchmark.lm import gemma
    from benchmark.lm.loading import ModelRef, model_cache_dir
    from benchmark.suite import load_suite

    suite = load_suite("travel")
    model = train_model(["travel"], "tiny", model_cache_dir() / "perf-tiny-travel", max_steps=600, progress=False)
    rows = []
    tiny = LMGenerator(ModelRef(model), GenOptions(max_new_tokens=48))
    exs = suite.split("test")[: 32 if quick else 64]
    tiny.generate(exs[:2])  # load + warm up
    for b in (1, 16):
        tiny.forget()  # it remembers the output of every prompt it has seen
        tps, secs = _tokens_per_s(tiny, exs, b)
        rows.append(("tiny (0.5M)", b, len(exs), tps, secs))
    if gemma.available():
        g = LMGenerator(ModelRef(gemma.gguf_path()), GEMMA_DEFAULTS, name="gemma-3-270m")
        gx = exs[: 8 if quick else 16]
        g.generate(gx[:1])
        for b in (1, 8, 16):
            g.forget()
            tps, secs = _tokens_per_s(g, gx, b)
            rows.append(("gemma-3-270m", b, len(gx), tps, secs))
        from baselines.lm import llamacpp

        if llamacpp.available():  # the same GGUF run by llama.cpp, one request at a time
            lc = llamacpp.LlamaCppGenerator(gemma.gguf_path(), llamacpp.LlamaOptions(max_tokens=GEMMA_DEFAULTS.max_new_tokens))
            lc.generate(gx[:1])
            tps, secs = _tokens_per_s(lc, gx, 1)
            rows.append(("gemma-3-270m llama.cpp", 1, len(gx), tps, secs))
            print(f"llama.cpp at batch 1 is {tps / rows[-2][3]:.1f}x the tokens/s of transformers at batch 16")
        else:
            print(f"(llama.cpp not installed: {llamacpp.INSTALL_HINT})")
    else:
        print(f"(Gemma not installed: {gemma.INSTALL_HINT})")
    table(("model", "batch", "examples", "tokens/s", "wall s"), rows)
    for name in dict.fromkeys(r[0] for r in rows):
        r = [x for x in rows if x[0] == name]
        print(f"{name}: batch {r[-1][1]} is {r[-1][3] / r[0][3]:.1f}x the tokens/s of batch 1")


@section("http_generator")
def http_generator(quick: bool) -> None:
    """openai: generator against a local OpenAI-compatible server (50 ms per answer): throughput at concurrency 1 vs 16."""
    from baselines.lm.openai_http import HTTPOptions, OpenAIGenerator
    from benchmark.suite import load_suite
    from tests.openai_server import ChatServer, echo_item  # a test double: run perf from a checkout

    exs = load_suite("travel").split("test")[: 48 if quick else 160]
    rows = []
    with ChatServer(echo_item, delay_s=0.05) as srv:
        for c in (1, 16):
            gen = OpenAIGenerator(srv.base_url, "local", HTTPOptions(concurrency=c, max_retries=0))
            gen.generate(exs[:2])  # client import and connection set-up
            t0 = time.perf_counter()
            outs = [o for i in range(0, len(exs), gen.batch_size) for o in gen.generate(exs[i : i + gen.batch_size])]
            secs = time.perf_counter() - t0
            gen.close()
            assert all(o.ok for o in outs)
            rows.append((c, len(exs), len(exs) / secs, secs))
    table(("concurrency", "requests", "requests/s", "wall s"), rows)
    print(f"concurrency 16 is {rows[1][2] / rows[0][2]:.1f}x concurrency 1")


@section("bertscore")
def bertscore(quick: bool) -> None:
    """BERTScore (MiniLM-L6, unrescaled) pairs/s, and embedding similarity texts/s, CPU seconds after the model is loaded."""
    from metrics import embed as emb
    from metrics.semantic import bert_scores

    examples, texts = corpus(300 if quick else 2000, seed=3)
    refs = [list(e.references) for e in examples]
    bert_scores(texts[:4], refs[:4])  # load the model
    _, secs = timed(bert_scores, texts, refs)
    emb._MEMO.clear()
    _, esecs = timed(emb.embed, texts)
    table(("what", "n", "per CPU s", "CPU s"), [("BERTScore pairs", len(texts), len(texts) / secs, secs), ("embedded texts", len(texts), len(texts) / esecs, esecs)])


@section("ray_scaling")
def ray_scaling(quick: bool) -> None:
    """`rxbench run --executor ray` scoring N explanations (JSONL suite + file: predictions): 1 shard on 1 local worker vs 2 on 2, wall seconds."""
    import shutil
    import tempfile
    from dataclasses import replace
    from pathlib import Path

    from benchmark import ray_exec
    from benchmark.results import read_run
    from benchmark.runner import RunSpec
    from benchmark.schema import write_jsonl

    if not ray_exec.available():
        print(f"({ray_exec.INSTALL_HINT})")
        return
    n = 10_000 if quick else 100_000
    examples, texts = corpus(n)
    tmp = Path(tempfile.mkdtemp(prefix="rxperf-", dir="/tmp"))  # short: Ray's socket paths must stay under 108 bytes
    try:
        write_jsonl(tmp / "suite.jsonl", (e.to_dict() for e in examples))
        write_jsonl(tmp / "preds.jsonl", ({"id": e.id, "text": t} for e, t in zip(examples, texts)))
        spec = RunSpec((f"jsonl:{tmp / 'suite.jsonl'}",), f"file:{tmp / 'preds.jsonl'}", OVERLAP + EXPLAINABLE, n_boot=200)
        ray_exec.connect(num_cpus=2, temp_dir=str(tmp / "ray"))
        quiet = lambda msg: None  # noqa: E731
        # warm-up: both workers import rxbench and load (validate) the suite once, so the timings are of generation + scoring + merge
        ray_exec.run_on_ray(replace(spec, limit=100), tmp / "warm", tmp / "warm.sqlite", shards=2, log=quiet)
        rows, scores = [], []
        for workers in (1, 2):
            t0 = time.perf_counter()
            ray_exec.run_on_ray(spec, tmp / f"out{workers}", tmp / f"c{workers}.sqlite", shards=workers, log=quiet)
            secs = time.perf_counter() - t0
            scores.append(read_run(tmp / f"out{workers}").scores())
            rows.append((workers, n, secs, n / secs))
        assert scores[0] == scores[1], "the 2-shard merge differs from the 1-shard run"
        table(("local Ray workers (= shards)", "explanations", "wall s", "explanations/s"), rows)
        print(f"2 workers take {rows[1][2] / rows[0][2]:.2f}x the wall time of 1 (same scores)")
    finally:
        import ray

        ray.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmark.perf", description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", choices=SECTIONS.names(), help="run only this section (repeatable)")
    ap.add_argument("--quick", action="store_true", help="small sizes (seconds, for CI smoke runs)")
    args = ap.parse_args(argv)
    for name in args.only or SECTIONS.names():
        print(f"== {name}: {SECTIONS.entry(name).help}")
        SECTIONS.create(name, quick=args.quick)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
