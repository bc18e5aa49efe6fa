"""Provisions as letters name them, and the record of every one a letter names.

A ``Citer`` renders a provision in the house style of one letter ("section 40(2)", "s.40(2)
FOIA", "Regulation 12(5)(e) of the EIR", "sections 31(1)(a) and (b)") and records its
normalised citation ("FOIA s40(2)", as in ``shared/letters/LABELS.md``) each time; a letter's
``provisions_cited`` is that record, so it lists exactly the provisions the words name.

The grounds below are the refusals real authorities most often rely on, by regime, with the
sectors that use them; subsections are the ones letters usually quote.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

ACT_NAMES = {
    "FOIA": "the Freedom of Information Act 2000",
    "EIR": "the Environmental Information Regulations 2004",
    "FOISA": "the Freedom of Information (Scotland) Act 2002",
    "EISR": "the Environmental Information (Scotland) Regulations 2004",
}
ACT_SHORT = {
    "FOIA": ("the FOIA", "FOIA", "the Act", "the FOI Act", "the Freedom of Information Act"),
    "EIR": ("the EIR", "the EIRs", "the Regulations", "EIR"),
    "FOISA": ("FOISA", "the Act", "FOI(S)A"),
    "EISR": ("the EISRs", "the EIRs", "the Regulations", "EISRs"),
}
# Appended after a citation to name the law; "" leaves it to the surrounding text.
_SUFFIXES = {
    "FOIA": (" of the Freedom of Information Act 2000", " of the FOIA", " of the Act", " of FOIA"),
    "EIR": (" of the Environmental Information Regulations 2004", " of the EIR", " EIR"),
    "FOISA": (" of FOISA", " of the Freedom of Information (Scotland) Act 2002", " of the Act"),
    "EISR": (" of the EISRs", " of the Environmental Information (Scotland) Regulations 2004"),
}
_SECTION_STYLES = (
    "section {n}",
    "section {n}",
    "Section {n}",
    "s.{n}",
    "s{n}",
    "s. {n}",
    "section {sp}",
)
_REGULATION_STYLES = ("regulation {n}", "regulation {n}", "Regulation {n}", "reg. {n}", "reg {n}")


@dataclass(frozen=True, slots=True)
class Ground:
    provision: str  # "s40(2)", "reg12(5)(e)"
    topic: str  # the exemption's usual heading
    sectors: tuple[str, ...]  # who relies on it; () for anyone
    qualified: bool  # subject to the public interest test


def _g(provision: str, topic: str, sectors: str = "", qualified: bool = True) -> Ground:
    return Ground(provision, topic, tuple(sectors.split()), qualified)


WITHHOLDING: dict[str, tuple[Ground, ...]] = {
    "FOIA": (
        _g("s40(2)", "Personal information", qualified=False),
        _g("s40(2)", "Personal information", qualified=False),
        _g("s43(2)", "Commercial interests"),
        _g("s31(1)(a)", "Law enforcement", "police council department"),
        _g("s30(1)(a)", "Investigations and proceedings", "police"),
        _g("s41(1)", "Information provided in confidence", qualified=False),
        _g("s42(1)", "Legal professional privilege"),
        _g("s38(1)(a)", "Health and safety", "police nhs council"),
        _g(
            "s36(2)(b)(ii)",
            "Prejudice to the effective conduct of public affairs",
            "department university nhs",
        ),
        _g("s35(1)(a)", "Formulation of government policy", "department"),
        _g(
            "s22(1)", "Information intended for future publication", "department university council"
        ),
        _g("s24(1)", "National security", "police department"),
        _g("s44(1)(a)", "Prohibitions on disclosure", qualified=False),
        _g("s27(1)(a)", "International relations", "department"),
        _g("s22A(1)", "Research", "university"),
    ),
    "EIR": (
        _g("reg13(1)", "Personal data"),
        _g("reg12(5)(e)", "Confidentiality of commercial or industrial information"),
        _g("reg12(4)(e)", "Internal communications"),
        _g("reg12(4)(d)", "Material in the course of completion"),
        _g("reg12(5)(b)", "The course of justice"),
        _g("reg12(5)(a)", "Public safety"),
        _g("reg12(5)(f)", "Interests of the person who provided the information"),
        _g("reg12(5)(g)", "Protection of the environment"),
    ),
    "FOISA": (
        _g("s38(1)(b)", "Personal information", qualified=False),
        _g("s33(1)(b)", "Commercial interests"),
        _g("s30(b)(i)", "Free and frank provision of advice"),
        _g("s30(c)", "Substantial prejudice to the effective conduct of public affairs"),
        _g("s35(1)(a)", "Law enforcement", "police council"),
        _g("s36(2)", "Confidentiality", qualified=False),
        _g("s36(1)", "Confidentiality of communications"),
        _g("s27(1)", "Information intended for future publication"),
        _g("s39(1)", "Health, safety and the environment"),
        _g("s34(1)(a)", "Investigations by Scottish public authorities", "police"),
    ),
    "EISR": (
        _g("reg11(2)", "Personal data"),
        _g("reg10(5)(e)", "Confidentiality of commercial or industrial information"),
        _g("reg10(4)(e)", "Internal communications"),
        _g("reg10(4)(d)", "Material in the course of completion"),
        _g("reg10(5)(b)", "The course of justice"),
        _g("reg10(5)(f)", "Interests of the person who provided the information"),
    ),
}
# Provisions relied on for the fixed outcomes, by regime; first entries are the usual forms.
FIXED: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "cost_limit": {
        "FOIA": (("s12(1)",), ("s12",), ("s12(1)",)), "EIR": (("reg12(4)(b)",),),
        "FOISA": (("s12(1)",), ("s12",)), "EISR": (("reg10(4)(b)",),),
    },
    "vexatious": {
        "FOIA": (("s14(1)",), ("s14(1)",), ("s14(2)",)), "EIR": (("reg12(4)(b)",),),
        "FOISA": (("s14(1)",), ("s14(2)",)), "EISR": (("reg10(4)(b)",),),
    },
    "subject_access_redirect": {
        "FOIA": (("s40(1)",),), "EIR": (("reg5(3)",),), "FOISA": (("s38(1)(a)",),),
        "EISR": (("reg11(1)",),),
    },
    "not_held": {
        "FOIA": ((),), "EIR": (("reg12(4)(a)",),), "FOISA": (("s17(1)",), ("s17",)),
        "EISR": (("reg10(4)(a)",),),
    },
    "advice_and_assistance": {
        "FOIA": (("s16",), ("s16(1)",)), "EIR": (("reg9(1)",), ("reg9",)), "FOISA": (("s15",),),
        "EISR": (("reg9(1)",),),
    },
}  # fmt: skip
# Neither confirm nor deny: the subsections relied on, by sector where it matters.
NCND: dict[str, tuple[tuple[str, ...], ...]] = {
    "FOIA": (("s40(5)",), ("s40(5B)(a)(i)",), ("s30(3)", "s31(3)"), ("s23(5)", "s24(2)"),
             ("s31(3)", "s40(5)"), ("s38(2)",)),
    "EIR": (("reg12(6)", "reg12(5)(a)"), ("reg12(6)",)),
    "FOISA": (("s18(1)", "s35(1)(a)"), ("s18(1)", "s34(1)(a)"), ("s18(1)",)),
    "EISR": (("reg10(8)", "reg10(5)(a)"),),
}  # fmt: skip
POLICE_NCND = (("s30(3)", "s31(3)"), ("s23(5)", "s24(2)"), ("s31(3)", "s40(5)"))


def pick_grounds(rng: random.Random, regime: str, sector: str, k: int) -> tuple[Ground, ...]:
    """``k`` distinct withholding grounds an authority of ``sector`` would rely on."""
    pool = [g for g in WITHHOLDING[regime] if not g.sectors or sector in g.sectors]
    chosen: list[Ground] = []
    while pool and len(chosen) < k:
        ground = rng.choice(pool)
        chosen.append(ground)
        pool = [g for g in pool if g.provision != ground.provision]
    return tuple(chosen)


def _number(provision: str) -> str:
    return provision.removeprefix("reg").removeprefix("s")


def _head(provision: str) -> str:
    """``s31(1)(a)`` → ``s31(1)``: the part before the last bracket group."""
    return provision[: provision.rfind("(")] if provision.endswith(")") else provision


_TOKEN = re.compile("([\x00\x01])(\\d+)[\x00\x01]")


class Citer:
    """Names provisions in one letter's house style.

    ``one`` and ``many`` return placeholders; ``resolve`` turns them into words, and
    ``cited_in`` lists the citations whose placeholders survive into the finished text, so a
    phrase that was written and then not used never adds a provision to the labels.
    """

    def __init__(self, rng: random.Random, regime: str):
        self.rng, self.regime = rng, regime
        self._forms: list[tuple[str, tuple[str, ...]]] = []
        self.section_style = rng.choice(_SECTION_STYLES)
        self.regulation_style = rng.choice(_REGULATION_STYLES)
        self.suffix = rng.choice(_SUFFIXES[regime])
        self.wobble = 0.15 if rng.random() < 0.3 else 0.0  # some letters mix styles

    def _token(self, words: str, provisions: tuple[str, ...], cap: bool) -> str:
        self._forms.append((words, tuple(f"{self.regime} {p}" for p in provisions)))
        mark = "\x01" if cap else "\x00"
        return f"{mark}{len(self._forms) - 1}{mark}"

    def _style(self, provision: str) -> str:
        regulation = provision.startswith("reg")
        if self.wobble and self.rng.random() < self.wobble:
            return self.rng.choice(_REGULATION_STYLES if regulation else _SECTION_STYLES)
        return self.regulation_style if regulation else self.section_style

    @staticmethod
    def _word(provision: str, style: str) -> str:
        n = _number(provision)
        return style.format(n=n, sp=n.replace("(", " (", 1))

    def one(self, provision: str, *, act: bool = False, cap: bool = False) -> str:
        """One provision: "section 40(2)" (plus the law's name when ``act``)."""
        text = self._word(provision, self._style(provision))
        return self._token(text + (self.suffix if act else ""), (provision,), cap)

    def many(self, provisions: tuple[str, ...], *, act: bool = False, cap: bool = False) -> str:
        """Several provisions the way letters list them."""
        if len(provisions) == 1:
            return self.one(provisions[0], act=act, cap=cap)
        style = self._style(provisions[0])
        first, second = provisions[0], provisions[1]
        same_head = len(provisions) == 2 and _head(first) == _head(second) != first
        word = style.split(" ")[0]
        if same_head and self.rng.random() < 0.7:
            text = self._word(first, style) + " and " + second[second.rfind("(") :]
        elif word.lower() in ("section", "regulation") and self.rng.random() < 0.6:
            numbers = [_number(p) for p in provisions]
            text = f"{word}s {', '.join(numbers[:-1])} and {numbers[-1]}"
        else:
            words = [self._word(p, style) for p in provisions]
            text = ", ".join(words[:-1]) + " and " + words[-1]
        return self._token(text + (self.suffix if act else ""), provisions, cap)

    def act(self, long: bool | None = None) -> str:
        """The law's name, in full or short."""
        if long is None:
            long = self.rng.random() < 0.5
        return ACT_NAMES[self.regime] if long else self.rng.choice(ACT_SHORT[self.regime])

    @property
    def words(self) -> tuple[str, ...]:
        """What each placeholder stands for, by number (see ``resolve_tokens``)."""
        return tuple(words for words, _ in self._forms)

    def resolve(self, text: str) -> str:
        return resolve_tokens(text, self.words)

    def cited_in(self, text: str) -> tuple[str, ...]:
        """The citations named in ``text`` (still holding placeholders), in order, once each."""
        seen: list[str] = []
        for m in _TOKEN.finditer(text):
            for citation in self._forms[int(m.group(2))][1]:
                if citation not in seen:
                    seen.append(citation)
        return tuple(seen)


def resolve_tokens(text: str, words: tuple[str, ...]) -> str:
    """``text`` with each citation placeholder replaced by its words."""
    if "\x00" not in text and "\x01" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        found = words[int(m.group(2))]
        return found[0].upper() + found[1:] if m.group(1) == "\x01" else found

    return _TOKEN.sub(one, text)


def capitalise(text: str) -> str:
    """Upper-case the first letter, or mark a leading citation placeholder to be."""
    if text.startswith("\x00"):
        return "\x01" + text[1:].replace("\x00", "\x01", 1)
    return text[0].upper() + text[1:] if text else text


# Provisions letters name that ``pipeline/data/provisions.csv`` does not list (it has no
# EISR rows, and lists some sections only by subsection); the replica's letters may name them.
EXTRA_PROVISIONS = {
    "FOIA s8": "Request for information: name and address for correspondence",
    "FOIA s12": "Cost of compliance (the section as a whole)",
    "FOIA s40(5B)": "Third-party personal data: neither confirm nor deny",
    "FOIA s45": "Code of practice on request handling",
    "EIR reg6": "Form and format; information already publicly available",
    "EIR reg12(1)": "Exceptions subject to the public interest",
    "EIR reg18": "Enforcement and appeal provisions of the FOIA applied",
    "FOISA s1": "General entitlement (s1(3): clarification)",
    "FOISA s56": "Appeal to the Court of Session on a point of law",
    "EISR reg5": "Duty to make environmental information available",
    "EISR reg6": "Form and format; information already publicly available",
    "EISR reg7": "Extension to 40 working days",
    "EISR reg9": "Duty to provide advice and assistance",
    "EISR reg10": "Exceptions (10(4) and 10(5)); 10(8) neither confirm nor deny",
    "EISR reg11": "Personal data (11(1) the applicant's own; 11(2) third parties)",
    "EISR reg13": "Refusal notice",
    "EISR reg16": "Review by the Scottish public authority",
    "EISR reg17": "Enforcement and appeal provisions of FOISA applied",
}


def known_provision(citation: str) -> bool:
    """A real provision: in the pipeline's table or in ``EXTRA_PROVISIONS`` (or a subsection
    of one of them)."""
    from pipeline.provisions import lookup

    if lookup(citation) is not None:
        return True
    while citation not in EXTRA_PROVISIONS and citation.endswith(")"):
        citation = citation[: citation.rfind("(")]
    return citation in EXTRA_PROVISIONS


_CITATION = re.compile(r"^(FOIA|EIR|FOISA|EISR) (s\d+[A-Z]?|reg\d+)((?:\([0-9a-zA-Z]+\))*)$")


def is_normalised(citation: str) -> bool:
    """True for "FOIA s40(2)", "EIR reg12(4)(b)", "FOISA s38(1)(a)", "EISR reg10(4)(a)"."""
    return _CITATION.match(citation) is not None
