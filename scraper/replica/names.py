"""Authorities, users and request titles of the synthetic corpus, made on demand by index.

Slugs follow Alaveteli's ``MySociety::Format.simplify_url_part``: lower case, accents folded
to ASCII, spaces/dashes/underscores to ``_``, anything else dropped, runs of ``_`` collapsed,
cut to a maximum length and trailing ``_`` stripped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from pipeline.authority_tags import SCHOOL_TAGS
from scraper.replica.rng import rng_for, stable_int

PLACES = (
    "Aberdeen", "Barnsley", "Bath", "Birmingham", "Blackpool", "Bolton", "Bradford",
    "Brighton", "Bristol", "Bury", "Calderdale", "Cambridge", "Cardiff", "Carlisle",
    "Cheshire East", "Colchester", "Cornwall", "Coventry", "Croydon", "Cumbria", "Darlington",
    "Derby", "Devon", "Doncaster", "Dorset", "Dudley", "Dundee", "Durham", "Ealing",
    "Edinburgh", "Essex", "Exeter", "Falkirk", "Fife", "Glasgow", "Gloucester", "Hackney",
    "Halton", "Harrow", "Hartlepool", "Highland", "Hull", "Inverclyde", "Ipswich", "Kent",
    "Kirklees", "Lambeth", "Lancashire", "Leeds", "Leicester", "Lewisham", "Lincoln",
    "Liverpool", "Luton", "Manchester", "Medway", "Merton", "Middlesbrough", "Moray",
    "Newcastle", "Newport", "Norfolk", "Northampton", "Norwich", "Nottingham", "Oldham",
    "Oxford", "Perth", "Peterborough", "Plymouth", "Portsmouth", "Preston", "Reading",
    "Rochdale", "Rotherham", "Salford", "Sandwell", "Sefton", "Sheffield", "Shropshire",
    "Slough", "Solihull", "Somerset", "Southampton", "Stirling", "Stockport", "Sunderland",
    "Surrey", "Swansea", "Swindon", "Tameside", "Torbay", "Torfaen", "Trafford", "Wakefield",
    "Walsall", "Warrington", "Wigan", "Wirral", "Wolverhampton", "Worcester", "York",
)  # fmt: skip
SCOTTISH = frozenset(
    {"Aberdeen", "Dundee", "Edinburgh", "Falkirk", "Fife", "Glasgow", "Highland",
     "Inverclyde", "Moray", "Perth", "Stirling"}
)  # fmt: skip
# (name pattern, tags, notes); "{p}" is the place.
BODY_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("{p} City Council", ("local_council", "council")),
    ("{p} Borough Council", ("local_council", "council")),
    ("{p} Primary School", ("school",)),
    ("{p} Academy Trust", ("academy_trust", "school")),
    ("{p} Police", ("police",)),
    ("{p} Teaching Hospitals NHS Foundation Trust", ("nhs", "hospital")),
    ("{p} Clinical Commissioning Group", ("nhs",)),
    ("{p} Fire and Rescue Service", ("fire",)),
    ("University of {p}", ("university",)),
    ("{p} College", ("college",)),
    ("{p} Housing Association", ("housing",)),
    ("{p} Water Board", ("water", "eir_only")),
)
NATIONAL: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Children and Family Court Advisory and Support Service", "Cafcass", "cafcass", ("cafcass", "children")),
    ("Office for Standards in Education, Children's Services and Skills", "Ofsted", "ofsted", ("ofsted", "department")),
    ("Ministry of Housing, Communities and Local Government", "MHCLG", "mhclg", ("department", "ministerial_department")),
    ("Home Office", "", "home_office", ("department", "ministerial_department")),
    ("Department for Education", "DfE", "department_for_education", ("department", "ministerial_department")),
    ("Scottish Government", "", "scottish_government", ("scotland", "department")),
    ("Environment Agency", "", "environment_agency", ("environment", "eir_only")),
    ("Internal admin authority", "", "internal_admin_authority", ("site_administration",)),
)  # fmt: skip

FIRST = (
    "Alex", "Amira", "Ben", "Catherine", "Chloe", "Daniel", "David", "Eleanor", "Emma",
    "Fatima", "George", "Grace", "Hannah", "Harry", "Imran", "Isla", "Jack", "James", "Joel",
    "Kate", "Liam", "Lucy", "Mark", "Mary", "Mohammed", "Nadia", "Oliver", "Priya", "Rachel",
    "Rhys", "Sam", "Sarah", "Sean", "Sophie", "Steven", "Thomas", "Tom", "Victoria", "Will",
    "Zoe",
)  # fmt: skip
LAST = (
    "Ahmed", "Baker", "Benjamin", "Brawley", "Campbell", "Clarke", "Davies", "Evans", "Fraser",
    "Green", "Hall", "Hughes", "Jones", "Khan", "Lees", "Lewis", "Macdonald", "Morgan",
    "Murphy", "Patel", "Price", "Roberts", "Robertson", "Scott", "Sheppard", "Smith",
    "Taylor", "Thomas", "Turner", "Walker", "Watson", "White", "Wilkinson", "Williams",
    "Wilson", "Wood", "Wright", "Young",
)  # fmt: skip
SUBJECTS = (
    "Agency staff spending", "Air quality monitoring", "Body worn camera usage",
    "Bus lane fines", "Children in care placements", "Climate emergency action plan",
    "Complaints about housing repairs", "Consultancy contracts", "Council tax arrears",
    "Cyber security incidents", "Data breaches", "Disabled parking enforcement",
    "Domestic abuse referrals", "Electric vehicle charging points", "Exclusions by ethnicity",
    "Fire safety inspections", "Fly-tipping reports", "Gender pay gap figures",
    "Hate crime statistics", "Homelessness assessments", "Invoices over £500",
    "IT software licences", "Legal costs", "Library closures", "Mental health waiting times",
    "Missed bin collections", "Noise complaints", "Overtime payments", "Pothole repairs",
    "Procurement of PPE", "Road traffic collisions", "School admissions appeals",
    "Sewage discharges", "SEND tribunal appeals", "Social media monitoring",
    "Speed camera revenue", "Staff sickness absence", "Stop and search records",
    "Street lighting energy costs", "Taxi licensing", "Tree felling", "Use of facial recognition",
    "Vacant council properties", "Water quality testing", "Wheelchair services",
)  # fmt: skip
QUALIFIERS = (
    "", "", " {y}", " {y}", " in {p}", " in {p}", " in {p} {y}", " by ward", " since {y}",
    " - follow up", " and associated costs", " (part 2)", " {y}/{y}", " for {p}",
)  # fmt: skip

_NON_WORD = re.compile(r"[^a-z0-9_\s-]")
_SEPARATORS = re.compile(r"[\s_-]+")


def simplify_url_part(text: str, default: str, max_len: int | None = None) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("", ascii_text.lower())
    slug = _SEPARATORS.sub("_", slug).strip("_")
    if max_len is not None:
        slug = slug[:max_len]
    slug = slug.rstrip("_")
    if not slug or slug.isdigit():
        return default
    return slug


@dataclass(frozen=True, slots=True)
class Authority:
    id: int
    name: str
    short_name: str
    url_name: str
    tags: tuple[tuple[str, str | None], ...]
    home_page: str
    created_at: datetime
    updated_at: datetime
    notes: str = ""
    scottish: bool = False

    @property
    def tag_names(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.tags)

    @property
    def is_school(self) -> bool:
        return bool(self.tag_names & SCHOOL_TAGS)

    @property
    def calendar(self) -> str:
        return "scotland" if self.scottish else "uk"

    @property
    def request_email_domain(self) -> str:
        return self.home_page.removeprefix("https://www.")

    @property
    def tag_string(self) -> str:
        return " ".join(name if value is None else f"{name}:{value}" for name, value in self.tags)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    url_name: str
    about_me: str = ""
    ban_text: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


AUTHORITY_EPOCH = datetime(2008, 3, 18, 14, 20, 16, tzinfo=UTC)


def authority_count(requests: int) -> int:
    return min(len(NATIONAL) + len(PLACES) * len(BODY_TYPES), max(30, requests // 25))


@lru_cache(maxsize=4096)
def authority(seed: int, index: int) -> Authority:
    """Authority ``index``: the national bodies first, then place x body type."""
    rng = rng_for(seed, "authority", index)
    created = AUTHORITY_EPOCH + timedelta(days=rng.randrange(0, 4000), seconds=rng.randrange(86400))
    updated = created + timedelta(days=rng.randrange(0, 2500), seconds=rng.randrange(86400))
    if index < len(NATIONAL):
        name, short, url_name, tags = NATIONAL[index]
        scottish = "scotland" in tags
        domain = url_name.replace("_", "") + ".gov.uk"
    else:
        k = index - len(NATIONAL)
        # Types cycle fastest, so even a small corpus has schools, police, water boards...
        pattern, tags = BODY_TYPES[k % len(BODY_TYPES)]
        place = PLACES[(37 * k + k // len(BODY_TYPES)) % len(PLACES)]
        name = pattern.format(p=place)
        short = ""
        url_name = simplify_url_part(name, "body")
        scottish = place in SCOTTISH
        if scottish:
            tags = (*tags, "scotland")
        domain = url_name.replace("_", "") + (".sch.uk" if "school" in tags else ".gov.uk")
    tag_pairs: tuple[tuple[str, str | None], ...] = tuple((t, None) for t in tags)
    if rng.random() < 0.3:
        tag_pairs = (*tag_pairs, ("ons_code", f"E{rng.randrange(10**7, 10**8)}"))
    return Authority(
        id=index + 1,
        name=name,
        short_name=short,
        url_name=url_name,
        tags=tag_pairs,
        home_page=f"https://www.{domain}",
        created_at=created,
        updated_at=updated,
        notes="" if rng.random() < 0.7 else f"{name} is covered by FOI.",
        scottish=scottish,
    )


def user_count(requests: int) -> int:
    return max(20, requests // 3)


@lru_cache(maxsize=8192)
def user(seed: int, index: int) -> User:
    """User ``index``; url_names repeat a name with ``_2``, ``_3`` as Alaveteli does."""
    if index == 0:
        return User(id=1, name="Victoria Soeder", url_name="victoria_soeder")
    k = stable_int(seed, "user-name", index)
    if index < len(FIRST):
        first, last = FIRST[index], LAST[(index * 7) % len(LAST)]
    else:
        first, last = FIRST[k % len(FIRST)], LAST[(k // len(FIRST)) % len(LAST)]
    name = f"{first} {last}"
    url_name = simplify_url_part(name, "user")
    if index >= len(FIRST):
        url_name += f"_{index}"
    about = "" if k % 5 else "Interested in local accountability."
    return User(id=index + 1, name=name, url_name=url_name, about_me=about)


def request_title(seed: int, request_id: int, variant: int = 0) -> str:
    k = stable_int(seed, "title", request_id, variant)
    subject = SUBJECTS[k % len(SUBJECTS)]
    k //= len(SUBJECTS)
    qualifier = QUALIFIERS[k % len(QUALIFIERS)]
    k //= len(QUALIFIERS)
    return subject + qualifier.format(p=PLACES[k % len(PLACES)], y=2012 + (k // len(PLACES)) % 15)
