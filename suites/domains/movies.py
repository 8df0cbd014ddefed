"""Movies and video: films, series and miniseries."""
from __future__ import annotations

import random
from typing import Any, Mapping

from suites.domains.base import DEMOGRAPHICS, AttrSpec, DomainSpec, forms, pick, pick_some

DECADES = {"1970s": 1970, "1980s": 1980, "1990s": 1990, "2000s": 2000, "2010s": 2010, "2020s": 2020}
RUNTIME = {"movie": (80, 180), "series": (22, 60), "miniseries": (40, 70)}  # minutes (per episode for series)

ATTRS = (
    AttrSpec("genre", "list", forms(
        "action|action|~action-packed",
        "comedy|comedy|humour|~comedies|~comedic|~humor",
        "drama|drama|dramatic storytelling|~dramas|~dramatic",
        "thriller|suspense|thriller elements|~thrillers|~thriller",
        "horror|horror|~horror elements",
        "sci-fi|science fiction|sci-fi|~science-fiction|~scifi",
        "romance|romance|a love story|~romantic|~romances",
        "animation|animation|~animated",
        "documentary|documentary storytelling|~documentary|~documentaries",
        "fantasy|fantasy|~fantastical",
        "crime|crime|~crime story",
        "mystery|mystery|~mysteries",
        "musical|musical numbers|~musical|~musicals",
        "war|war stories|wartime stories|~wartime",
        "western|western adventure|~western|~westerns"),
        profile="Genres: {v}.", want="{v}"),
    AttrSpec("format", "cat", forms(
        "movie|feature film|film|~movie|~movies|~films|~feature films",
        "series|series|TV series|~show|~TV show|~shows",
        "miniseries|miniseries|limited series|~mini-series"),
        phrases=("the {s} format", "a {s} format"), profile="Format: {v}.", want="a {v}"),
    AttrSpec("language", "cat", forms(
        "English|English|~English-language", "French|French|~French-language", "Spanish|Spanish|~Spanish-language",
        "Korean|Korean|~Korean-language", "Japanese|Japanese|~Japanese-language", "Hindi|Hindi|~Hindi-language",
        "German|German|~German-language", "Italian|Italian|~Italian-language"),
        phrases=("{s} dialogue", "original {s} audio", "a {s}-language script"), profile="Language: {v}.", want="{v}-language titles"),
    AttrSpec("decade", "cat", forms(
        "1970s|1970s|seventies|~'70s|~the seventies", "1980s|1980s|eighties|~'80s|~the eighties",
        "1990s|1990s|nineties|~'90s|~the nineties", "2000s|2000s|~noughties",
        "2010s|2010s|~twenty-tens", "2020s|2020s|~twenty-twenties"),
        phrases=("a {s} release", "its {s} roots", "the style of the {s}"), profile="Released in the {v}.", want="titles from the {v}"),
    AttrSpec("year", "num", profile="Year: {v}."),
    AttrSpec("runtime_min", "num", profile="Runtime: {v} minutes."),
    AttrSpec("rating", "num", profile="Average rating {v} out of 10."),
    AttrSpec("themes", "list", forms(
        "friendship|friendship|~friendships", "revenge|revenge|vengeance", "coming of age|coming-of-age themes|~coming-of-age",
        "time travel|time travel|~time-travel", "survival|survival|~survival story", "heist|heists|a heist|~heist",
        "road trip|road trips|a road trip|~road-trip", "family ties|family ties|family bonds",
        "redemption|redemption", "first love|first love"),
        phrases=("a story about {s}", "themes of {s}", "{s}"), profile="Themes: {v}.", want="stories about {v}"),
    AttrSpec("maturity", "cat", forms(
        "all ages|suitability for all ages|~all ages|~family-friendly",
        "teen|a teen rating|~teens|~for teens",
        "mature|mature content|~adults only|~for adults|~mature"),
        profile="Audience: {v}.", want="{v} ratings"),
    AttrSpec("award_winning", "bool", forms("award-winning|award-winning status|critical acclaim|~acclaimed|~award winning|~critically acclaimed"),
             profile="It has won major awards.", want="{v} titles"),
    AttrSpec("subtitles", "bool", forms("subtitles|subtitles|~subtitled"), profile="Subtitles are available.", want="{v}"),
)
A = {a.name: a for a in ATTRS}

ADJ = ("Silent", "Last", "Hidden", "Broken", "Golden", "Distant", "Crimson", "Endless", "Quiet", "Restless", "Lonely",
       "Burning", "Northern", "Paper", "Glass", "Velvet", "Hollow", "Bright")
NOUN = ("Harbor", "Letters", "Horizon", "Garden", "River", "Frontier", "Signal", "Lantern", "Orchard", "Tide", "Echo",
        "Compass", "Mirror", "Station", "Meadow", "Summit", "Voyage", "Kingdom", "Island", "Promise")


def sample(rng: random.Random) -> dict[str, Any]:
    fmt = pick(rng, A["format"].value_list)
    decade = pick(rng, DECADES)
    return {
        "genre": pick_some(rng, A["genre"].value_list, 1, 3),
        "format": fmt,
        "language": pick(rng, A["language"].value_list),
        "decade": decade,
        "year": DECADES[decade] + rng.randint(0, 4 if decade == "2020s" else 9),
        "runtime_min": rng.randint(*RUNTIME[fmt]),
        "rating": round(rng.uniform(4.5, 9.3), 1),
        "themes": pick_some(rng, A["themes"].value_list, 1, 3),
        "maturity": pick(rng, A["maturity"].value_list),
        "award_winning": rng.random() < 0.25,
        "subtitles": rng.random() < 0.6,
    }


def title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    if rng.random() < 0.5:
        return f"The {pick(rng, ADJ)} {pick(rng, NOUN)}"
    return f"{pick(rng, NOUN)} of the {pick(rng, ADJ)} {pick(rng, NOUN)}"


SPEC = DomainSpec(
    name="movies",
    version="1",
    sizes={"train": 2000, "valid": 200, "test": 500},
    attrs=ATTRS,
    sample=sample,
    title=title,
    nouns=("title", "pick", "watch", "choice"),
    verbs=("has", "offers", "brings", "delivers", "features"),
    templates=(
        "For your next evening in, {title} {verb} {feats}.",
        "If you enjoy {feats}, queue up {title}.",
        "{title} belongs on your watchlist: it {verb} {feats}.",
        "Press play on {title}; it {verb} {feats}.",
    ),
    demographics=DEMOGRAPHICS,
    description="Generated movies and video (train 2000 / valid 200 / test 500)",
)
