"""Reference numbers, the WDTK request id, and regulator signposting.

WDTK's per-request address is ``request-<id>-<8 hex>@whatdotheyknow.com``; on the site's
public copies Alaveteli masks it as ``[FOI #<id> email]`` (the id survives the mask).
"""

from __future__ import annotations

import re

from pipeline.letters.model import Evidence, Finding, Reference

_WDTK_ADDRESS = re.compile(r"request-(?:bounce-)?(?P<id>\d+)-[0-9a-z]{8}@", re.I)
_WDTK_MASK = re.compile(r"\[FOI\s*#(?P<id>\d+)\s+email\]", re.I)

_LABEL = re.compile(
    r"(?P<label>\b(?:(?P<yours>your)|(?P<ours>our)|(?P<case>case|internal\s+review|review))?\s*"
    r"(?:foi|eir|request|information\s+request)?\s*ref(?:erence)?\b(?:\s*(?:no|number)\b)?\.?)"
    r"[ \t]*[:\-–]?[ \t]*",
    re.I,
)
_VALUE_END = re.compile(r",\s|\.\s|\.$|\s-\s|\s{2,}|\s(?:and|for|regarding|about|in)\s|\)|;", re.I)
_CODE = re.compile(r"\b(?:FOI|FOIR|EIR|IR)[-/ ]?\d{2,4}[-/]\d{2,6}\b")

_ICO = re.compile(
    r"Information\s+Commissioner|Wycliffe\s+House|SK9\s*5AF|0303\s*123\s*1113|ico\.org\.uk|\bICO\b",
    re.I,
)
_SIC = re.compile(
    r"Scottish\s+Information\s+Commissioner|Kinburn\s+Castle|KY16\s*9DS|foi\.scot|itspublicknowledge",
    re.I,
)
_CASE_REF = re.compile(
    r"\bFS50\d{6}\b|\bFER0\d{6}\b|\bIC-\d{5,7}-[A-Z0-9]{4}\b|\bEA/\d{4}/\d{3,4}\b|\bDecision\s+\d{3}/\d{4}\b"
)


def wdtk_request_id(text: str) -> Finding[int | None]:
    for pattern, confidence in ((_WDTK_ADDRESS, 0.99), (_WDTK_MASK, 0.95)):
        match = pattern.search(text)
        if match:
            return Finding(
                int(match.group("id")), confidence, Evidence.of(text, match.start(), match.end())
            )
    return Finding(None, 0.9)


def references(text: str) -> list[Reference]:
    """Labelled references ("Our ref:", "Your ref:", "Case reference") and bare FOI codes."""
    found: list[Reference] = []
    for match in _LABEL.finditer(text):
        rest = text[match.end() : match.end() + 80].split("\n", 1)[0]
        cut = _VALUE_END.search(rest)
        value = (rest[: cut.start()] if cut else rest).strip(" .,:;")
        if not re.search(r"\d", value) or len(value.split()) > 4 or len(value) > 40:
            continue
        role = "yours" if match.group("yours") else "case" if match.group("case") else "ours"
        end = match.end() + rest.find(value) + len(value)
        found.append(Reference(role, value, Evidence.of(text, match.start("label"), end)))  # type: ignore[arg-type]
    known = {r.value for r in found}
    for match in _CODE.finditer(text):
        if not any(match.group(0) in value for value in known):
            found.append(
                Reference("ours", match.group(0), Evidence.of(text, match.start(), match.end()))
            )
            known.add(match.group(0))
    return _unique(found)


def _unique(found: list[Reference]) -> list[Reference]:
    seen: set[tuple[str, str]] = set()
    out = []
    for reference in found:
        if (reference.role, reference.value) not in seen:
            seen.add((reference.role, reference.value))
            out.append(reference)
    return out


def regulator(text: str) -> tuple[Finding[bool], str | None]:
    scottish = _SIC.search(text)
    match = scottish or _ICO.search(text)
    if match is None:
        return Finding(False, 0.8), None
    return Finding(True, 0.95, Evidence.of(text, match.start(), match.end())), (
        "SIC" if scottish else "ICO"
    )


def regulator_case_refs(text: str) -> list[Reference]:
    return [
        Reference("case", m.group(0), Evidence.of(text, m.start(), m.end()))
        for m in _CASE_REF.finditer(text)
    ]
