"""Who is writing: an authority's sector, team, signatories, letterhead and house style.

Everything is invented (names, streets, postcodes; telephone numbers are in Ofcom's drama
range 01632 960xxx) but shaped the way each kind of body presents itself: a police force's
disclosure unit, a council's information governance team, a department's FOI unit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SECTOR_WORDS = (
    ("police", ("Police", "Constabulary")),
    ("nhs", ("NHS", "Clinical Commissioning", "Hospital")),
    ("university", ("University",)),
    ("college", ("College",)),
    ("school", ("School", "Academy")),
    ("fire", ("Fire and Rescue",)),
    ("housing", ("Housing Association",)),
    ("water", ("Water", "Environment Agency")),
    ("council", ("Council",)),
)
SELF = {
    "police": ("the Force", "the Constabulary", "we"), "nhs": ("the Trust", "we"),
    "university": ("the University", "we"), "college": ("the College", "we"),
    "school": ("the School", "the Trust", "we"), "fire": ("the Service", "we"),
    "housing": ("the Association", "we"), "water": ("we", "the Board"),
    "council": ("the Council", "the Council", "we"), "department": ("the Department", "we"),
    "scottish_gov": ("the Scottish Government", "we"),
}  # fmt: skip
TEAMS = {
    "police": ("Freedom of Information Unit", "Information Rights Unit", "Disclosure Unit",
               "Information Management Department", "Public Access Office"),
    "nhs": ("Information Governance Team", "Freedom of Information Office", "Corporate Affairs"),
    "university": ("Information Compliance Team", "Records and Information Compliance",
                   "Governance and Legal Services"),
    "council": ("Information Governance Team", "Freedom of Information Team",
                "Corporate Information Unit", "Information Management", "Customer Feedback Team"),
    "department": ("Freedom of Information Team", "FOI Unit", "Information Rights Team",
                   "Correspondence and Public Enquiries Unit"),
    "scottish_gov": ("FOI Unit", "Information Requests Team"),
}  # fmt: skip
TITLES = {
    "police": ("Disclosure Officer", "Freedom of Information Officer", "FOI Decision Maker",
               "Information Rights Officer", "Information Manager"),
    "nhs": ("Information Governance Manager", "FOI Lead", "Head of Information Governance"),
    "university": ("Information Compliance Officer", "Records Manager", "University Secretary"),
    "council": ("Information Governance Officer", "FOI Officer", "Senior Information Officer",
                "Information Governance Manager", "Customer Relations Officer"),
    "department": ("FOI Officer", "Information Rights Adviser", "Deputy Director",
                   "Head of Information Rights"),
}  # fmt: skip
REVIEWERS = (
    "Head of Legal Services",
    "Director of Corporate Services",
    "Deputy Chief Executive",
    "Information Governance Manager",
    "Head of Information Management",
    "Senior Information Rights Officer",
    "Data Protection Officer",
    "Monitoring Officer",
)
FIRST = (
    "Alison",
    "Andrew",
    "Bernadette",
    "Callum",
    "Dawn",
    "Declan",
    "Elaine",
    "Fiona",
    "Gareth",
    "Helen",
    "Ian",
    "Janet",
    "Karen",
    "Kevin",
    "Lorraine",
    "Martin",
    "Nicola",
    "Paul",
    "Rebecca",
    "Sandra",
    "Stuart",
    "Tracey",
    "Wendy",
    "Yusuf",
)
LAST = (
    "Ashworth",
    "Boyle",
    "Cartwright",
    "Doherty",
    "Ellison",
    "Fairclough",
    "Gillespie",
    "Hargreaves",
    "Irvine",
    "Jennings",
    "Kaur",
    "Lomax",
    "McBride",
    "Nolan",
    "Okafor",
    "Pritchard",
    "Quinn",
    "Rafferty",
    "Sutcliffe",
    "Thornton",
    "Underwood",
    "Varley",
)
STREETS = (
    "Civic Centre",
    "Town Hall",
    "Headquarters",
    "Corporate Office",
    "Council House",
    "Administration Building",
    "Riverside House",
    "Quayside Offices",
)
ROADS = (
    "Market Street",
    "Station Road",
    "Church Lane",
    "Victoria Square",
    "Kingsway",
    "Bridge Street",
    "Albert Road",
    "Mill Lane",
    "Parkway",
    "High Street",
)
MARKINGS = ("OFFICIAL", "OFFICIAL", "NOT PROTECTIVELY MARKED", "OFFICIAL - PUBLIC", "UNCLASSIFIED")
NATIONAL_SECTOR = {
    "Home Office": "department", "Department for Education": "department",
    "Ministry of Housing, Communities and Local Government": "department",
    "Scottish Government": "scottish_gov",
    "Office for Standards in Education, Children's Services and Skills": "department",
    "Children and Family Court Advisory and Support Service": "department",
}  # fmt: skip


def sector_of(name: str) -> str:
    if name in NATIONAL_SECTOR:
        return NATIONAL_SECTOR[name]
    for sector, words in SECTOR_WORDS:
        if any(w in name for w in words):
            return sector
    return "department"


def _place(name: str) -> str:
    for prefix in ("University of ",):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    words = name.split()
    return words[0] if words else "London"


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    sector: str
    place: str
    team: str
    self_names: tuple[str, ...]
    address: tuple[str, ...]
    phone: str
    web: str
    email: str  # the team's address, before WDTK masks it
    marking: str | None  # a protective marking printed on every page
    scottish: bool

    @property
    def house(self) -> str:
        """How the authority names itself in running text ("the Council")."""
        return self.self_names[0]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def title_for(rng: random.Random, sector: str) -> str:
    return rng.choice(TITLES.get(sector, TITLES["council"]))


def profile_for(rng: random.Random, name: str, regime: str) -> Profile:
    sector = sector_of(name)
    place = "London" if sector == "department" else _place(name)
    if sector == "scottish_gov":
        place = "Edinburgh"
    letters = "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
    outward = f"{place[:2].upper()}{rng.randrange(1, 20)}"
    address = (
        rng.choice(STREETS), f"{rng.randrange(1, 120)} {rng.choice(ROADS)}", place,
        f"{outward} {rng.randrange(1, 9)}{letters}",
    )  # fmt: skip
    tld = {"police": ".police.uk", "nhs": ".nhs.uk", "university": ".ac.uk", "college": ".ac.uk",
           "school": ".sch.uk", "housing": ".org.uk"}.get(sector, ".gov.uk")  # fmt: skip
    domain = "".join(c for c in name.lower() if c.isalnum())[:24] + tld
    team_pool = TEAMS.get(sector, TEAMS["council"])
    return Profile(
        name=name,
        sector=sector,
        place=place,
        team=rng.choice(team_pool),
        self_names=SELF.get(sector, ("we",)),
        address=address,
        phone=f"01632 960{rng.randrange(0, 1000):03d}",
        web=f"www.{domain}",
        email=rng.choice(("foi", "foi.requests", "information.governance", "freedomofinformation"))
        + f"@{domain}",
        marking=rng.choice(MARKINGS)
        if sector in ("police", "department") and rng.random() < 0.6
        else None,
        scottish=regime in ("FOISA", "EISR"),
    )
