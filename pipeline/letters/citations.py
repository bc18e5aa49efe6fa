"""Provisions cited in a letter, normalised (``FOIA s40(2)``, ``EIR reg12(5)(e)``,
``FOISA s38(1)(b)``, ``EISR reg10(4)(b)``, ``FOIA Sch1 PtVI``), and whether the authority
relies on them.

The regime is decided first, for the letter and then for each citation: section numbers
collide across regimes (FOIA s40 is personal data, FOISA s40 is audit; EIR reg 12 is the
exceptions, FOIA s12 the cost limit); regulations named in a Scottish letter are the EISR's.
A list is expanded: "sections 40(2), 41 and 43(2)" is three citations, "s.31(1)(a) and (b)"
and "s.31(1)(a)(b)" are s31(1)(a) and s31(1)(b), "30(b)(ii) and (c)" is s30(b)(ii) and s30(c),
"sections 26(1)(b) (Defence) and 38" skips the names. Every letter repeats the requester's
rights (s1, s17, s50 …), so those are kept as mentions but not counted as relied on.

``find_mentions`` gives every mention; ``drop_ancestors`` folds them into the citations the
outcome rules read (``find_citations`` does both), and ``distinct_citations`` into ``provisions_cited`` (LABELS.md: every
distinct form named, "section 14" beside "section 14(1)", in order of first mention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.letters import schedules
from pipeline.letters.model import Citation, Evidence
from pipeline.letters.other_law import (
    document_heading,
    law_named_before,
    not_ours,
    regulations_elsewhere,
)
from pipeline.provisions import lookup

_FOISA_MARKERS = re.compile(
    r"\(Scotland\)\s+(?:Act|Regulations)|\bFOISA\b|Scottish\s+Information\s+Commissioner|Kinburn\s+Castle|foi\.scot|itspublicknowledge",
    re.I,
)
_EIR_MARKERS = re.compile(
    r"Environmental\s+Information\s+Regulations|\bEIR\b|\bregulations?\s+\d|\breg\.?\s*\d", re.I
)

_KEYWORD = re.compile(
    r"(?P<kw>\bsections?\b|(?-i:\b[Ss]ecs?\b)\.?|(?<!['’])\bss?\.\s?(?=\d)|(?<!['’])\bs(?=\d)"
    r"|(?<!['’])\bs\s(?=\d{1,2}[A-Z]?\s?\()"
    r"|\bregulations?\b|\bregs?\b\.?"
    r"|\b(?:exempt|withheld|exception|exemption)\s+(?:under|at|by\s+virtue\s+of)(?=\s+\d)"
    r"|\b(?:exemptions?|exceptions?)(?=\s+\d{1,2}[A-Z]?\s?\())\s*",
    re.I,
)
_SUB = r"\(\s*(?:\d{1,2}[A-Z]?|[a-z]{1,2}|[ivx]{1,4})\s*\)"
# "11a" is s11A; "33 1(b)" and "33(1)b" are typed forms of 33(1)(b).
_ITEM = re.compile(
    rf"(?P<num>\d{{1,2}}(?:[A-Z]|[a-z](?![a-z]))?)(?![\d/.:,]\d)"
    rf"(?:\s(?P<loose>\d)(?=\(\s*[a-z]\s*\)))?(?P<subs>(?:\s?{_SUB})*)(?:(?<=\))(?P<bare>[a-h])(?![\w(]))?"
)
_CONTINUATION = re.compile(rf"(?P<subs>(?:{_SUB})+)")
_SEPARATOR = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|and/or|to)\s+|\s?&\s?|/)\s*(?:[•·▪]\s*)?", re.I
)
# A list set out as bullets, or with each item's name after it ("38(1)(b) personal data;
# 30(c) public affairs"): an item after such a break must have parts to be read as one.
_LOOSE_SEPARATOR = re.compile(
    r"[ \t]*[,;]?[ \t]*\n\s*(?:[•·▪*]|-(?=\s))?\s*|\s+(?=[A-Za-z])[^;\n\d()]{2,80};\s*"
)
# "sections:" / "sections;" then the list, often bulleted, on the lines below.
_LIST_LEAD = re.compile(r"[ \t]*[:;]?\s*(?:[•·▪*][ \t]*)?")
# "40.—(1) Any information …": a section of the Act quoted as legislation prints it.
_QUOTED = re.compile(
    r"(?m)^[ \t]*(?P<num>\d{1,2}[A-Z]?)\.[ \t]*[—–-]{1,2}[ \t]*(?P<sub>\(\d{1,2}[A-Z]?\))[ \t]*[A-Z]"
)
# "(Defence)", "(Health & Safety)": a provision's name between the items of a list.
_NAME = re.compile(
    r"\s*\((?=[A-Z])[^()\d]{2,60}\)"
    r"|\s*\((?=[A-Za-z])(?![ivx]{1,4}\))(?:[^()\d]|\([^()\d]{1,40}\)){4,160}\)"
)
# "S1 1UJ" is a postcode and "12 May" a date, not a section.
_POSTCODE = re.compile(r"\s?\d[A-Z]{2}\b")
_MONTH = re.compile(
    r"\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_NOT_A_SECTION = re.compile(
    r"\s*(?:hours?|days?|working|weeks?|months?|years?|%|pm|am|minutes?|pages?|miles?)\b", re.I
)
_ACT_SUFFIX = re.compile(
    r"\s*(?:of\s+(?:the\s+)?)?(?P<act>Freedom\s+of\s+Information\s+\(Scotland\)\s+Act|FOISA"
    r"|FOI\s*\(S\)\s*A|FOI\s+\(Scotland\)\s+Act|Freedom\s+of\s+Information\s+Act|FOIA|FOI\s+Act"
    r"|Environmental\s+Information\s+\(Scotland\)\s+Regulations|EISRs?"
    r"|Environmental\s+Information\s+Regulations|EIRs?)\b",
    re.I,
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
    "EISR": frozenset({"reg2", "reg5(1)", "reg5(2)", "reg7", "reg13", "reg16", "reg17"}),
}
# Bare numbers that are boilerplate only when cited bare: "regulation 5" is the time limit,
# "regulation 5(3)" the personal-data redirect.
BARE_BOILERPLATE = frozenset({"EIR reg5"})
# Procedural provisions a holding letter may name without deciding anything.
ADVICE = frozenset({"FOIA s16", "EIR reg9", "FOISA s15", "EISR reg9"})


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


def _kind(token: str, after: str | None = None) -> str:
    """digit, roman or letter; a lone "(i)" / "(v)" / "(x)" is roman only after a letter."""
    head = token.strip("()")
    if head[0].isdigit():
        return "digit"
    if _ROMAN.match(head) and (len(head) > 1 or after in (None, "letter", "roman")):
        return "roman"
    return "letter"


def _siblings(parts: tuple[str, ...]) -> list[tuple[str, ...]]:
    """ "(1)(a)(b)" names (1)(a) and (1)(b): a run of parts of one kind in rising order is a
    list, not a nesting (a nesting changes kind: "(2)(b)(i)")."""
    kinds: list[str] = []
    for token in parts:
        kinds.append(_kind(token, kinds[-1] if kinds else None))
    for index in range(1, len(parts)):
        if kinds[index] != kinds[index - 1] or kinds[index] == "roman":
            continue
        if parts[index].strip("()") <= parts[index - 1].strip("()"):
            continue
        end = index + 1
        while end < len(parts) and kinds[end] == kinds[index]:
            end += 1
        head, tail = parts[: index - 1], parts[end:]
        return [(*head, token, *tail) for token in parts[index - 1 : end]]
    return [parts]


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


def _add(
    found: list[_Raw], keyword: str, number: str, parts: tuple[str, ...], match: re.Match[str]
) -> None:
    for each in _siblings(parts):
        found.append(_Raw(keyword, number, each, match.start(), match.end()))


def _after_item(text: str, end: int) -> int:
    name = _NAME.match(text, end)
    return name.end() if name else end


def _item_parts(match: re.Match[str]) -> tuple[str, ...]:
    loose, bare = match.group("loose"), match.group("bare")
    head = (f"({loose})",) if loose else ()
    return head + _parts(match.group("subs")) + ((f"({bare})",) if bare else ())


def _scan_list(text: str, position: int, keyword: str, needs_parts: bool) -> list[_Raw]:
    found: list[_Raw] = []
    if keyword.lower().endswith("s"):
        position = _LIST_LEAD.match(text, position).end()  # type: ignore[union-attr]
    match = _ITEM.match(text, position)
    while match:
        number, parts = match.group("num").upper(), _item_parts(match)
        if _NOT_A_SECTION.match(text, match.end()) or int(re.sub(r"\D", "", number)) > 90:
            break
        if needs_parts and not parts:
            break
        if not parts and (_POSTCODE.match(text, match.end()) or _MONTH.match(text, match.end())):
            break
        _add(found, keyword, number, parts, match)
        after = _after_item(text, match.end())
        separator = _SEPARATOR.match(text, after)
        if not separator:
            loose = _LOOSE_SEPARATOR.match(text, after)
            following = _ITEM.match(text, loose.end()) if loose else None
            if loose is None or following is None or not _item_parts(following):
                break
            separator = loose
        position = separator.end()
        continuation = _CONTINUATION.match(text, position)
        while continuation and found:
            last = found[-1]
            parts = _continue(last, _parts(continuation.group("subs")))
            _add(found, keyword, last.number, parts, continuation)
            separator = _SEPARATOR.match(text, _after_item(text, continuation.end()))
            if not separator:
                return found
            position = separator.end()
            continuation = _CONTINUATION.match(text, position)
        match = _ITEM.match(text, position)
    return found


def _other_law(text: str, last: _Raw) -> bool:
    return not _ACT_SUFFIX.match(text, last.end) and not_ours(text, last.end, last.number)


def _citation_regime(text: str, raw: list[_Raw], default: str) -> str:
    keyword = raw[0].keyword.lower()
    suffix = _ACT_SUFFIX.match(text, raw[-1].end)
    if suffix:
        act = re.sub(r"\s", "", suffix.group("act").lower())
        if act.startswith("environmental") or act.startswith(("eir", "eisr")):
            scottish = "scotland" in act or act.startswith("eisr") or default == "FOISA"
            return "EISR" if scottish else "EIR"
        if "scotland" in act or act in ("foisa", "foi(s)a"):
            return "FOISA"
        return "FOIA"
    prefix = text[max(0, raw[0].start - 40) : raw[0].start]
    if keyword.startswith("reg") or re.search(r"\bEIRs?\s*$", prefix):
        return "EISR" if default == "FOISA" else "EIR"
    if re.search(r"\bFOISA\s*$", prefix):
        return "FOISA"
    if default == "EIR":  # EIR has regulations, not sections: "section 39" is FOIA's
        return "FOIA"
    return default


def find_mentions(text: str, regime: str, rights_from: int) -> list[Citation]:
    """Every mention of a provision, in order; ``relied_on`` is False for boilerplate
    provisions, mentions inside the rights block (from ``rights_from``) and negated mentions
    ("cannot be relied on")."""
    citations: list[Citation] = []
    fees_regulations = regulations_elsewhere(text)
    for keyword in _KEYWORD.finditer(text):
        kw = keyword.group("kw")
        needs_parts = kw.lower().startswith(("exempt", "withheld", "exception"))
        raw = _scan_list(text, keyword.end(), kw, needs_parts)
        if not raw:
            continue
        if _other_law(text, raw[-1]) or law_named_before(text, keyword.start()):
            continue
        cited_regime = _citation_regime(text, raw, regime)
        if (
            cited_regime in ("EIR", "EISR")
            and fees_regulations
            and not _ACT_SUFFIX.match(text, raw[-1].end)
        ):
            continue
        if len(raw) == 1 and not raw[0].parts:
            row = lookup(f"{cited_regime} s{raw[0].number}")
            if document_heading(text, keyword.start(), raw[0].end, row.name if row else None):
                continue
        tail = text[raw[-1].end : raw[-1].end + 120].split(".", 1)[0]
        negated = bool(_NEGATED.search(tail))
        for item in raw:
            prefix = "reg" if cited_regime in ("EIR", "EISR") else "s"
            provision = prefix + item.number + "".join(item.parts)
            normalised = f"{cited_regime} {provision}"
            boiler = normalised in BARE_BOILERPLATE or any(
                provision == entry or provision.startswith(entry + "(")
                for entry in BOILERPLATE.get(cited_regime, ())
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
    citations += _quoted(text, regime)
    citations += schedules.find_schedules(text, regime, rights_from)
    return sorted(citations, key=lambda c: c.evidence.start)


def _quoted(text: str, regime: str) -> list[Citation]:
    """Sections quoted from the Act: named, never relied on by the quoting."""
    prefix = "reg" if regime in ("EIR", "EISR") else "s"
    return [
        Citation(
            f"{regime} {prefix}{m.group('num')}{m.group('sub')}",
            False,
            0.5,
            Evidence.of(text, m.start("num"), m.end("sub")),
        )
        for m in _QUOTED.finditer(text)
    ]


def find_citations(text: str, regime: str, rights_from: int) -> list[Citation]:
    """The citations the outcome rules read: each mention once per role, a relied-on
    provision's ancestors ("section 30" after "section 30(1)(a)") folded into it."""
    return drop_ancestors(find_mentions(text, regime, rights_from))


def distinct_citations(mentions: list[Citation]) -> list[Citation]:
    """``provisions_cited``: the first mention of each distinct normalised form, in order."""
    first: dict[str, Citation] = {}
    for mention in mentions:
        first.setdefault(mention.citation, mention)
    return list(first.values())


def drop_ancestors(citations: list[Citation]) -> list[Citation]:
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
