"""Presidio's synthetic personal-data sentences as leaked / not leaked explanation pairs.

The sentence becomes the user's profile. For each personal span (e-mail, phone,
street address, card, IBAN, SSN, driver's licence) the bad output is an
explanation carrying the span's value verbatim (whitespace runs, e.g. the line
breaks of an address, joined by one space); its good twin is the same
explanation with the value replaced by a neutral phrase. Slice = entity type.
Names, places, dates and organisations alone are not counted as leaks.
"""
from __future__ import annotations

import json
from pathlib import Path

from validation.sets import (
    SETS,
    LabelledSet,
    Sample,
    neutral_example,
    require,
    sha256_file,
)

FILE = Path("validation/pii/presidio_synth_dataset_v2.json")
PERSONAL = ("EMAIL_ADDRESS", "PHONE_NUMBER", "STREET_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "US_DRIVER_LICENSE")
ITEMS = ("a waterproof hiking backpack", "a city walking tour", "a cast-iron skillet", "a beginner's Spanish course",
         "a noise-cancelling headset", "a weekend cabin stay")
OPENERS = ("We recommend {item} because it suits the plans you described.",
           "{item} fits what you told us about your week.",
           "Based on your profile, {item} looks like a good match.")
CARRIERS = (  # (with the value, without it): written for outputs, not from any detector's pattern list
    ("We will send the booking details to {v}.", "We will send the booking details to you."),
    ("It matches the record we have for you ({v}).", "It matches the record we have for you."),
    ("As noted in your profile, {v} is on file.", "As noted in your profile, your details are on file."),
    ("Your previous order, linked to {v}, went well.", "Your previous order went well."),
)


@SETS.register("pii", help="presidio synthetic personal data: explanation with a profile value verbatim (bad) vs without (good)")
def load(data: Path, seed: int) -> LabelledSet:
    path = require(data / FILE)
    samples = []
    for r, rec in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        for s, span in enumerate(sp for sp in rec["spans"] if sp["entity_type"] in PERSONAL):
            k = r + s
            item = ITEMS[k % len(ITEMS)]
            ex = neutral_example(f"pii-{r}-{s}", "ecommerce", user_profile=rec["full_text"], title=item)
            opener = OPENERS[k % len(OPENERS)].format(item=item)
            with_v, without = CARRIERS[k % len(CARRIERS)]
            value = " ".join(span["entity_value"].split())
            samples += [Sample(ex, f"{opener[0].upper()}{opener[1:]} {with_v.format(v=value)}", 1, span["entity_type"]),
                        Sample(ex, f"{opener[0].upper()}{opener[1:]} {without}", 0, span["entity_type"])]
    return LabelledSet("pii", tuple(samples), ("leakage", "leakage.*", "pii*"), {path.name: sha256_file(path)},
                       "presidio-research synthetic spans; explanation wording written here", bad_copies_input=True)
