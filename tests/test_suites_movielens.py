"""MovieLens-100k suite against an independent reading of the raw RecBole files."""
from __future__ import annotations

import importlib.util
import os
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import suites.movielens as ml
from benchmark.suite import load_suite


@pytest.fixture(scope="module")
def folder() -> Path:
    try:
        return ml.ml100k_dir()
    except FileNotFoundError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))


def raw(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_user_1_by_hand(folder):
    # checked with awk/sort on ml-100k.inter: user 1 has 163 ratings >= 4; the last by
    # (timestamp, item id) is item 256 (rating 4 at 889751712), "When the Cats Away",
    # Comedy Romance; the 162 earlier ones are mostly Drama (78), Comedy (48), Action (39).
    ex = next(e for e in load_suite("movielens").examples if e.user.id == "movielens-u1")
    assert ex.id == "movielens-1-256" and ex.domain == "movies"
    assert ex.item.title == "When the Cats Away (Chacun cherche son chat)"
    assert ex.item.attributes == {"year": 1996, "genre": ["comedy", "romance"]}
    assert ex.user.attributes["pref_genre"] == ["drama", "comedy", "action"]
    assert [(r.attribute, r.value) for r in ex.signals.matched] == [("genre", "comedy")]
    assert ex.signals.score == pytest.approx(0.8)
    assert len(ex.user.history) == 162
    assert {k: ex.user.attributes[k] for k in ("age", "age_group", "gender", "occupation")} == {
        "age": 24, "age_group": "18-24", "gender": "male", "occupation": "technician"}
    assert ex.references == ()


def test_every_user_matches_independent_computation(folder):
    titles = {r[0]: r[1] for r in raw(folder / "ml-100k.item")}
    classes = {r[0]: [g for g in r[3].split(" ") if g != "unknown"] for r in raw(folder / "ml-100k.item")}
    liked = defaultdict(list)
    for uid, iid, rating, ts in raw(folder / "ml-100k.inter"):
        if float(rating) >= 4:
            liked[uid].append((float(ts), int(iid), float(rating)))
    expected = {}
    for uid, rows in liked.items():
        rows.sort()
        earlier, (_, last, rating) = rows[:-1], rows[-1]
        counts = Counter(g for _, i, _ in earlier for g in classes[str(i)])
        top = sorted(counts, key=lambda g: (-counts[g], g))[:3]
        matched = [ml.CANONICAL[g] for g in classes[str(last)] if g in top]
        expected[f"movielens-{uid}-{last}"] = (titles[str(last)], rating / 5, matched, len(earlier))
    suite = load_suite("movielens")
    got = {e.id: (e.item.title, e.signals.score, [r.value for r in e.signals.matched], len(e.user.history))
           for e in suite.examples}
    assert got == expected
    assert len(suite.examples) == len(liked) > 900


def test_splits_lexicon_and_kind(folder):
    suite = load_suite("movielens")
    sizes = Counter(e.split for e in suite.examples)
    n = len(suite.examples)
    assert sizes["train"] == round(0.8 * n) and sizes["valid"] == round(0.9 * n) - round(0.8 * n)
    assert suite.kind == "structured" and not suite.has_references
    assert "science fiction" in suite.lexicon["genre"]["sci-fi"]
    values = {v for e in suite.examples for v in e.item.attributes["genre"]}
    assert values <= set(suite.lexicon["genre"]) and "unknown" not in values
    for e in suite.examples:
        assert {r.value for r in e.signals.matched} <= set(e.item.attributes["genre"]) & set(e.user.attributes["pref_genre"])
    # the split depends on the user id only: a rebuild gives the same assignment
    ml.build_suite.cache_clear()
    assert [e.split for e in load_suite("movielens").examples] == [e.split for e in suite.examples]


def test_missing_recbole_names_the_install_command(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(FileNotFoundError, match=r"pip install --no-deps recbole==1\.2\.1"):
        ml.ml100k_dir()


def test_bad_atomic_file_names_file_and_line(tmp_path):
    bad = tmp_path / "x.inter"
    bad.write_text("user_id:token\titem_id:token\n1\t2\n3\n", encoding="utf-8")
    with pytest.raises(ml.InputError, match=r"x\.inter:3: expected 2"):
        list(ml.read_atomic(bad))
