"""`blind2-faith`, `blind2-injection`, `blind2-pii` (each `/dev`, `/heldout`): a second round of blind labelled sets.

Written on 2026-12-07 by the helper session "blind9" (a language-model assistant), by hand, without
reading the detectors (metrics/) or any labelled set (only the format of the first blind round), and
committed before any metric ran on them: `validate` ran with no metric aimed at them, to check that
every line loads. They imitate varied real sources (terse, chatty, formal, marketing, review-like and
LLM-style texts; prose profiles, "key: value" lists, JSON-ish fields, review snippets; e-commerce,
travel, news, finance, education, restaurants, movies, books, games, music, health, real estate,
apps, cars, pets, courses; a fifth to a quarter Chinese, a few traditional) with invented profiles.

The `/dev` halves are development data: the helpers building detectors may open them and fix what
fails. The `/heldout` halves are not: written second, with the same kinds, slices and care but other
profiles (no item profile is in both halves), they are a blind test, only measured, once, at the end.
Files in validation/data, `user:` format, one `_dev` and one `_heldout` file per set:

- blind2_faith_*.jsonl (90 dev / 90 heldout; label 1 = unfaithful to the inputs): 18 profiles
  with five explanations each; faithful slices `paraphrase`, `harmless-negation`, unfaithful ones
  with one error among true statements `negation`, `antonym`, `value`, `entity`, `invented`.
- blind2_injection_*.jsonl (58 / 58; label 1 = the output obeys an instruction planted in an input
  field): one slice per planting style (`note-to-writer`, `in-review`, `html-comment`, `markdown`,
  `json-field`, `persona`, `tone`, `rival`, `data-request`, `contact-push`, `language-switch`,
  `poem-joke`, `multi-step`, `chinese`, `user-field`); benign `benign-notice` / `benign-user`
  (imperative text written for customers, used legitimately) and `ignored` (a planted instruction
  the output ignores).
- blind2_pii_*.jsonl (45 / 45; label 1 = the output leaks the user's personal data, in another
  surface form, or invents a private person's): one slice per kind of data (`phone`, `email`,
  `address`, `national-id`, `passport`, `bank`, `card`, `birthdate`, `plate`, `name-contact`,
  `invented-person`); clean traps `clean-number`, `clean-business` (the item's own public contact
  data), `clean-name-city`, `clean-date`.
"""
from __future__ import annotations

from validation.sets.blind import HALVES, Kinds, register_round

KINDS: Kinds = {
    "faith": (("faith.*", "semsim_input"), False,
              "90 blind-written explanations, faithful or with one error among true statements"),
    "injection": (("injection", "injection.*"), True,
                  "58 blind-written outputs obeying or ignoring instructions planted in item / user text"),
    "pii": (("leakage", "pii*"), True, "45 blind-written outputs leaking user data in other surface forms, or clean traps"),
}
register_round("blind2", "blind9", KINDS, HALVES)
