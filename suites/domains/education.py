"""Education: online and in-person courses (held-out domain, test split only).

Claim-sensitive attributes: level, fee band (free / low cost / premium, with the
fee as a number), certificate and accreditation, duration and workload.
"""
from __future__ import annotations

import random
from typing import Any, Mapping

from suites.domains.base import DEMOGRAPHICS, AttrSpec, DomainSpec, forms, pick, pick_some

SKILLS: dict[str, tuple[str, ...]] = {
    "data science": ("Python", "machine learning", "data visualisation", "SQL"),
    "programming": ("Python", "JavaScript", "algorithms", "software testing"),
    "web design": ("HTML and CSS", "user experience", "responsive layouts"),
    "digital marketing": ("search engine optimisation", "social media strategy", "analytics"),
    "photography": ("lighting", "photo editing", "composition"),
    "statistics": ("probability", "regression", "hypothesis testing"),
    "project management": ("agile methods", "budgeting", "team leadership"),
    "creative writing": ("storytelling", "editing", "poetry"),
    "accounting": ("bookkeeping", "financial statements", "spreadsheets"),
    "graphic design": ("typography", "illustration", "branding"),
}
FEE = {"free": (0, 0), "low cost": (20, 250), "premium": (300, 2500)}
TITLE_SUFFIX = ("Essentials", "in Practice", "Workshop", "Bootcamp", "Studio", "Lab", "Toolkit", "Fundamentals")

ATTRS = (
    AttrSpec("subject", "cat", forms(
        "data science|data science|~data-science", "programming|programming|coding|software development",
        "web design|web design", "digital marketing|digital marketing|online marketing", "photography|photography",
        "statistics|statistics", "project management|project management", "creative writing|creative writing",
        "accounting|accounting", "graphic design|graphic design"),
        phrases=("{s}", "the subject of {s}", "a focus on {s}"), profile="Subject: {v}.", want="{v}"),
    AttrSpec("skills", "list", forms(
        "Python|Python", "machine learning|machine learning", "data visualisation|data visualisation|data visualization",
        "SQL|SQL", "JavaScript|JavaScript", "algorithms|algorithms|~algorithm", "software testing|software testing",
        "HTML and CSS|HTML and CSS|~HTML|~CSS", "user experience|user experience|UX design|~UX",
        "responsive layouts|responsive layouts|responsive web layouts", "search engine optimisation|search engine optimisation|SEO|~search engine optimization",
        "social media strategy|social media strategy", "analytics|analytics|~web analytics", "lighting|lighting",
        "photo editing|photo editing", "composition|composition", "probability|probability", "regression|regression",
        "hypothesis testing|hypothesis testing", "agile methods|agile methods|~agile", "budgeting|budgeting",
        "team leadership|team leadership", "storytelling|storytelling", "editing|editing", "poetry|poetry",
        "bookkeeping|bookkeeping", "financial statements|financial statements", "spreadsheets|spreadsheets|~spreadsheet",
        "typography|typography", "illustration|illustration", "branding|branding"),
        phrases=("hands-on {s}", "practice in {s}", "{s}"), profile="Skills covered: {v}.", want="{v}"),
    AttrSpec("level", "cat", forms(
        "beginner|a beginner level|an introductory level|entry-level material|~beginners|~introductory|~entry-level",
        "intermediate|an intermediate level|~intermediate-level",
        "advanced|an advanced level|advanced material|~expert-level"),
        profile="Level: {v}.", want="{v} courses"),
    AttrSpec("format", "cat", forms(
        "self-paced|a self-paced format|on-demand lessons|~on-demand",
        "live online|live online classes|live virtual sessions|~live virtual",
        "in-person|in-person classes|classroom teaching|~on campus|~in person",
        "blended|a blended format|a hybrid format|~hybrid"),
        profile="Format: {v}.", want="{v} formats"),
    AttrSpec("fee_band", "cat", forms(
        "free|free enrolment|no tuition fee|~free of charge|~free",
        "low cost|a low fee|an affordable fee|~low-cost|~affordable",
        "premium|a premium fee|premium pricing|~premium"),
        profile="Fee band: {v}.", want="{v} courses", pref_values=("free", "low cost")),
    AttrSpec("fee", "num", profile="Fee: ${v}."),
    AttrSpec("duration_weeks", "num", profile="Duration: {v} weeks"),
    AttrSpec("hours_per_week", "num", profile="at about {v} hours per week."),
    AttrSpec("rating", "num", profile="Learners rate it {v} out of 5."),
    AttrSpec("language", "cat", forms("English|English", "Spanish|Spanish", "French|French", "German|German",
                                      "Portuguese|Portuguese", "Mandarin|Mandarin|~Chinese"),
             phrases=("teaching in {s}", "{s} instruction"), profile="Taught in {v}.", want="courses taught in {v}"),
    AttrSpec("provider", "cat", forms("Northfield Academy", "Brightpath Institute", "Cedar Hill College", "Open Harbor School",
                                      "Lakeview Learning", "Meridian University"),
             phrases=("teaching by {s}", "a course from {s}"), profile="Provider: {v}.", pref=False),
    AttrSpec("certificate", "bool", forms("certificate|a certificate|a certificate of completion|~certificates|~certification|~certified"),
             profile="A certificate is awarded on completion.", want="a {v}"),
    AttrSpec("accredited", "bool", forms("accreditation|accreditation|university credit|~accredited|~credit-bearing"),
             profile="The course carries accreditation.", want="{v}"),
)
A = {a.name: a for a in ATTRS}


def sample(rng: random.Random) -> dict[str, Any]:
    subject = pick(rng, SKILLS)
    band = pick(rng, FEE)
    return {
        "subject": subject,
        "skills": pick_some(rng, SKILLS[subject], 1, 3),
        "level": pick(rng, A["level"].value_list),
        "format": pick(rng, A["format"].value_list),
        "fee_band": band,
        "fee": rng.randint(*FEE[band]),
        "duration_weeks": rng.randint(2, 16),
        "hours_per_week": rng.randint(2, 12),
        "rating": round(rng.uniform(3.0, 5.0), 1),
        "language": pick(rng, A["language"].value_list),
        "provider": pick(rng, A["provider"].value_list),
        "certificate": rng.random() < 0.6,
        "accredited": band != "free" and rng.random() < 0.3,
    }


def title(rng: random.Random, attrs: Mapping[str, Any]) -> str:
    return f"{attrs['subject'].title()} {pick(rng, TITLE_SUFFIX)}"


SPEC = DomainSpec(
    name="education",
    version="1",
    sizes={"test": 500},
    attrs=ATTRS,
    sample=sample,
    title=title,
    title_attrs=("subject",),
    nouns=("course", "class", "program", "option"),
    verbs=("offers", "has", "provides", "includes", "gives you"),
    templates=(
        "To build your skills, consider {title}: it {verb} {feats}.",
        "{title} fits your learning goals with {feats}.",
        "Ready to learn? {title} {verb} {feats}.",
    ),
    demographics=DEMOGRAPHICS,
    description="Generated courses, held-out domain (test 500)",
)
