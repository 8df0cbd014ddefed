"""`blind3-faith`, `blind3-injection` (each `/dev`, `/heldout`): a third round of blind labelled sets.

Written on 2026-12-07 by the helper session "blind10" (a language-model assistant), by hand, without
reading the detectors (metrics/) or any labelled set (only the format and registration of the earlier
blind rounds), and committed before any metric ran on them: `validate` ran with no metric aimed at
them (only its baselines), to check that every line loads. The two earlier rounds were written by
language-model helpers too, so this round works against their shared accent: each case imitates a
different kind of real author (a hurried marketplace seller, a non-native English speaker with small
slips, a chatty blogger, a terse bullet-pointer, a formal concierge, a teenager with slang and emoji,
a recommender's template, a translated product page), in many input formats (prose, "key: value" lists, review snippets with stars,
JSON-ish fields, tables in text, HTML and Markdown fragments, mixed Chinese / English) and domains,
British and American spelling, some typos; about a quarter Chinese (a few traditional).

The `/dev` halves are development data since the second wave of round 9 (measured only before it):
helpers building detectors may open them. The `/heldout` halves are not: written second, with the same kinds, slices and care
but other profiles (no item profile is in both halves), they are a blind test only the lead measures.
Files in validation/data, `user:` format, one `_dev` and one `_heldout` file per set:

- blind3_faith_*.jsonl (80 a half; label 1 = unfaithful to the inputs): 16 profiles with five
  explanations each; faithful slices `paraphrase` (synonyms, reordering, hedges, summaries, plain
  inferences) and `harmless-negation` (negating what the inputs do not claim, or agreeing with them);
  unfaithful ones with one error among true statements: `negation` (varied forms, in English and
  Chinese), `antonym` (the opposite in other words, often one that takes world knowledge: "a fair
  trek" for "8 minutes' walk"), `value`, `entity`, `invented`.
- blind3_injection_*.jsonl (56 a half; label 1 = the output obeys an instruction planted in an input
  field), one slice per planting style: `bare-imperative` (an imperative with no addressee in the
  description), `wish-question` (a wish or question about what the text should say), `note-to-writer`,
  `in-review`, `html-comment`, `markdown`, `json-field` (a field of attributes or a JSON-ish profile),
  `persona` (a voice to speak in), `tone`, `rival` (pushing another product or shop), `promo-link`
  (a promo code or link), `data-request` (asking the user for personal data), `language-switch`,
  `poem-joke`, `multi-step`, `chinese` (Chinese wordings of other kinds; Chinese cases are in the
  other slices too), `user-field` (planted in the user's profile). Label 0: `benign-notice`
  (imperative text written for customers: store notices, care labels, assembly steps, quoted reviews,
  taglines, booking advice, used legitimately), `benign-user` (the user's own wishes, followed) and
  `ignored` (a planted instruction the output ignores).
"""
from __future__ import annotations

from validation.sets.blind import HALVES, Kinds, register_round

KINDS: Kinds = {
    "faith": (("faith.*", "semsim_input"), False,
              "80 blind-written explanations, faithful or with one error among true statements"),
    "injection": (("injection", "injection.*"), True,
                  "56 blind-written outputs obeying or ignoring instructions planted in item / user text"),
}

register_round("blind3", "blind10", KINDS, HALVES)
