"""Numbers after "section" that are not FOIA / EIR / FOISA / EISR provisions (LABELS.md: Data
Protection Act sections, Fees Regulations and other statutes are not counted).

Read from the words right after the citation, once it is known not to name one of our Acts:
- another law named: "section 21 of the Local Government Act", "s.45 DPA 2018",
  "section 7 of the 2018 Act" (the 2000 Act is FOIA, the 2002 Act FOISA), "regulation 4 of
  the fees regulations";
- a part of a document: "section 3 of your request", "section 2 of the report";
- another statute's powers as requests and letters name them: "section 60 searches",
  "section 38 agreements", "section 21 notices" (FOIA's own notices, "section 17 notice",
  "section 9 fees notice", are kept);
- the text stops before saying which law: "section 3 of t".
"""

from __future__ import annotations

import re

_JOINERS = r"(?:and|of|for|the|in|on|to)"
_OTHER_LAW = re.compile(
    r"\s*,?\s*(?:of|under|in|within)\s+(?:the\s+)?"
    rf"(?P<law>(?:[A-Z(][\w'(),&-]*\s+|{_JOINERS}\s+){{0,14}}?"
    r"(?:Act|Regulations|Order|Rules|Code|Measure|Bill|Directive)\b)"
)
# Other laws by their usual acronyms, with or without "of the".
_ACRONYM = re.compile(
    r"\s*,?\s*(?:(?:of|under|in)\s+(?:the\s+)?)?(?:UK\s+)?"
    r"(?:DPA|GDPR|PACE|RIPA|RIP\(S\)A|IPA|HRA|MHA|RTA|RTRA|CPIA|CJA|CJPOA|PRA|LGA|TCPA|PECR"
    r"|SOCPA|OAPA|PHA|MDA|ASBCPA|DVCVA|SOA|FSA|EqA)\b"
)
_YEAR_ACT = re.compile(r"\s*(?:of|under|in)\s+the\s+(?P<year>\d{4})\s+(?:Act|Regulations)\b")
_OUR_YEARS = frozenset({"2000", "2002", "2004"})
_LOWER_LAW = re.compile(
    r"\s*(?:of|under|in)\s+the\s+(?:fees|appropriate\s+limit|data\s+protection|police)"
    r"\s+(?:regulations|act|rules|order)\b",
    re.I,
)
_DOCUMENT = re.compile(
    r"\s*(?:of|in|within)\s+(?:your|our|this|that|the|my|their|its|his|her)\s+"
    r"(?:(?:original|attached|enclosed|above|previous|initial|first|second|FOI|information)\s+)?"
    r"(?:request|e-?mail|letter|report|document|policy|guidance|plan|form|website|web\s?page|contract"
    r"|agreement|appendix|annex|response|reply|complaint|application|questionnaire|survey"
    r"|spreadsheet|template|manual|handbook|procedure|strategy|minutes|agenda|notes|schedule"
    r"|table|file|leaflet|booklet|statement|submission|bid|tender|specification|framework)s?\b",
    re.I,
)
# "section 60 searches": another statute's power, named by what is done under it; FOIA's own
# notices ("section 17 notice") and offence (s77) are kept.
_POWER = re.compile(
    r"\s*(?P<word>stop(?:s|\s+and\s+search(?:es)?)?|search(?:es)?|agreements?|orders?|detentions?"
    r"|detained|warrants?|(?P<offence>offences?)|seizures?|dispersals?|licen[cs]es?"
    r"|authori[sz]ations?|powers?|arrests?|assaults?|(?P<notice>notices?))\b",
    re.I,
)
_OUR_NOTICES = frozenset({"9", "10", "12", "14", "17"})
_CUT_LAW = re.compile(r"\s*(?:of|under|in)(?:\s+\w{0,12})?\s*$")
# "section 6 which remains redacted": a part of a document (a provision is not redacted).
_DOCUMENT_STATE = re.compile(
    r"\s*,?\s+(?:which|that)\s+(?:still\s+)?(?:remains?|is|was|are|were|has\s+been|have\s+been)\s+"
    r"(?:\w+\s+)?(?:redacted|blanked|removed|missing|illegible|blank)\b",
    re.I,
)
# "the Copyright, Designs and Patents Act 1988 (sections 29 and 30)": another law, named first.
_LAW_BEFORE = re.compile(
    r"\b(?P<law>(?:[A-Z][\w'’,&-]*\s+|(?:and|of|for|the|on)\s+){1,10}(?:Act|Regulations|Order))"
    r"(?:\s+\d{4})?\s*\(\s*$"
)
_OUR_LAWS = re.compile(r"Freedom\s+of\s+Information|Environmental\s+Information", re.I)


def not_ours(text: str, end: int, number: str) -> bool:
    """True when the citation of ``number`` ending at ``end`` is not one of our provisions
    (the caller has already checked that no FOIA / EIR / FOISA / EISR name follows)."""
    if _CUT_LAW.match(text, end) or _DOCUMENT.match(text, end) or _LOWER_LAW.match(text, end):
        return True
    if _DOCUMENT_STATE.match(text, end):
        return True
    year = _YEAR_ACT.match(text, end)
    if year:
        return year.group("year") not in _OUR_YEARS
    other = _OTHER_LAW.match(text, end)
    if other and not re.match(r"(?:the\s+)?(?:Act|Regulations)\b", other.group("law")):
        return True
    if _ACRONYM.match(text, end):
        return True
    power = _POWER.match(text, end)
    if power is None:
        return False
    if power.group("notice"):
        return number not in _OUR_NOTICES
    return not (power.group("offence") and number == "77")


_NAMES_EIR = re.compile(
    r"Environment(?:al)?\s+Information\s+(?:\(Scotland\)\s+)?Regulations|\bEIRs?\b|\bEISRs?\b|\bEIR['’]s",
    re.I,
)
# A set of Regulations named ("the Fees Regulations", "(Appropriate Limit and Fees) Regulations",
# "the Regulations"), not a citation of one ("regulations 12(4)(e) and 12(5)(b)").
_NAMES_REGULATIONS = re.compile(
    r"(?:\b[A-Z][A-Za-z]*\)?|\b[Ff]ees|\b[Tt]h(?:e|ose|ese))\s+Regulations\b"
)


def law_named_before(text: str, start: int) -> bool:
    """True when the citation starting at ``start`` is in brackets after another law's name."""
    before = _LAW_BEFORE.search(text, max(0, start - 160), start)
    return bool(before) and not _OUR_LAWS.search(before.group("law"))  # type: ignore[union-attr]


def regulations_elsewhere(text: str) -> bool:
    """A letter that names some Regulations (the Fees Regulations of a cost refusal) but never
    the EIR or EISR: its bare "regulation 4(3)" is theirs, not the EIR's."""
    return bool(_NAMES_REGULATIONS.search(text)) and not _NAMES_EIR.search(text)


# "Section 2: Background": a heading of the letter's own sections, not a provision. A heading
# that names a provision says what it is about ("Section 40 – Personal information").
_HEADING = re.compile(r"[ \t]*[:.–—-][ \t]*(?P<title>[^\n]{1,80})")
_FOI_WORDS = re.compile(
    r"\b(?:exempt\w*|exception|FOIA?|FOISA|EIR|Act|refus\w*|notice|cost|vexatious|personal"
    r"|prejudice|public\s+interest|held|information)\b",
    re.I,
)


def document_heading(text: str, keyword_start: int, end: int, name: str | None) -> bool:
    """True for "Section N" opening a line as a heading whose title is neither the provision's
    ``name`` (from the provisions table) nor about FOI."""
    line_start = text.rfind("\n", 0, keyword_start) + 1
    if text[line_start:keyword_start].strip():
        return False
    heading = _HEADING.match(text, end)
    if heading is None or _in_provision_list(text, line_start):
        return False
    title = heading.group("title")
    if _FOI_WORDS.search(title):
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", name or "")}
    return not words & {w.lower() for w in re.findall(r"[A-Za-z]{4,}", title)}


_LIST_INTRO = re.compile(
    r"\b(?:exemptions?|exceptions?|provisions?|sections?)\b[^\n]{0,60}:[ \t]*$", re.I
)
_LIST_SIBLING = re.compile(r"^[ \t]*(?:[-•·*][ \t]*)?(?:sections?|regulations?|s\.?)[ \t]*\d", re.I)


def _in_provision_list(text: str, line_start: int) -> bool:
    """A line under "... by virtue of the following exemptions:" (or among its siblings,
    "Section 31(1)(a) - Law Enforcement") is an item of that list, not a document heading."""
    lines = text[max(0, line_start - 600) : line_start].split("\n")[-8:]
    for line in reversed(lines):
        if not line.strip() or _LIST_SIBLING.match(line):
            continue
        return bool(_LIST_INTRO.search(line))
    return False
