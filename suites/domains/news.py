"""News: articles with a topic section, tags, format and region."""
from __future__ import annotations

import random
from typing import Any, Mapping

from suites.domains.base import DEMOGRAPHICS, AttrSpec, DomainSpec, forms, pick, pick_some

TAGS: dict[str, tuple[str, ...]] = {
    "politics": ("elections", "legislation", "diplomacy"),
    "technology": ("artificial intelligence", "cybersecurity", "smartphones", "startups"),
    "science": ("space exploration", "genetics", "physics"),
    "business": ("markets", "interest rates", "retail"),
    "sports": ("football", "tennis", "the Olympics"),
    "health": ("vaccines", "nutrition", "mental health"),
    "culture": ("cinema", "books", "music"),
    "climate": ("renewable energy", "wildfires", "biodiversity"),
    "world affairs": ("migration", "trade", "diplomacy"),
}
MINUTES = {"short read": (2, 4), "medium-length read": (5, 9), "long read": (10, 25)}

ATTRS = (
    AttrSpec("topic", "cat", forms(
        "politics|politics|~political", "technology|technology|tech", "science|science|~scientific",
        "business|business|~business news", "sports|sports|sport", "health|health",
        "culture|culture|the arts|~arts", "climate|climate|the environment|~environmental",
        "world affairs|world affairs|international affairs|~global affairs"),
        phrases=("coverage of {s}", "a focus on {s}", "reporting on {s}"), profile="Section: {v}.", want="{v}"),
    AttrSpec("tags", "list", forms(
        "elections|elections|~election", "legislation|legislation|new laws", "diplomacy|diplomacy|~diplomatic",
        "artificial intelligence|artificial intelligence|AI", "cybersecurity|cybersecurity|online security",
        "smartphones|smartphones|~smartphone", "startups|startups|start-ups|~startup",
        "space exploration|space exploration|space missions", "genetics|genetics|~genetic", "physics|physics",
        "markets|markets|financial markets|~stock market", "interest rates|interest rates|~interest rate",
        "retail|retail|~retailers", "football|football|soccer", "tennis|tennis", "the Olympics|the Olympics|~Olympic",
        "vaccines|vaccines|vaccination|~vaccine", "nutrition|nutrition|healthy eating", "mental health|mental health",
        "cinema|cinema|~movies", "books|books|literature", "music|music|~musicians",
        "renewable energy|renewable energy|clean energy", "wildfires|wildfires|~wildfire", "biodiversity|biodiversity",
        "migration|migration|~migrants", "trade|trade|trade deals"),
        phrases=("{s}", "a piece on {s}", "news about {s}"), profile="Tags: {v}.", want="news about {v}"),
    AttrSpec("format", "cat", forms(
        "analysis|an analysis|an in-depth analysis|a deep dive|~in-depth",
        "explainer|an explainer|a clear explainer|~explainers",
        "interview|an interview|a Q&A|~interviews",
        "opinion|an opinion piece|an op-ed|a commentary|~opinion",
        "breaking news|breaking news|a breaking story",
        "feature|a feature|a feature story|a magazine-style feature",
        "live blog|a live blog|live updates"),
        profile="Format: {v}.", want="{v} pieces"),
    AttrSpec("source", "cat", forms(
        "The Daily Ledger", "Metro Courier", "Northern Gazette", "The Civic Post", "Harbour Times", "Summit Dispatch",
        "The Evening Record", "Riverside Herald"),
        phrases=("reporting from {s}", "{s} journalism"), profile="Published by {v}.", want="{v}"),
    AttrSpec("region", "cat", forms(
        "local|local", "national|national", "international|international|global",
        "European|European|~Europe", "Asian|Asian|~Asia", "African|African|~Africa", "Latin American|Latin American|~Latin America"),
        phrases=("a {s} angle", "a {s} focus", "a {s} perspective"), profile="Region: {v}.", want="{v} stories"),
    AttrSpec("length", "cat", forms(
        "short read|a short read|a quick read|~brief",
        "medium-length read|a medium-length read|~medium-length",
        "long read|a long read|a lengthy read|~lengthy"),
        profile="Length: {v}.", want="a {v}"),
    AttrSpec("reading_minutes", "num", profile="Reading time: {v} minutes."),
    AttrSpec("free_to_read", "bool", forms("free to read|free access|no paywall|~free-to-read"),
             profile="It is free to read.", want="articles that are {v}"),
    AttrSpec("has_video", "bool", forms("video|video footage|an embedded video|~videos"),
             profile="Includes video.", want="{v}"),
)
A = {a.name: a for a in ATTRS}

OPENERS = ("Inside", "Behind", "Why It Matters:", "How We Got Here:", "What Changed in", "Five Questions About",
           "The Week in", "A Closer Look at", "Rethinking", "The Story of", "Notes on", "Lessons From")
SUBJECTS = ("the City Budget", "the Harbour Project", "the New Rules", "the Northern Plan", "the Long Winter",
            "the River Deal", "the Quiet Vote", "the Bridge Talks", "the Spring Review", "the Great Rebuild",
            "the Council Decision", "the Summer Surge", "the Hidden Costs", "the Next Decade", "the Turning Point")


def sample(rng: random.Random) -> dict[str, Any]:
    topic = pick(rng, TAGS)
    length = pick(rng, MINUTES)
    return {
        "topic": topic,
        "tags": pick_some(rng, TAGS[topic], 1, 2),
        "format": pick(rng, A["format"].value_list),
        "source": pick(rng, A["source"].value_list),
        "region": pick(rng, A["region"].value_list),
        "length": length,
        "reading_minutes": rng.randint(*MINUTES[length]),
        "free_to_read": rng.random() < 0.55,
        "has_video": rng.random() < 0.3,
    }


def title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{pick(rng, OPENERS)} {pick(rng, SUBJECTS)}"


SPEC = DomainSpec(
    name="news",
    version="1",
    sizes={"train": 2000, "valid": 200, "test": 500},
    attrs=ATTRS,
    sample=sample,
    title=title,
    nouns=("article", "story", "piece"),
    verbs=("offers", "has", "provides", "gives you", "brings"),
    templates=(
        "Worth reading today: {title}, which {verb} {feats}.",
        "Stay informed with {title}: it {verb} {feats}.",
        "Your morning pick is {title}, with {feats}.",
        "{title} is on your reading list because it {verb} {feats}.",
    ),
    demographics=DEMOGRAPHICS,
    description="Generated news articles (train 2000 / valid 200 / test 500)",
)
