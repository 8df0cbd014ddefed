"""Clauses and negation scope: which words a text states, and which it denies.

Why: "the rooms are quiet" and "the rooms are not quiet" share every content
word, so overlap and sentence embeddings cannot tell them apart; the polarity
of each word can. A negation cue (not, no, never, n't, without, hardly, rarely,
lacks, far from, anything but, ...) denies the words after it up to the end of its clause: a
punctuation mark, a contrastive or causal conjunction, or "and" that starts a
new clause ("and the staff ..."); a cue that denies a noun phrase ("no", "nothing", "never a") denies
that phrase only (_NP_END). What a verb of aversion governs ("dislikes large crowds") is denied too: the
user wants none of it, and so is the first part of a "-free" compound ("grain-free"). Fixed phrases that deny nothing ("not only",
"no doubt", "can't wait") are not cues. An attribute line of the inputs whose
value is false/no/none ("pets allowed: false") denies its key words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as _STOP

from benchmark.lang import has_han, simplified
from metrics.mentions import visible

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[.,;:!?()\[\]\u2014\u2013\"\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f]|\s-\s")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# A cue denies what follows; the n't forms are split off their verb below.
CUES = frozenset({
    "not", "no", "never", "n't", "without", "hardly", "barely", "scarcely", "nor", "neither", "none", "nothing",
    "nobody", "nowhere", "lacks", "lack", "lacking", "lacked", "cannot", "isnt", "dont", "doesnt", "wont", "cant",
    "rarely", "seldom",
    "不", "没", "没有", "无", "未", "非", "别", "毫无", "并非", "不是", "缺乏", "缺少",  # Chinese (jieba words)
    "不能", "不会", "不用", "不必", "无需", "无须", "不可", "不得", "谈不上", "算不上",  # jieba's fused forms
})
_PHRASE_CUES = (("far", "from"), ("nothing", "like"), ("free", "of"), ("instead", "of"), ("rather", "than"), ("no", "longer"), ("absence", "of"),
                ("anything", "but"))
# Fixed phrases with a cue word that deny nothing.
NOT_CUES = (
    ("not", "only"), ("not", "just"), ("no", "doubt"), ("no", "wonder"), ("n't", "wait"), ("cannot", "wait"), ("n't", "go", "wrong"),
    ("cannot", "go", "wrong"), ("n't", "help"), ("not", "to", "mention"), ("no", "matter"), ("n't", "miss"),
    ("n't", "beat"), ("cannot", "beat"), ("nothing", "but"), ("never", "fails"), ("no", "less"),
)
# Tokens that end a negation scope; "and" only before a word that starts a clause.
_SCOPE_END = frozenset({".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "\u2014", "\u2013", "\"", " - ", "but", "however",
                        "although", "though", "while", "whereas", "yet", "because", "since", "so", "which", "who", "that",
                        "\u3001", "\u3002", "\uff0c", "\uff1b", "\uff1a", "\uff01", "\uff1f", "但", "但是", "而", "却", "不过", "因为"})
# Cues that deny a noun phrase: "no" (Chinese 无) and "never a" / "not any" are determiners, "nothing" / "none"
# pronouns. Past the phrase's first content word a coordinator ends their scope ("no fees and free withdrawals",
# "no fees as well as guaranteed capital", "charges nothing abroad and doubles points"), after a determiner a
# preposition too ("never a problem with the reception" denies no reception); "or" goes on ("no pool or gym").
_DETERMINER_CUES = frozenset({"no", "无"})
_PRONOUN_CUES = frozenset({"nothing", "none"})
_ARTICLE_CUES = frozenset({"not", "n't", "never"})  # determiners before an article: "never a problem", "not any fee"
_ARTICLES = frozenset({"a", "an", "any"})
_NP_END = frozenset({"and", "plus", "as", "along", "together", "以及"})
_PREPOSITIONS = frozenset("with on in at for to from by of about over under near into onto beyond besides except like "
                          "than through across around past within after before during per via towards toward among "
                          "between behind above below inside outside".split())
# A denied event: an auxiliary + cue ("won't", "do not") is followed by a verb; unless that verb says what the
# thing has or is (possession, inclusion, perception of presence, permission), what comes after it is part of the
# event that does not happen, not a thing said to be absent ("you won't be hauling groceries up four floors" says
# nothing against the floors; "it doesn't have a pool" and "don't expect a pool" deny the pool).
_AUXILIARIES = frozenset("do does did will would can could should shall might must may wo ca sha".split())
_FUSED_CUES = frozenset({"cannot", "dont", "doesnt", "didnt", "wont", "cant"})
_ADVERBS = frozenset("even really always ever actually just necessarily usually also exactly quite".split())
_PRESENCE = frozenset(
    "have has had get gets got include includes included contain contains offer offers provide provides feature features "
    "come comes boast boasts find see hear allow allows permit permits accept accepts support supports serve serves sell "
    "sells stock stocks carry carries fit fits work works run runs ship ships expect".split())
_HAN_VERB_CUES = frozenset({"不", "没", "未", "别", "不能", "不会", "不用", "不必", "无需", "无须", "不可", "不得"})
_HAN_ADVERBS = frozenset("能 会 可以 可 要 需要 用 必 该 应该 想 愿意 再 太 很 那么 这么 都 也 每天 总是 一直 经常".split())
_HAN_PRESENCE = frozenset("有 提供 包括 包含 含 含有 配有 设有 带有 附带 配备 支持 允许 接受 是".split())
# Verbs of aversion: what follows them, up to the next punctuation, is what the writer or user wants none of.
AVERSION = frozenset("dislike dislikes disliked hate hates hated avoid avoids avoided detest detests".split())
_CLAUSE_START = frozenset({"the", "a", "an", "it", "its", "they", "their", "this", "these", "those", "there", "he",
                           "she", "his", "her", "you", "your", "we", "our", "i", "my"})
_FALSE = re.compile(r"^\s*([^:\n]{1,80}):\s*(?:false|no|none|n/a|[$\u20ac\u00a3\u00a5]?0(?:\.0+)?)\s*$", re.IGNORECASE | re.MULTILINE)
# Titles whose period ends no sentence ("taught by Dr. Wang": "Wang." alone would name nobody in a clause of its own).
_TITLES = "".join(rf"(?<!\b{t}\.)" for t in ("Dr", "Mr", "Mrs", "Ms", "Mt", "St", "Jr", "Sr", "Prof", "Rev", "vs"))
# Every break starts at whitespace or a comma, or right after 。 ! ? ;: the leading guard says so, so that the
# seven alternatives are tried only there (the same breaks; ~40% less CPU on the 9 MB of the perf set's inputs).
CLAUSE_BREAK = re.compile(
    r"(?:(?=[\s,])|(?<=[\u3002!?;]))(?:"
    rf"(?<=[.!?;]){_TITLES}\s+|(?<=\u3002)|(?<=[!?;])(?=[\u3400-\u9fff])|,(?=\s*(?:但是|但|不过|而|却))|\n+|(?<!\banything)(?<!\bnothing),?\s+(?=(?:but|however|although|though|whereas|while|yet)\b)|,\s+(?=and\s+(?:the|it|its|they|their|this|there|you|he|she)\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Word:
    text: str  # lower case, as written
    start: int  # character offsets in the analysed text
    end: int
    negated: bool
    cue: int  # start offset of the cue that denies it (-1: none)
    event: bool = False  # inside a denied event, past its verb ("won't flood | your inbox"): no fact is denied


def norm(text: str) -> str:
    """The `visible` text with the typographic apostrophe as ' (so "isn\u2019t" splits like "isn't")."""
    return visible(text).replace("\u2019", "'")


def _han_words(run: str, start: int) -> list[tuple[str, int, int]]:
    """jieba's words of a run of Han characters, with offsets, in simplified characters (zhconv) when the
    conversion keeps the run's length. Why: jieba's dictionary is simplified, so it cuts traditional text into
    nonsense ("還附營|養師" for "還附|營養師"), and the two scripts of one word must match each other."""
    import jieba

    simple = simplified(run)
    out, pos = [], start
    for w in jieba.cut(simple if len(simple) == len(run) else run):
        out.append((w, pos, pos + len(w)))
        pos += len(w)
    return out


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(lower-case token, start, end); "isn't" -> "is", "n't"; "can't" -> "ca", "n't"; Chinese
    split into jieba words."""
    out = []
    said = norm(text)
    han = has_han(said)  # one look for the whole text: most have no Han character, so no token needs the per-token look
    for m in _TOKEN.finditer(said):
        t = m.group().lower()
        if han and has_han(t):
            for h in _HAN_RUN.finditer(t):  # Han runs as words, anything else between them as is
                out += _han_words(h.group(), m.start() + h.start())
            rest = _HAN_RUN.sub(" ", t).split()
            out += [(r, m.start(), m.end()) for r in rest]
        elif t.endswith("n't") and len(t) > 3:
            k = m.end() - 3
            out += [(t[:-3], m.start(), k), ("n't", k, m.end())]
        else:
            out.append((t, m.start(), m.end()))
    return out


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


_NOT_CUES, _PHRASES = _by_first(NOT_CUES), _by_first(_PHRASE_CUES)


def _match(toks: list[tuple[str, int, int]], i: int, table: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[str, ...] | None:
    """The phrase of `table` that starts at token i, if any."""
    for p in table.get(toks[i][0], ()):
        if tuple(t for t, _, _ in toks[i : i + len(p)]) == p:
            return p
    return None


def _np_kind(toks: list[tuple[str, int, int]], i: int) -> str | None:
    """How the cue at token i denies a noun phrase: "determiner", "pronoun", or None (it denies a verb or
    an adjective: "not quiet")."""
    t = toks[i][0]
    if t in _PRONOUN_CUES:
        return "pronoun"
    if t in _DETERMINER_CUES or t in _ARTICLE_CUES and i + 1 < len(toks) and toks[i + 1][0] in _ARTICLES:
        return "determiner"
    return None


def _event_start(toks: list[tuple[str, int, int]], i: int) -> int:
    """Offset from which the scope of the cue at token i is a denied event (see _PRESENCE), else -1: the cue follows an
    auxiliary, and its verb (past "have to" / "need to", a progressive "be", adverbs) is no verb of presence."""
    if toks[i][0] in _HAN_VERB_CUES:
        return _han_event_start(toks, i)
    if not (toks[i][0] in _FUSED_CUES or i and toks[i - 1][0] in _AUXILIARIES and toks[i][0] in ("not", "n't")):
        return -1
    j = i + 1
    while j < len(toks) and toks[j][0] in _ADVERBS:
        j += 1
    if j + 1 < len(toks) and toks[j][0] in ("have", "need") and toks[j + 1][0] == "to":
        j += 2
    elif j + 1 < len(toks) and toks[j][0] == "be" and toks[j + 1][0].endswith("ing"):
        j += 1
    if j + 1 >= len(toks) or toks[j][0] in _PRESENCE or toks[j][0] == "be" or not toks[j][0].isalpha():
        return -1
    return toks[j + 1][1]


def _han_event_start(toks: list[tuple[str, int, int]], i: int) -> int:
    """`_event_start` for Chinese: 不 / 没 / 不能 ... deny the predicate that follows them (past modals and adverbs:
    不能, 不太, 不用每天); unless it is a verb of presence (有, 提供, 是 ...), its object is part of the denied event
    ("不方便倒垃圾": inconvenient, not "no rubbish"; "不提供早餐" denies the breakfast)."""
    j = i + 1
    while j < len(toks) and toks[j][0] in _HAN_ADVERBS:
        j += 1
    if j + 1 >= len(toks) or toks[j][0] in _HAN_PRESENCE or not toks[j][0].isalpha():
        return -1
    return toks[j + 1][1]


def _np_ends(t: str, kind: str | None, seen: bool) -> bool:
    """Token t ends the scope of a noun-phrase cue of `kind` once the phrase has a content word (`seen`)."""
    return kind is not None and seen and (t in _NP_END or kind == "determiner" and t in _PREPOSITIONS)


def _scoped(toks: list[tuple[str, int, int]]) -> list[Word]:
    """The words with the scope of the negation cues (see the module doc and _NP_END)."""
    out: list[Word] = []
    cue, skip, kind, seen, event, plain = -1, 0, None, False, -1, False
    for i, (t, s, e) in enumerate(toks):
        if skip:  # the rest of a fixed phrase ("anything but": its "but" ends no scope) or of a phrase cue
            skip -= 1
            out.append(Word(t, s, e, False, -1) if plain else Word(t, s, e, cue >= 0, cue))  # "nothing like": no "like" denied
            continue
        if t in _SCOPE_END or (t == "and" and i + 1 < len(toks) and toks[i + 1][0] in _CLAUSE_START):
            cue = -1
            continue
        if cue >= 0 and _np_ends(t, kind, seen):
            cue, kind = -1, None
        fixed = _match(toks, i, _NOT_CUES)
        if fixed:
            skip, plain = len(fixed) - 1, False
        elif _match(toks, i, _PHRASES):  # before the one-word cues: "nothing like", "no longer"
            cue, kind, seen, event, skip, plain = s, None, False, -1, 1, True
            out.append(Word(t, s, e, False, -1))
            continue
        elif t in CUES:
            cue, kind, seen, event = s, _np_kind(toks, i), False, _event_start(toks, i)
            continue
        if t.isalnum() or "'" in t:
            out.append(Word(t, s, e, cue >= 0, cue, cue >= 0 and 0 <= event <= s))  # Han words are isalnum too
            seen = seen or cue >= 0 and t.isalpha() and t not in _STOP
    return out


def averted(ws: list[Word], text: str) -> list[Word]:
    """The words with what follows a verb of aversion ("dislikes large crowds") marked denied, up to the next
    punctuation: a user who dislikes crowds wants none, so "a tour without crowds" agrees and "lively crowds"
    does not. `text`: the text the offsets index."""
    out: list[Word] = []
    on = -1
    for k, w in enumerate(ws):
        if on >= 0 and text[ws[k - 1].end : w.start].strip():
            on = -1
        out.append(Word(w.text, w.start, w.end, True, on) if on >= 0 and not w.negated else w)
        if w.text in AVERSION and not w.negated:
            on = w.start
    return out


def freed(ws: list[Word], text: str) -> list[Word]:
    """The words with the one before a hyphened "free" ("grain-free", "sugar-free") denied: the compound says the
    thing has none of it, as "no grain" does; one already denied is stated again ("far from microtransaction-free"
    has them). `text`: the text the offsets index."""
    out = list(ws)
    for k, w in enumerate(ws[:-1]):
        nxt = ws[k + 1]
        if nxt.text == "free" and text[w.end : nxt.start] == "-":
            out[k] = Word(w.text, w.start, w.end, not w.negated, -1 if w.negated else nxt.start)
    return out


def words(text: str) -> list[Word]:
    """The words of a text, each marked negated or not (see the module doc), what a verb of aversion governs
    and what a "-free" compound lacks included (`averted`, `freed`)."""
    said = norm(text)
    return freed(averted(_scoped(tokens(text)), said), said)


def denied_keys(text: str) -> list[str]:
    """Keys of attribute lines whose value is false/no/none/0 (or $0)."""
    return [m.group(1) for m in _FALSE.finditer(norm(text))]


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the clauses of a text: sentences, split again before a
    contrastive conjunction and before ", and" + a new subject. Empty pieces are dropped."""
    t = norm(text)
    out, pos = [], 0
    for m in CLAUSE_BREAK.finditer(t):
        if t[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if t[pos:].strip():
        out.append((pos, len(t)))
    return out
