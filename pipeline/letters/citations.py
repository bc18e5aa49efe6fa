"""Provisions cited in a letter, normalised (``FOIA s40(2)``, ``EIR reg12(5)(e)``,
``FOISA s38(1)(b)``), and whether the authority relies on them.

The regime is decided first, for the letter and then for each citation: section numbers
collide across regimes (FOIA s40 is personal data, FOISA s40 is audit; EIR reg 12 is the
exceptions, FOIA s12 the cost limit). A list is expanded: "sections 40(2), 41 and 43(2)" is
three citations, "s.31(1)(a) and (b)" is s31(1)(a) and s31(1)(b), "30(b)(ii) and (c)" is
s30(b)(ii) and s30(c). Every letter repeats the requester's rights (s1, s17, s50 …), so those
are kept as mentions but not counted as relied on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.letters.model import Citation, Evidence

_FOISA_MARKERS = re.compile(
    r"\(Scotland\)\s+Act|\bFOISA\b|Scottish\s+Information\s+Commissioner|Kinburn\s+Castle|foi\.scot|itspublicknowledge",
    re.I,
)
_EIR_MARKERS = re.compile(
    r"Environmental\s+Information\s+Regulations|\bEIR\b|\bregulations?\s+\d|\breg\.?\s*\d", re.I
)

_KEYWORD = re.compile(
    r"(?P<kw>\bsections?\b|\bss?\.\s?(?=\d)|\bs(?=\d)|\bregulations?\b|\bregs?\b\.?"
    r"|\b(?:exempt|withheld|exception|exemption)\s+(?:under|at|by\s+virtue\s+of)(?=\s+\d))\s*",
    re.I,
)
_SUB = r"\(\s*(?:\d{1,2}[A-Z]?|[a-z]{1,4})\s*\)"
_ITEM = re.compile(rf"(?P<num>\d{{1,2}}[A-Z]?)(?![\d/.:,]\d)(?P<subs>(?:\s?{_SUB})*)")
_CONTINUATION = re.compile(rf"(?P<subs>(?:{_SUB})+)")
_SEPARATOR = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|and/or|to)\s+|\s?&\s?|/)\s*", re.I
)
_NOT_A_SECTION = re.compile(
    r"\s*(?:hours?|days?|working|weeks?|months?|years?|%|pm|am|minutes?|pages?|miles?)\b", re.I
)
_ACT_SUFFIX = re.compile(
    r"\s*(?:of\s+(?:the\s+)?)?(?P<act>Freedom\s+of\s+Information\s+\(Scotland\)\s+Act|FOISA"
    r"|Freedom\s+of\s+Information\s+Act|FOIA|FOI\s+Act|Environmental\s+Information\s+Regulations|EIR)\b",
    re.I,
)
# "section 21 of the Local Government Act": a provision of some other law.
_OTHER_LAW = re.compile(
    r"\s*(?:of|under|in)\s+(?:the\s+)?(?P<law>(?:[A-Z(][\w'(),&-]*\s+){0,8}?(?:Act|Regulations|Order|Rules|Code)\b)"
)
_NEGATED = re.compile(
    r"\b(?:cannot|can\s*not|can't|could\s+not|no\s+longer|does\s+not|do\s+not|did\s+not|not)\s+(?:be\s+)?(?:relied|apply|applies|applied|engaged|engage)\b",
    re.I,
)
_ROMAN = re.compile(r"^(?:i{1,3}|iv|vi{0,3}|ix|x)$")

# Mentioned in every letter's rights and procedure paragraphs; never the ground of a decision.
BOILERPLATE: dict[str, frozenset[str]] = {
    "FOIA": frozenset({"s1", "s2", "s8", "s10", "s17", "s45", "s50", "s57"}),
    "EIR": frozenset(
        {
            "reg2",
            "reg5(1)",
            "reg5(2)",
            "reg5(4)",
            "reg5(5)",
            "reg7",
            "reg11",
            "reg12(1)",
            "reg12(2)",
            "reg14",
            "reg18",
        }
    ),
    "FOISA": frozenset({"s1", "s2", "s10", "s16", "s17", "s19", "s20", "s21", "s47"}),
}
# Bare numbers that are boilerplate only when cited bare: "regulation 5" is the time limit,
# "regulation 5(3)" the personal-data redirect.
BARE_BOILERPLATE = frozenset({"EIR reg5"})
# Procedural provisions a holding letter may name without deciding anything.
ADVICE = frozenset({"FOIA s16", "EIR reg9", "FOISA s15"})


def letter_regime(text: str) -> tuple[str, re.Match[str] | None]:
    """FOISA if any Scottish marker, else EIR if any EIR marker, else FOIA."""
    scottish = _FOISA_MARKERS.search(text)
    if scottish:
        return "FOISA", scottish
    environmental = _EIR_MARKERS.search(text)
    if environmental:
        return "EIR", environmental
    return "FOIA", None


@dataclass(frozen=True, slots=True)
class _Raw:
    keyword: str
    number: str
    parts: tuple[str, ...]
    start: int
    end: int


def _parts(subs: str) -> tuple[str, ...]:
    return tuple(re.sub(r"\s", "", p) for p in re.findall(_SUB, subs))


def _continue(previous: _Raw, parts: tuple[str, ...]) -> tuple[str, ...]:
    """``(b)`` after ``31(1)(a)`` replaces the last part of the same kind: ``31(1)(b)``."""
    head = parts[0].strip("()")
    kind = "digit" if head[0].isdigit() else "roman" if _ROMAN.match(head) else "letter"
    for index in range(len(previous.parts) - 1, -1, -1):
        token = previous.parts[index].strip("()")
        token_kind = "digit" if token[0].isdigit() else "roman" if _ROMAN.match(token) else "letter"
        if token_kind == kind or (kind == "roman" and token_kind == "letter" and len(head) == 1):
            if kind == "roman" and token_kind == "letter" and not _ROMAN.match(token):
                continue
            return previous.parts[:index] + parts
    return previous.parts + parts


def _scan_list(text: str, position: int, keyword: str, needs_parts: bool) -> list[_Raw]:
    found: list[_Raw] = []
    match = _ITEM.match(text, position)
    while match:
        number, parts = match.group("num"), _parts(match.group("subs"))
        if _NOT_A_SECTION.match(text, match.end()) or int(re.sub(r"\D", "", number)) > 90:
            break
        if needs_parts and not parts:
            break
        found.append(_Raw(keyword, number, parts, match.start(), match.end()))
        separator = _SEPARATOR.match(text, match.end())
        if not separator:
            break
        position = separator.end()
        continuation = _CONTINUATION.match(text, position)
        while continuation and found:
            last = found[-1]
            parts = _continue(last, _parts(continuation.group("subs")))
            found.append(
                _Raw(keyword, last.number, parts, continuation.start(), continuation.end())
            )
            separator = _SEPARATOR.match(text, continuation.end())
            if not separator:
                return found
            position = separator.end()
            continuation = _CONTINUATION.match(text, position)
        match = _ITEM.match(text, position)
    return found


def _other_law(text: str, end: int) -> bool:
    if _ACT_SUFFIX.match(text, end):
        return False
    other = _OTHER_LAW.match(text, end)
    return bool(other) and not re.match(r"(?:the\s+)?(?:Act|Regulations)\b", other.group("law"))


def _citation_regime(text: str, raw: list[_Raw], default: str) -> str:
    keyword = raw[0].keyword.lower()
    suffix = _ACT_SUFFIX.match(text, raw[-1].end)
    if suffix:
        act = suffix.group("act").lower()
        if "scotland" in act or act == "foisa":
            return "FOISA"
        if "environmental" in act or act == "eir":
            return "EIR"
        return "FOIA"
    prefix = text[max(0, raw[0].start - 40) : raw[0].start]
    if keyword.startswith("reg") or re.search(r"\bEIR\s*$", prefix):
        return "EIR"
    if re.search(r"\bFOISA\s*$", prefix):
        return "FOISA"
    if default == "EIR":  # EIR has regulations, not sections: "section 39" is FOIA's
        return "FOIA"
    return default


def find_citations(text: str, regime: str, rights_from: int) -> list[Citation]:
    """Every citation, in order; ``relied_on`` is False for boilerplate provisions, mentions
    inside the rights block (from ``rights_from``) and negated mentions ("cannot be relied on")."""
    citations: list[Citation] = []
    for keyword in _KEYWORD.finditer(text):
        kw = keyword.group("kw")
        needs_parts = kw.lower().startswith(("exempt", "withheld", "exception"))
        raw = _scan_list(text, keyword.end(), kw, needs_parts)
        if not raw:
            continue
        if _other_law(text, raw[-1].end):
            continue
        cited_regime = _citation_regime(text, raw, regime)
        tail = text[raw[-1].end : raw[-1].end + 120].split(".", 1)[0]
        negated = bool(_NEGATED.search(tail))
        for item in raw:
            prefix = "reg" if cited_regime == "EIR" else "s"
            provision = prefix + item.number + "".join(item.parts)
            normalised = f"{cited_regime} {provision}"
            boiler = normalised in BARE_BOILERPLATE or any(
                provision == entry or provision.startswith(entry + "(")
                for entry in BOILERPLATE[cited_regime]
            )
            relied = not (boiler or negated or keyword.start() >= rights_from)
            start = keyword.start() if item is raw[0] else item.start
            citations.append(
                Citation(
                    normalised,
                    relied,
                    0.9 if relied else 0.5,
                    Evidence.of(text, start, item.end),
                )
            )
    return _drop_ancestors(citations)


def _drop_ancestors(citations: list[Citation]) -> list[Citation]:
    """ "Section 30 is a qualified exemption" after "section 30(1)(a)" is the same provision."""
    relied = {c.citation for c in citations if c.relied_on}
    kept: list[Citation] = []
    seen: set[tuple[str, bool]] = set()
    for citation in citations:
        if citation.relied_on and any(
            other != citation.citation and other.startswith(citation.citation + "(")
            for other in relied
        ):
            continue
        key = (citation.citation, citation.relied_on)
        if key in seen:
            continue
        seen.add(key)
        kept.append(citation)
    return kept
