"""Kind, outcome, whether information is held, and whether a public-interest test was applied.

The outcome is a decision list, most specific first (foi-law.md §3.1 categories): a letter
that neither confirms nor denies may also mention personal data; a cost refusal also offers
advice; a partial disclosure also withholds. Only the decision paragraphs are read, never the
rights block every letter ends with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from pipeline.letters import cues, kind_cues
from pipeline.letters.citations import ADVICE
from pipeline.letters.model import Citation, Evidence, Finding, Kind, Outcome
from pipeline.letters.reading import RESTATED, decisive, statements, within
from pipeline.letters.text import Span, sentences
from pipeline.provisions import lookup

T = TypeVar("T")

_SAR_PROVISIONS = frozenset({"FOIA s40(1)", "EIR reg5(3)", "FOISA s38(1)(a)"})
_NOT_HELD_PROVISIONS = frozenset({"EIR reg12(4)(a)"})
# The environmental-information exemptions send a request to the EIR / EISR: the decision is
# the one taken under those Regulations, not a withholding in itself.
_REGIME_SWITCH = frozenset({"FOIA s39", "FOIA s39(1)", "FOISA s39", "FOISA s39(2)"})
# "relying on a claim that section 12 or section 14 applies" (the s17(5) duty, quoted).
_EITHER_GROUND = re.compile(
    r"\b12\s+or\s+(?:section\s+|s\.?\s?)?14\b|\b14\s+or\s+(?:section\s+|s\.?\s?)?12\b", re.I
)
# A sentence recounting the earlier response under review.
_EARLIER = re.compile(
    r"\b(?:we|I|the\s+\w+)\s+(?:originally\s+|previously\s+|initially\s+|first\s+)?(?:responded|replied)\s+to\s+(?:your|the|this)\s+request\b"
    r"|\b(?:original|initial|earlier|first|previous)\s+(?:response|decision|reply)\b[^.]{0,60}?\b(?:provid|releas|disclos|withh)",
    re.I,
)
# An acknowledgement is short; a longer letter that confirms receipt and decides is an answer.
SHORT_LETTER = 2500
_NCND_PROVISIONS = re.compile(r"^(?:FOIA s\d+[A-Z]?\((?:5[AB]?|2|3|4)\)$|EIR reg12\(6\)|FOISA s18)")


def search(pattern: re.Pattern[str], text: str, spans: Sequence[Span]) -> re.Match[str] | None:
    for span in spans:
        match = pattern.search(text, span.start, span.end)
        if match:
            return match
    return None


def _found(
    value: T, confidence: float, text: str, match: re.Match[str] | Evidence | None
) -> Finding[T]:
    if isinstance(match, re.Match):
        return Finding(value, confidence, Evidence.of(text, match.start(), match.end()))
    return Finding(value, confidence, match)


def _is_exemption(citation: str) -> bool:
    if citation in ADVICE or citation in _SAR_PROVISIONS or citation in _NOT_HELD_PROVISIONS:
        return False
    if citation in _REGIME_SWITCH:  # "section 39 applies, so we dealt with it under the EIR"
        return False
    row = lookup(citation)
    if row is None:
        return citation.startswith(("FOIA s2", "FOIA s3", "FOIA s4", "EIR reg12", "EIR reg13"))
    return row.kind in ("absolute", "qualified")


def answered_item(text: str, sentences_: Sequence[Span]) -> re.Match[str] | None:
    """An item of an itemised answer that states something and refuses nothing: beside a
    refusal of another item, the answer is a mixed one (LABELS: partly withheld)."""
    for item in cues.ITEM.finditer(text):
        body = item.group("body").strip()
        quoted = body[:1] in "'\"‘’“”"  # the request, quoted back
        if quoted or not within(item.start("body"), sentences_) or body.endswith("?"):
            continue
        if RESTATED.search(body):
            continue
        if cues.ITEM_STATES.search(body) and not cues.ITEM_REFUSES.search(body):
            return item
    return None


def _on_item(text: str, match: re.Match[str] | Evidence | None) -> bool:
    """Whether a cue sits on one item of an itemised answer (the refusal covers that item)."""
    if match is None:
        return False
    start = match.start() if isinstance(match, re.Match) else match.start
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return cues.ITEM.match(line) is not None


def outcome(
    text: str, spans: Sequence[Span], citations: list[Citation], overturned: bool
) -> Finding[Outcome | None]:
    """The decision, read from the letter's own decisive sentences (``reading.statements``)."""
    sentences_ = statements(text, spans)

    def find(pattern: re.Pattern[str]) -> re.Match[str] | None:
        return search(pattern, text, sentences_)

    def cited(test: Callable[[str], bool]) -> Evidence | None:
        citation = next(
            (
                c
                for c in citations
                if c.relied_on and test(c.citation) and within(c.evidence.start, sentences_)
            ),
            None,
        )
        return citation.evidence if citation else None

    strong = find(cues.DISCLOSE_STRONG) or find(cues.ANSWER)
    item = answered_item(text, sentences_)
    mixed = strong or item  # something stated, for telling a mixed answer from a refusal
    cost_cited = cited(lambda c: c.startswith(("FOIA s12", "FOISA s12")))
    ncnd = find(cues.NCND)
    if ncnd:
        if cost_cited:  # "neither confirm nor deny … section 12(2)": the ground is cost
            return _found("cost_limit", 0.8, text, cost_cited)
        if mixed or find(cues.PARTLY_GIVEN):  # some answered or given, the rest not confirmed
            return _found("partly_withheld", 0.7, text, ncnd)
        return _found("neither_confirm_nor_deny", 0.95, text, ncnd)
    sar = find(cues.SUBJECT_ACCESS) or (
        None if strong or not find(cues.ABOUT_REQUESTER) else cited(lambda c: c in _SAR_PROVISIONS)
    )
    if sar:
        return _found("subject_access_redirect", 0.85, text, sar)
    unreasonable = cited(lambda c: c == "EIR reg12(4)(b)")
    vexatious = find(cues.VEXATIOUS) or cited(lambda c: c.startswith(("FOIA s14", "FOISA s14")))
    if isinstance(vexatious, Evidence) and _either_ground(text, vexatious):
        vexatious = None
    if vexatious:
        return _found("vexatious", 0.9, text, vexatious)
    exemption = cited(_is_exemption)
    cost = cost_cited or find(cues.COST)
    if cost or unreasonable:
        part_only = (
            find(cues.COST_PART)
            or (item and _on_item(text, cost or unreasonable))
            or _same_sentence(text, find(cues.PARTIAL), cost or unreasonable)
        )
        if mixed and (part_only or exemption) and not find(cues.VOLUNTEERED):
            return _found("partly_withheld", 0.7, text, find(cues.COST_PART) or mixed)
        return _found("cost_limit", 0.85 if cost else 0.6, text, cost or unreasonable)
    disclose = strong or find(cues.DISCLOSE)
    if overturned and disclose and not _partial_now(text, sentences_):
        return _found("granted_in_full", 0.8, text, disclose)
    not_held = find(cues.NOT_HELD) or cited(lambda c: c in _NOT_HELD_PROVISIONS)
    partial = find(cues.PARTIAL)
    if not_held and not exemption:  # "the exception at 12(4)(a)" is a not-held finding
        if mixed or partial:  # some given, the rest not held
            return _found("partly_withheld", 0.7, text, partial or mixed)
        return _found("not_held", 0.9, text, not_held)
    withhold = find(cues.WITHHOLD)
    if exemption or withhold:
        evidence = exemption or withhold
        if mixed or partial:
            return _found("partly_withheld", 0.85, text, partial or mixed)
        return _found("withheld_in_full", 0.8 if exemption else 0.6, text, evidence)
    if not_held:
        return _found("not_held", 0.8, text, not_held)
    redirect = find(cues.REDIRECT)
    if redirect and not strong:
        return _found("advice_and_assistance", 0.7, text, redirect)
    # s16(1) / reg 9(1) is the duty to advise; reg 9(2) is the request for clarification.
    advice = cited(lambda c: any(c in (a, a + "(1)") for a in ADVICE)) or find(cues.ADVICE)
    if advice and not disclose:
        return _found("advice_and_assistance", 0.7, text, advice)
    if disclose and partial:  # given, with a part left out ("has not been included")
        return _found("partly_withheld", 0.6, text, partial)
    if disclose and not find(kind_cues.COVERING):
        return _found("granted_in_full", 0.8, text, disclose)
    return Finding(None, 0.5)  # includes a cover e-mail: its attachment decides


def information_held(
    text: str, spans: Sequence[Span], decided: Outcome | None
) -> Finding[bool | None]:
    if decided == "neither_confirm_nor_deny":
        return Finding(None, 0.9)
    not_held = search(cues.NOT_HELD, text, spans)
    if decided == "not_held" and not_held:
        return _found(False, 0.9, text, not_held)
    held = search(cues.HELD, text, spans)
    if held:
        return _found(True, 0.9, text, held)
    if decided in ("granted_in_full", "partly_withheld", "withheld_in_full"):
        return Finding(True, 0.7)
    if decided == "not_held":
        return Finding(False, 0.7)
    return Finding(None, 0.5)


def public_interest_test(text: str, spans: Sequence[Span]) -> Finding[bool]:
    for span in spans:
        for sentence in sentences(text, span.start, span.end):
            if cues.PUBLIC_INTEREST_DENIED.search(sentence.text):
                continue
            match = cues.PUBLIC_INTEREST.search(text, sentence.start, sentence.end)
            if match:
                return _found(True, 0.85, text, match)
    return Finding(False, 0.7)


def _partial_now(text: str, sentences_: Sequence[Span]) -> bool:
    """A part given or kept back by this letter, not by the earlier response it recounts
    ("We responded on 18 April, providing some of the information ...")."""
    for span in sentences_:
        for sentence in sentences(text, span.start, span.end):
            if _EARLIER.search(sentence.text):
                continue
            if cues.PARTIAL.search(sentence.text) or cues.PARTLY_GIVEN.search(sentence.text):
                return True
    return False


def _start(match: re.Match[str] | Evidence) -> int:
    return match.start() if isinstance(match, re.Match) else match.start


def _either_ground(text: str, evidence: Evidence) -> bool:
    """A mention of s14 only as one of two grounds a notice may rest on (quoted duty)."""
    window = text[max(0, evidence.start - 40) : evidence.end + 40]
    return _EITHER_GROUND.search(window) is not None


def _same_sentence(
    text: str, first: re.Match[str] | Evidence | None, second: re.Match[str] | Evidence | None
) -> bool:
    """Whether two cues sit in one sentence ("unable to provide some of the information …
    because section 12 applies": the cost ground covers that part only)."""
    if first is None or second is None:
        return False
    a, b = sorted((_start(first), _start(second)))
    between = text[a:b].replace("s.", "s").replace("S.", "S")
    return b - a < 300 and "." not in between


def kind(text: str, spans: Sequence[Span], decided: Finding[Outcome | None]) -> Finding[Kind]:
    """What the letter is, from phrase families (``kind_cues``) and the decision found.

    A completed review is a review response. A letter that confirms receipt or promises an
    answer by a date is an acknowledgement unless it also decides (a short receipt that also
    names the timescale stays one even when its small print mentions exemptions). A request
    to narrow or specify is a clarification; a delay notice or a cover note is ``other``.
    """
    sentences_ = decisive(text, spans)
    head = max(600, int(len(text) * 0.4))
    done = search(kind_cues.REVIEW_DONE, text, spans)
    if done:
        return _found("internal_review_response", 0.9, text, done)
    receipt = search(kind_cues.ACK_RECEIPT, text, spans)
    future = search(kind_cues.ACK_FUTURE, text, spans)
    topic = search(kind_cues.REVIEW_TOPIC, text, spans)
    explicit = search(kind_cues.ACK_EXPLICIT, text, spans)
    if topic and topic.start() < head and not ((explicit or receipt) and future):
        return _found("internal_review_response", 0.75, text, topic)
    clarify = _unquoted(text, kind_cues.CLARIFY, sentences_)
    if clarify and (
        decided.value in (None, "advice_and_assistance")
        or (
            decided.value == "cost_limit"  # "wider periods will invoke section 12": a warning
            and search(kind_cues.CLARIFY_FIRST, text, sentences_)
            and not search(kind_cues.COST_NOW, text, sentences_)
        )
    ):
        return _found("clarification_request", 0.8, text, clarify)
    aside = (
        kind_cues.NOT_A_REQUEST.search(text)
        or search(kind_cues.LEAFLET, text, spans)
        or kind_cues.ANNEX_HEADING.search(text)
    )
    if aside and (decided.value is None or not kind_cues.SALUTATION.search(text)):
        return _found("other", 0.6, text, aside)
    explains = search(kind_cues.EXPLAINS_EARLIER, text, spans)
    if explains:  # an earlier answer explained: the refusal it restates is not a new one
        return _found("other", 0.6, text, explains)
    holding = search(kind_cues.HOLDING, text, sentences_)
    if (
        holding
        and not (explicit and receipt)
        and not search(kind_cues.DECIDED, text, spans)
        and decided.value not in ("not_held", "neither_confirm_nor_deny")
    ):
        return _found("other", 0.7, text, holding)
    acknowledged = receipt or future
    marker = search(kind_cues.RESPONSE_MARKER, text, spans)
    if acknowledged and not future and decided.value is None and marker:
        return _found("response", 0.5, text, marker)  # "received on …", then the answer
    weak_answer = decided.value == "granted_in_full" and not search(
        cues.DISCLOSE_STRONG, text, sentences_
    )
    if acknowledged and (
        decided.value is None
        or (weak_answer and (explicit or future))
        or (explicit and future and len(text) < SHORT_LETTER and decided.confidence < 0.9)
    ):
        return _found("acknowledgement", 0.85 if receipt and future else 0.7, text, acknowledged)
    if topic and topic.start() < head:
        return _found("internal_review_response", 0.7, text, topic)
    if decided.value is not None:
        return Finding("response", decided.confidence, decided.evidence)
    covering = search(kind_cues.COVERING, text, spans)
    if covering:
        return _found("other", 0.6, text, covering)
    weak = search(kind_cues.ACK_WEAK, text, sentences_)
    if weak:
        return _found("acknowledgement", 0.5, text, weak)
    if marker:
        return _found("response", 0.5, text, marker)
    return Finding("other", 0.4)


def _unquoted(text: str, pattern: re.Pattern[str], spans: Sequence[Span]) -> re.Match[str] | None:
    """The first match outside a quotation: the requester's words quoted back in a receipt
    ("you seek access to: \"... could you please provide ...\"") ask nothing of them."""
    for span in spans:
        for match in pattern.finditer(text, span.start, span.end):
            paragraph = text[text.rfind("\n\n", 0, match.start()) + 1 : match.start()]
            opened = paragraph.count('"') + paragraph.count("“") - paragraph.count("”")
            if opened % 2 == 0:
                return match
    return None


def is_annex(text: str) -> bool:
    """An annex, appendix or enclosure headed as one: ``other``, but it may carry the decision
    it sets out (LABELS: "S17 Notice" enclosure withholding a report)."""
    heading = kind_cues.ANNEX_HEADING.search(text)
    if heading is None or not _ANNEX_WORD.search(heading.group(0)):
        return False
    return bool(_ANNEX_DECIDES.search(text))  # a general explainer of an exemption decides nothing


_ANNEX_WORD = re.compile(r"\b(?:annex|appendix|schedule|enclosure|attachment)\s+(?:[A-Z]|\d)", re.I)
# The annex speaks of this request: the authority's own weighing, or the request named.
_ANNEX_DECIDES = re.compile(
    r"\b(?:we|I)\s+(?:have\s+)?(?:consider(?:ed)?|estimate[ds]?|conclude[ds]?|decided?|determined|believe|f(?:i|ou)nd"
    r"|weighed|(?:are|am)\s+(?:satisfied|withholding|refusing|applying|relying))\b"
    r"|\byour\s+(?:request|application)\b|\bexemption\s+schedule\b",
    re.I,
)


def answered(text: str, spans: Sequence[Span], kind: Finding[Kind]) -> Finding[Outcome | None]:
    """A response that names no refusal and no cue of disclosure but answers under a
    "Response" heading (disclosure logs, question-and-answer replies): granted, with low
    confidence. A review that reports no decision stays undecided."""
    if kind.value != "response" or kind.evidence is None:
        return Finding(None, 0.5)
    if search(kind_cues.RESPONSE_MARKER, text, spans) is None:
        return Finding(None, 0.5)
    return Finding("granted_in_full", 0.4, kind.evidence)
