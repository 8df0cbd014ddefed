"""Labelled twins for the per-claim faithfulness judge (metrics.claims), built by code, and Q².

Why a separate generator: a judge measured on edits made with its own
vocabulary measures itself. The twins here use a hand-written table of
qualities (HAND below: for each adjective, words of the same meaning and
words of the opposite meaning, written for this evaluation, not taken from
WordNet, which the judge uses), a regex negation of the verb, and content
from other records. Each faithful text is paired with edits of one kind:

- none: the title plus the item profile's first sentence, lightly paraphrased
  (suites.perturb), ending ", and it is <quality>" when the profile names one;
- synonym (faithful too): a profile quality replaced by a word of the same meaning;
- negation: the same text ending ", but it is not <quality>", or its first verb negated;
- antonym: a profile quality replaced by a word of the opposite meaning;
- value: a numeric attribute stated with another value (structured suites);
- entity: the item's name replaced by another record's;
- other: a sentence of the most similar other record's item profile appended;
- invented: a sentence naming an amenity / feature the inputs lack appended.

Q² (Honovich et al. 2021): knowledge sentence = item profile, user message =
user profile, response = the text; label consistent or not. Split dev /
held-out by a hash of the topic, so no topic is in both.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from benchmark import seeding
from benchmark.schema import Example, Item, Signals, User
from benchmark.suite import load_suite
from suites.perturb import paraphrase
from validation.sets.qsquared import bad_label, heldout_topics

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
# quality -> (same meaning, opposite meaning); written by hand for this evaluation.
HAND: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "friendly": (("welcoming", "amiable", "warm"), ("rude", "unfriendly", "unwelcoming", "surly")),
    "delicious": (("tasty", "flavorful", "scrumptious"), ("bland", "tasteless", "unappetizing", "disgusting")),
    "tasty": (("delicious", "flavorful"), ("bland", "tasteless", "unappetizing")),
    "clean": (("spotless", "tidy"), ("dirty", "filthy", "grimy")),
    "fresh": (("freshly made",), ("stale",)),
    "affordable": (("inexpensive", "reasonably priced"), ("overpriced", "expensive", "pricey")),
    "cheap": (("inexpensive",), ("expensive", "pricey")),
    "quick": (("speedy", "prompt", "fast"), ("slow", "sluggish")),
    "fast": (("speedy", "prompt", "quick"), ("slow", "sluggish")),
    "spacious": (("roomy", "large"), ("cramped", "poky", "tiny")),
    "quiet": (("peaceful", "calm"), ("noisy", "loud")),
    "attentive": (("caring", "considerate"), ("inattentive", "neglectful")),
    "helpful": (("accommodating", "obliging"), ("unhelpful",)),
    "knowledgeable": (("well-informed", "expert"), ("ignorant", "clueless")),
    "comfortable": (("comfy", "cozy"), ("uncomfortable",)),
    "relaxing": (("restful", "soothing"), ("stressful", "hectic")),
    "authentic": (("genuine",), ("fake", "inauthentic")),
    "excellent": (("superb", "outstanding"), ("poor", "terrible", "mediocre")),
    "professional": (("competent",), ("unprofessional", "sloppy")),
    "efficient": (("effective",), ("inefficient",)),
    "beautiful": (("lovely", "gorgeous"), ("ugly", "unattractive")),
    "convenient": (("handy",), ("inconvenient", "awkward")),
    "large": (("big", "sizable"), ("small", "tiny")),
    "thrilling": (("exciting", "gripping"), ("boring", "dull", "tedious")),
    "exciting": (("thrilling", "gripping"), ("boring", "dull")),
    "engaging": (("captivating", "absorbing"), ("boring", "tedious")),
    "suspenseful": (("gripping", "tense"), ("boring", "predictable")),
    "funny": (("humorous", "hilarious", "witty"), ("humorless", "unfunny")),
    "humorous": (("funny", "witty"), ("humorless", "unfunny")),
    "romantic": (("amorous",), ("unromantic",)),
    "complex": (("intricate", "complicated"), ("simple", "simplistic")),
    "emotional": (("moving", "touching"), ("unemotional", "detached")),
    "dark": (("bleak", "grim"), ("lighthearted", "cheerful")),
    "intense": (("powerful", "gripping"), ("mild", "tame")),
    "unique": (("distinctive", "unusual"), ("generic", "ordinary")),
    "good": (("fine", "decent"), ("bad", "poor")),
    "great": (("wonderful", "fantastic"), ("awful", "terrible")),
    "reasonable": (("fair",), ("unreasonable", "exorbitant")),
    "fun": (("enjoyable", "entertaining"), ("boring", "dull")),
    "popular": (("well-liked",), ("unpopular",)),
    "informative": (("instructive", "educational"), ("uninformative",)),
    "strong": (("compelling", "solid"), ("weak", "flat")),
    "easy": (("simple", "effortless"), ("difficult", "hard")),
    "welcoming": (("friendly", "inviting"), ("unwelcoming", "hostile")),
    "relaxed": (("laid-back", "easygoing"), ("tense", "stressful")),
    "heartwarming": (("touching", "uplifting"), ("depressing", "bleak")),
    "entertaining": (("enjoyable", "fun"), ("boring", "dull")),
    "inexpensive": (("cheap", "affordable"), ("expensive", "overpriced")),
    "hot": (("warm",), ("cold", "lukewarm")),
    "warm": (("cozy",), ("cold", "chilly")),
    "modern": (("contemporary", "up-to-date"), ("outdated", "old-fashioned", "dated")),
    "well-written": (("well-crafted",), ("poorly written", "badly written")),
}
INVENTED = {
    "google": ("They also offer free valet parking and a rooftop pool.", "Live jazz plays every night on the heated patio.",
               "A free shuttle runs to the airport every hour.", "Kids eat free on Tuesdays at the indoor playground."),
    "amazon": ("The book comes with a foreword by a Nobel laureate and full-colour maps.", "It includes an audiobook narrated by the author.",
               "Every chapter ends with a recipe from the characters' kitchen.", "It won a Pulitzer Prize for its chemistry lessons."),
}
_VERB = re.compile(r"\b(is|are|was|were|has|have|offers|serves|provides|features|would|will|can|should)\b", re.IGNORECASE)
_NEG = {"is": "is not", "are": "are not", "was": "was not", "were": "were not", "has": "does not have", "have": "do not have",
        "offers": "does not offer", "serves": "does not serve", "provides": "does not provide", "features": "does not feature",
        "would": "would not", "will": "will not", "can": "cannot", "should": "should not"}
_FIRST = re.compile(r"(.+?[.!?])(?:\s|$)")


@dataclass(frozen=True)
class Twin:
    example: Example
    text: str
    kind: str  # none / synonym (faithful) or the edit kind
    group: str  # the data set: amazon, google, travel, ..., q2

    @property
    def label(self) -> int:
        return int(self.kind not in ("none", "synonym"))


def _word(text: str, word: str) -> re.Match | None:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE)


def _negate_verb(sentence: str) -> str | None:
    m = _VERB.search(sentence)
    return sentence[: m.start()] + _NEG[m.group().lower()] + sentence[m.end() :] if m else None


def xrec_twins(path: Path, split: str, limit: int) -> list[Twin]:
    """Twins from one XRec file's `split` (train: building; test: held-out evaluation)."""
    suite = load_suite(f"xrec:{path}")
    pool = [e for e in suite.split(split) if e.item.profile and e.user.profile]
    domain = path.stem
    profiles = [e.item.profile for e in pool]
    tfidf = TfidfVectorizer(stop_words="english").fit_transform(profiles)
    near = (tfidf @ tfidf.T).toarray()
    titles = sorted({e.item.title for e in pool if e.item.title.strip()})
    out: list[Twin] = []
    for k, ex in enumerate(pool[:limit]):
        rng = seeding.rng("claim-twins", 0, ex.id)
        m = _FIRST.match(ex.item.profile.strip())
        first = (m.group(1) if m else ex.item.profile).strip()
        qualities = [q for q in HAND if _word(ex.item.profile, q)]
        body = paraphrase(f"We recommend {ex.item.title}. {first}", rng, protect=ex.item.title).rstrip(" .")
        q = rng.choice(qualities) if qualities else None
        base = f"{body}, and it is {q}." if q else f"{body}."
        out.append(Twin(ex, base, "none", domain))
        if q:
            same, opposite = HAND[q]
            out.append(Twin(ex, f"{body}, and it is {rng.choice(same)}.", "synonym", domain))
            out.append(Twin(ex, f"{body}, but it is not {q}.", "negation", domain))
            out.append(Twin(ex, f"{body}, and it is {rng.choice(opposite)}.", "antonym", domain))
        else:
            head, _, rest = base.partition(". ")
            neg = _negate_verb(rest)
            if neg:
                out.append(Twin(ex, f"{head}. {neg}", "negation", domain))
        others = [t for t in titles if t.lower() not in ex.input_text().lower() and ex.item.title.lower() not in t.lower()]
        if ex.item.title.strip() and others:
            out.append(Twin(ex, base.replace(ex.item.title, rng.choice(others)), "entity", domain))
        row = near[k].copy()
        row[k] = -1
        donor = pool[int(row.argmax())]
        sent = next((s for s in re.split(r"(?<=[.!?])\s+", donor.item.profile) if s.lower() not in ex.input_text().lower() and len(s.split()) >= 5), None)
        if sent:
            out.append(Twin(ex, f"{base} {sent}", "other", domain))
        out.append(Twin(ex, f"{base} {rng.choice(INVENTED.get(domain, INVENTED['google']))}", "invented", domain))
    return out


def structured_twins(domains: Iterable[str], split: str, limit: int) -> list[Twin]:
    """Changed-value twins on generated suites: the reference plus one numeric attribute, true or changed."""
    out: list[Twin] = []
    for d in domains:
        suite = load_suite(d)
        for ex in suite.split(split)[:limit]:
            nums = [(k, v) for k, v in ex.item.attributes.items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
            if not nums or not ex.references:
                continue
            rng = seeding.rng("claim-twins-value", 0, ex.id)
            key, val = rng.choice(nums)
            wrong = round(val * rng.choice((0.6, 0.75, 1.3, 1.5)) + rng.choice((1, 2)), 1 if isinstance(val, float) else 0)
            wrong = int(wrong) if isinstance(val, int) else wrong
            name = key.replace("_", " ")
            out.append(Twin(ex, f"{ex.references[0]} Its {name} is {val}.", "none", d))
            out.append(Twin(ex, f"{ex.references[0]} Its {name} is {wrong}.", "value", d))
    return out


def q2_cases(path: Path, part: str) -> list[Twin]:
    """Q² responses of one part ("dev" or "heldout": half the topics each, by hash). Group "q2":
    the files labelled by name (dodeca/memnet consistent/inconsistent); "q2-cross": the
    cross-annotation rows (labels read by validation.sets.qsquared.bad_label)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    heldout = heldout_topics([r["topic"] for r in rows])
    out = []
    for r in rows:
        if (r["topic"] in heldout) == (part == "heldout"):
            ex = Example(r["id"], "q2", User("q2-user", profile=r["message"]), Item("q2-item", r["topic"], profile=r["knowledge"]), Signals(0.0, ()), ())
            group = "q2-cross" if r["source"].startswith("cross") else "q2"
            out.append(Twin(ex, r["response"], "inconsistent" if bad_label(r) else "none", group))
    return out


def labels(twins: Sequence[Twin]) -> list[int]:
    return [t.label for t in twins]
