"""Travel: hotels and other places to stay."""
from __future__ import annotations

import random
from typing import Any, Mapping

from suites.domains.base import DEMOGRAPHICS, AttrSpec, DomainSpec, forms, pick, pick_some

PRICE = {"budget": (45, 110), "mid-range": (110, 220), "luxury": (220, 650)}
STARS = {"budget": (1, 3), "mid-range": (3, 4), "luxury": (4, 5)}
TYPE_TITLE = {"hotel": "Hotel", "hostel": "Hostel", "resort": "Resort", "guesthouse": "Guesthouse",
              "apartment": "Apartments", "villa": "Villa", "lodge": "Lodge"}

ATTRS = (
    AttrSpec("property_type", "cat", forms(
        "hotel|hotel|~hotels", "hostel|hostel|~hostels", "resort|resort|~resorts",
        "guesthouse|guesthouse|guest house|~guesthouses|~guest houses",
        "apartment|apartment|serviced apartment|~apartments|~serviced apartments",
        "villa|villa|holiday villa|~villas", "lodge|lodge|~lodges"),
        phrases=("a {s} stay", "the comfort of a {s}", "the feel of a {s}"),
        profile="Property type: {v}.", want="{v} stays"),
    AttrSpec("setting", "cat", forms(
        "city centre|city-centre|central|downtown|~city center|~city-center|~city centre",
        "beachfront|beachfront|beachside|seaside|~on the beach",
        "mountain|mountain|alpine|~mountains|~in the mountains",
        "countryside|countryside|rural",
        "lakeside|lakeside|lakefront",
        "airport|airport|~near the airport"),
        phrases=("a {s} location", "its {s} setting", "a {s} setting"),
        profile="Located in a {v} setting.", want="{v} locations"),
    AttrSpec("price_tier", "cat", forms(
        "budget|budget|affordable|inexpensive|low-cost|~cheap",
        "mid-range|mid-range|moderate|~moderately priced|~reasonably priced",
        "luxury|luxury|luxurious|upscale|high-end|~premium"),
        phrases=("{s} prices", "{s} rates", "a {s} price point"),
        profile="Price tier: {v}.", want="{v} prices"),
    AttrSpec("price", "num", profile="From ${v} per night."),
    AttrSpec("star_rating", "num", profile="Star rating: {v} out of 5."),
    AttrSpec("guest_rating", "num", profile="Guests rate it {v} out of 10."),
    AttrSpec("amenities", "list", forms(
        "pool|a pool|a swimming pool|pools|~swimming pools",
        "spa|a spa|spa facilities|~spas",
        "gym|a gym|a fitness centre|~fitness center|~gyms",
        "free wi-fi|free wi-fi|free wifi|free internet|~wi-fi|~wifi",
        "free breakfast|free breakfast|breakfast included|complimentary breakfast",
        "parking|parking|on-site parking|a car park",
        "restaurant|a restaurant|an on-site restaurant|~restaurants",
        "bar|a bar|a lounge bar|~bars",
        "shuttle|a shuttle service|shuttle transfers|~shuttle bus",
        "kids club|a kids club|a children's club|~kids' club",
        "sauna|a sauna|~saunas",
        "rooftop terrace|a rooftop terrace|a roof terrace|~rooftop",
        "ev charging|EV charging|electric car charging|~charging points",
        "laundry|laundry service|laundry facilities"),
        profile="Amenities: {v}.", want="{v}"),
    AttrSpec("suitable_for", "list", forms(
        "families|families|family travellers|~family|~family travelers",
        "couples|couples|~couple",
        "business travellers|business travellers|business travelers|~business travel",
        "solo travellers|solo travellers|solo travelers|~solo travel",
        "groups|groups of friends|~groups"),
        phrases=("facilities for {s}", "a warm welcome for {s}", "rooms suited to {s}"),
        profile="Suited to {v}.", want="places suited to {v}"),
    AttrSpec("free_cancellation", "bool", forms("free cancellation|free cancellation|flexible cancellation|~cancel for free|~free to cancel"),
             profile="Free cancellation is available.", want="{v}"),
    AttrSpec("pet_friendly", "bool", forms("pet-friendly|a pet-friendly policy|pet-friendly rooms|~pet friendly|~pets allowed|~pets welcome"),
             profile="Pets are allowed.", want="{v} rooms"),
)

A = {a.name: a for a in ATTRS}
NAME1 = ("Maple", "Harbor", "Cedar", "Linden", "Amber", "Willow", "Juniper", "Rosewood", "Northgate", "Saffron",
         "Coral", "Ivy", "Aurora", "Granite", "Meridian", "Oakridge", "Bluebell", "Falcon", "Heron", "Orchid",
         "Sterling", "Kingsley", "Marlow", "Hawthorn", "Larkspur")
NAME2 = ("House", "Court", "Gardens", "Point", "Crest", "Place", "Hall", "Square", "Yard", "Quarter", "Lane", "Manor")


def sample(rng: random.Random) -> dict[str, Any]:
    tier = pick(rng, PRICE)
    return {
        "property_type": pick(rng, A["property_type"].value_list),
        "setting": pick(rng, A["setting"].value_list),
        "price_tier": tier,
        "price": rng.randint(*PRICE[tier]),
        "star_rating": rng.randint(*STARS[tier]),
        "guest_rating": round(rng.uniform(6.0, 9.8), 1),
        "amenities": pick_some(rng, A["amenities"].value_list, 2, 6),
        "suitable_for": pick_some(rng, A["suitable_for"].value_list, 1, 3),
        "free_cancellation": rng.random() < 0.5,
        "pet_friendly": rng.random() < 0.3,
    }


def title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{pick(rng, NAME1)} {pick(rng, NAME2)} {TYPE_TITLE[attrs['property_type']]}"


SPEC = DomainSpec(
    name="travel",
    version="1",
    sizes={"train": 2000, "valid": 200, "test": 500},
    attrs=ATTRS,
    sample=sample,
    title=title,
    title_attrs=("property_type",),
    nouns=("place", "property", "stay", "option"),
    verbs=("offers", "has", "features", "provides", "boasts", "comes with"),
    templates=(
        "For your next trip, {title} {verb} {feats}.",
        "Planning a getaway? {title} {verb} {feats}.",
        "{title} would make a comfortable base for you, as it {verb} {feats}.",
        "When you travel you look for {feats}, and {title} delivers.",
    ),
    demographics=DEMOGRAPHICS,
    description="Generated hotels and places to stay (train 2000 / valid 200 / test 500)",
)
