"""metrics/data/wordnet_discourse.txt: verbs of saying / making and nouns of what is said, from WordNet's index.sense."""
from __future__ import annotations

from metrics.data.build_wordnet_verbs import DISCOURSE, discourse

INDEX_SENSE = "\n".join([  # lemma%type:lexname:... offset sense_number tag_count
    "say%2:32:00:: 00000001 1 100",  # verb.communication
    "share%2:40:00:: 00000002 1 62",  # mostly possession ...
    "share%2:32:00:: 00000003 4 1",  # ... 1 of 63 tags communication: no
    "joke%1:10:00:: 00000004 1 10",  # noun.communication
    "card%1:06:00:: 00000005 1 5",  # an artifact 5 times ...
    "card%1:10:00:: 00000006 2 3",  # ... said 3 times: no
    "haiku%1:10:00:: 00000007 1 0",  # untagged, first sense communication
    "limerick%1:15:00:: 00000008 1 0",  # untagged, first sense the city: no
    "limerick%1:10:00:: 00000009 2 0",
])


def test_discourse_keeps_verbs_mostly_of_saying_and_nouns_mostly_said():
    assert discourse(INDEX_SENSE) == ["noun haiku", "noun joke", "verb say"]


def test_the_shipped_list():
    rows = set(DISCOURSE.read_text(encoding="utf-8").splitlines())
    assert {"verb say", "verb describe", "noun fact", "noun joke", "noun question"} <= rows
    assert not {"verb share", "verb book", "noun card", "noun photo", "noun door"} & rows
