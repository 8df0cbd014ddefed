"""E-commerce: consumer products in four category groups."""
from __future__ import annotations

import random
from typing import Any, Mapping

from suites.domains.base import DEMOGRAPHICS, AttrSpec, DomainSpec, forms, pick, pick_some

GROUPS: dict[str, tuple[str, ...]] = {
    "electronics": ("headphones", "laptop", "smartwatch", "portable speaker", "e-reader"),
    "kitchen": ("coffee maker", "blender", "kettle"),
    "outdoor": ("running shoes", "backpack", "yoga mat", "water bottle"),
    "office": ("desk lamp", "office chair"),
}
GROUP_OF = {c: g for g, cs in GROUPS.items() for c in cs}
FEATURES: dict[str, tuple[str, ...]] = {
    "electronics": ("wireless", "noise cancelling", "long battery life", "fast charging", "waterproof", "lightweight", "compact"),
    "kitchen": ("dishwasher-safe", "programmable", "easy to clean", "compact", "energy efficient", "quiet"),
    "outdoor": ("waterproof", "lightweight", "breathable", "cushioned", "non-slip", "insulated", "eco-friendly"),
    "office": ("adjustable", "ergonomic", "dimmable", "energy efficient", "lumbar support", "compact"),
}
MATERIALS: dict[str, tuple[str, ...]] = {
    "electronics": ("aluminium", "recycled plastic", "fabric"),
    "kitchen": ("stainless steel", "glass", "recycled plastic"),
    "outdoor": ("recycled plastic", "fabric", "rubber", "stainless steel"),
    "office": ("bamboo", "aluminium", "fabric", "leather"),
}
PRICE: dict[str, dict[str, tuple[int, int]]] = {
    "electronics": {"budget": (20, 80), "mid-range": (80, 300), "premium": (300, 1500)},
    "kitchen": {"budget": (15, 50), "mid-range": (50, 150), "premium": (150, 600)},
    "outdoor": {"budget": (10, 40), "mid-range": (40, 120), "premium": (120, 300)},
    "office": {"budget": (20, 60), "mid-range": (60, 200), "premium": (200, 700)},
}

ATTRS = (
    AttrSpec("category", "cat", forms(
        "headphones|pair of headphones|headset|~headphones|~headsets",
        "laptop|laptop|notebook computer|~laptops",
        "smartwatch|smartwatch|smart watch|~smartwatches",
        "portable speaker|portable speaker|~speaker|~speakers",
        "e-reader|e-reader|ebook reader|~e-readers",
        "coffee maker|coffee maker|coffee machine|~coffee makers",
        "blender|blender|~blenders",
        "kettle|electric kettle|kettle|~kettles",
        "running shoes|pair of running shoes|pair of running trainers|~running shoe",
        "backpack|backpack|rucksack|~backpacks",
        "yoga mat|yoga mat|~yoga mats",
        "water bottle|water bottle|~water bottles",
        "desk lamp|desk lamp|~desk lamps",
        "office chair|office chair|desk chair|~office chairs"),
        phrases=("a {s} of the kind you shop for", "a {s} that suits your needs", "the {s} you were after"),
        profile="Category: {v}.", want="{v}"),
    AttrSpec("brand", "cat", forms(*"Kestrel Novalis Brightwell Tamarack Orbis Halden Vireo Lumio Castellan Pinecrest".split()),
             phrases=("the {s} brand", "a design from {s}", "{s} craftsmanship"), profile="Brand: {v}.", want="the {v} brand"),
    AttrSpec("price_tier", "cat", forms(
        "budget|budget|affordable|inexpensive|low-cost|~cheap",
        "mid-range|mid-range|moderate|~moderately priced|~reasonably priced",
        "premium|premium|high-end|top-tier|~luxury"),
        phrases=("{s} pricing", "a {s} price", "a {s} price tag"), profile="Price tier: {v}.", want="{v} prices"),
    AttrSpec("price", "num", profile="Price: ${v}."),
    AttrSpec("rating", "num", profile="Average rating {v} out of 5"),
    AttrSpec("reviews", "num", profile="from {v} reviews."),
    AttrSpec("color", "cat", forms(
        "black|black|matte black|~jet black", "white|white|~off-white", "silver|silver", "grey|grey|~gray",
        "blue|blue|navy blue", "red|red", "green|green|olive green"),
        phrases=("a {s} finish", "the {s} colour", "a {s} colourway"), profile="Colour: {v}.", want="{v} colours"),
    AttrSpec("material", "cat", forms(
        "aluminium|aluminium|~aluminum", "recycled plastic|recycled plastic", "fabric|fabric", "stainless steel|stainless steel",
        "glass|glass", "rubber|rubber", "bamboo|bamboo", "leather|leather"),
        phrases=("a {s} build", "{s} construction", "a body made of {s}"), profile="Made of {v}.", pref=False),
    AttrSpec("features", "list", forms(
        "wireless|wireless connectivity|a wireless design|~wireless|~cordless",
        "noise cancelling|noise cancelling|noise cancellation|~noise-cancelling|~noise canceling",
        "long battery life|long battery life|all-day battery|~long-lasting battery",
        "fast charging|fast charging|quick charging",
        "waterproof|waterproofing|water resistance|~waterproof|~water-resistant",
        "lightweight|a lightweight design|a light build|~lightweight",
        "compact|a compact design|a compact size|~compact",
        "dishwasher-safe|dishwasher-safe parts|~dishwasher safe",
        "programmable|programmable settings|a programmable timer|~programmable",
        "easy to clean|easy cleaning|~easy-to-clean",
        "energy efficient|energy efficiency|an energy-saving design|~energy-efficient",
        "quiet|quiet operation|a quiet motor",
        "breathable|breathable fabric|breathability|~breathable",
        "cushioned|extra cushioning|~cushioning|~cushioned",
        "non-slip|a non-slip surface|non-slip grip|~non-slip",
        "insulated|insulation|double-wall insulation|~insulated",
        "eco-friendly|eco-friendly materials|sustainable materials|~eco-friendly",
        "adjustable|adjustable height|an adjustable design|~adjustable",
        "ergonomic|an ergonomic design|ergonomics|~ergonomic",
        "dimmable|dimmable light|a dimmer|~dimmable",
        "lumbar support|lumbar support"),
        profile="Features: {v}.", want="{v} products"),
    AttrSpec("free_shipping", "bool", forms("free shipping|free shipping|free delivery|~ships free"),
             profile="Shipping is free.", want="{v}"),
    AttrSpec("warranty_years", "num", profile="Warranty (years): {v}."),
)

A = {a.name: a for a in ATTRS}
SERIES = ("Aero", "Nova", "Pulse", "Core", "Flex", "Prime", "Edge", "Zen", "One", "Air", "Pro", "Vista", "Orbit", "Arc")


def sample(rng: random.Random) -> dict[str, Any]:
    category = pick(rng, GROUP_OF)
    group = GROUP_OF[category]
    tier = pick(rng, ("budget", "mid-range", "premium"))
    lo, hi = PRICE[group][tier]
    return {
        "category": category,
        "brand": pick(rng, A["brand"].value_list),
        "price_tier": tier,
        "price": round(rng.randint(lo, hi - 1) + 0.99, 2),
        "rating": round(rng.uniform(2.8, 5.0), 1),
        "reviews": rng.randint(3, 4000),
        "color": pick(rng, A["color"].value_list),
        "material": pick(rng, MATERIALS[group]),
        "features": pick_some(rng, FEATURES[group], 1, 4),
        "free_shipping": rng.random() < 0.45,
        "warranty_years": rng.choice((1, 1, 2, 3)),
    }


def title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{attrs['brand']} {pick(rng, SERIES)} {attrs['category'].title()}"


SPEC = DomainSpec(
    name="ecommerce",
    version="1",
    sizes={"train": 2000, "valid": 200, "test": 500},
    attrs=ATTRS,
    sample=sample,
    title=title,
    title_attrs=("brand", "category"),
    nouns=("product", "pick", "item", "option"),
    verbs=("offers", "has", "features", "comes with", "gives you", "provides"),
    templates=(
        "Add {title} to your basket: it {verb} {feats}.",
        "If you are shopping for {feats}, {title} is a smart buy.",
        "{title} ticks your boxes with {feats}.",
        "Shoppers like you look for {feats}, and {title} {verb} that.",
    ),
    demographics=DEMOGRAPHICS,
    description="Generated consumer products (train 2000 / valid 200 / test 500)",
)
