"""BERTScore equals the bert-score package's own result; embedding similarity behaves
(identity, paraphrase vs unrelated, closest reference, empty text) and is batch-independent."""
from __future__ import annotations

import numpy as np
import pytest

import metrics.semantic as sem
from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.scoring import MetricContext, aggregate, get_metric
from metrics.embed import embed, model_path

CTX = MetricContext("t")


def _ex(i: int, refs: tuple[str, ...], title: str = "Harbor Hall") -> Example:
    return Example(f"e{i}", "travel", User("u", {}, "Loves swimming and quiet lakeside hotels."),
                   Item("i", title, {"pool": True}, f"{title} is a quiet lakeside hotel with a pool."),
                   Signals(0.9, (Reason("amenities", "pool"),)), refs)


def test_bertscore_equals_the_bert_score_package() -> None:
    from bert_score import score

    cands = ["The hotel has a big swimming pool.", "Cheap rooms near the station.", "ünïcode 東京 hotel"]
    refs = [["A hotel with a swimming pool.", "It is by the lake."], ["Rooms are inexpensive and close to the train station."], ["Tokyo hotel"]]
    exs = [_ex(i, tuple(r)) for i, r in enumerate(refs)]
    p, r, f = score(cands, refs, model_type=str(model_path()), num_layers=6, idf=False, rescale_with_baseline=False)
    for name, expected in (("bertscore_p", p), ("bertscore_r", r), ("bertscore_f1", f)):
        got = get_metric(name).score(exs, cands, CTX).values
        assert got == pytest.approx(expected.tolist(), abs=1e-5), name
    assert "part:f1" in get_metric("bertscore_f1").signature and "model:all-MiniLM-L6-v2" in get_metric("bertscore_f1").signature


def test_bertscore_edge_cases() -> None:
    exs = [_ex(0, ("Has a pool.",)), _ex(1, ()), _ex(2, ("", "  ")), _ex(3, ("", "Has a pool."))]
    s = get_metric("bertscore_f1").score(exs, ["", "Has a pool.", "Has a pool.", "Has a pool."], CTX)
    assert s.values[0] == 0.0  # empty explanation: bert-score's documented 0
    assert s.rows[1] is None and s.rows[2] is None  # no usable reference: not applicable
    assert s.values[3] == pytest.approx(1.0, abs=1e-4)  # empty references are dropped
    huge = "pool " * 5000  # beyond the model's 512 positions: truncated, not a crash
    assert get_metric("bertscore_f1").score([_ex(0, ("Has a pool.",))], [huge], CTX).values[0] > 0


def test_embeddings_are_unit_and_batch_independent() -> None:
    texts = ["A hotel with a pool.", "", "Ωmega 東京 😀", "word " * 2000]
    together = embed(texts)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    sem_alone = np.stack([embed([t])[0] for t in texts])
    assert np.allclose(together, sem_alone, atol=1e-5)


def test_semsim_to_reference() -> None:
    ref = "Harbor Hall has a swimming pool and sits by a quiet lake."
    exs = [_ex(i, (ref, "Totally different sentence about stocks.")) for i in range(4)] + [_ex(4, ())]
    texts = [ref, "This lakeside hotel offers a pool and calm surroundings.", "The stock market fell sharply today.", "", "x"]
    s = get_metric("semsim_ref").score(exs, texts, CTX)
    assert s.values[0] == pytest.approx(1.0, abs=1e-5)
    assert s.values[1] > s.values[2] + 0.2  # paraphrase far closer than an unrelated sentence
    assert s.values[3] == 0.0 and s.rows[4] is None
    assert aggregate(get_metric("semsim_ref"), s.rows, {})["n"] == 4


def test_semsim_to_inputs_prefers_grounded_text() -> None:
    exs = [_ex(0, ()), _ex(1, ())]
    texts = ["Harbor Hall is a quiet lakeside hotel with a pool, right for a swimmer.", "Buy our new phone with a great camera."]
    s = get_metric("semsim_input").score(exs, texts, CTX)
    assert s.values[0] > s.values[1] + 0.2
    assert "Matched: pool" in sem.input_text(exs[0]) and sem.input_text(Example("z", "d", User("u"), Item("i", ""))) == ""
