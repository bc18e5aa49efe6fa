"""Separate quoted sections from an unfolded incoming message.

On a folded page (the default) Alaveteli has already cut the quoted sections out and left a
"show quoted sections" link in their place. On ``?unfold=1`` pages the full text is printed
inline with only a "hide quoted sections" link at the end, so the split has to be redone here.
The rules follow what the site treats as quoted (``app/models/incoming_message/
quote_handling.rb``): ``>`` lines, an "On … wrote:" line, everything from an
"-----Original Message-----" / "Forwarded message" / "Forwarded by" / "This is a copy of the
message" rule or a ``>>> Name <addr> 17/03/2008 01:51:50 >>>`` header to the end, disclaimers
framed by runs of eight or more ``-``, ``_``, ``*`` or ``#``, and the GSi virus-scanning notices.
"""

from __future__ import annotations

import re

_TO_END = (
    re.compile(r"^>>>.* \d\d/\d\d/\d{4}\s+\d\d:\d\d(?::\d\d)?\s*>>>.*", re.M | re.S),
    re.compile(r"^\s*On [^\n]+\n\s*<[^>\n]+> (?:wrote|said):\s*\n.*", re.M | re.S),
    re.compile(
        r"(?:-{4,}\s*This is a copy of the message, including all the headers\.\s*-{4,}"
        r"|-{4,}\s*Original Message\s*-{4,}"
        r"|-{4,}\s*Forwarded message.+?-{4,}"
        r"|-{4,}\s*Forwarded by.+?-{4,}).*",
        re.I | re.S,
    ),
)
_LINES = (
    re.compile(r"^>.*(?:\n|$)", re.M),
    re.compile(r"^On .+ (?:wrote|said):(?:\n|$)", re.M),
)
_DISCLAIMER_WORDS = (
    r"disclaimer:\n|confidential|received\sthis\semail\sin\serror|virus|intended\s+recipient"
    r"|monitored\s+centrally|intended\s+(?:for\s+|only\s+for\s+use\s+by\s+)the\s+addressee"
    r"|routinely\s+monitored|MessageLabs|unauthorised\s+use"
)
_DISCLAIMERS = tuple(
    re.compile(
        rf"(?:Disclaimer\s+)?\s*{score}\n(?:(?!{score}\n).)*?(?:{_DISCLAIMER_WORDS}).*?(?:{score}|\Z)",
        re.I | re.S,
    )
    for score in (rf"(?:[{re.escape(c)}]\s*){{8,}}" for c in "-_*#")
)
_NOTICES = (
    re.compile(
        r"^[^\n]+Government\s+Secure\s+Intranet\s+virus\s+scanning.*?virus\sfree\.",
        re.I | re.S | re.M,
    ),
    re.compile(r"^Communications\s+via\s+the\s+GSi\s+.*?legal\spurposes\.", re.I | re.S | re.M),
)
_GAPS = re.compile(r"\n{3,}")


# Substrings without which a pattern above cannot match: checking them first skips most of
# the regular-expression work on ordinary letters, with the same result.
_TO_END_NEEDS = ((">>>",), ("wrote:", "said:"), ("----",))
_LINES_NEEDS = ((">",), (" wrote:", " said:"))
_DISCLAIMER_CHARS = "-_*#"
# A disclaimer holds one of _DISCLAIMER_WORDS (the first word of each, case folded) and a
# rule of its character followed by a newline.
_DISCLAIMER_NEEDS = (
    "disclaimer:",
    "confidential",
    "received",
    "virus",
    "intended",
    "monitored",
    "messagelabs",
    "unauthorised",
    "routinely",
)
_RULES = tuple(re.compile(rf"(?:[{re.escape(c)}]\s*){{8,}}\n") for c in _DISCLAIMER_CHARS)


def _has_any(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def _spans(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for pattern, needles in zip(_TO_END, _TO_END_NEEDS, strict=True):
        m = pattern.search(text) if _has_any(text, needles) else None
        if m:
            found.append((m.start(), len(text)))
    for pattern, needles in zip(_LINES, _LINES_NEEDS, strict=True):
        if _has_any(text, needles):
            found.extend((m.start(), m.end()) for m in pattern.finditer(text))
    # The notices match case-insensitively, where 'ı' and 'İ' count as 'i' and 'ſ' as 's'.
    folded = text.casefold().replace("ı", "i").replace("\u0307", "")
    if "virus" in folded or "legal" in folded:
        for pattern in _NOTICES:
            found.extend((m.start(), m.end()) for m in pattern.finditer(text))
    # Each style is framed by a rule of eight or more of its character.
    if _has_any(folded, _DISCLAIMER_NEEDS):
        for pattern, rule, char in zip(_DISCLAIMERS, _RULES, _DISCLAIMER_CHARS, strict=True):
            if text.count(char) < 8 or not rule.search(text):
                continue
            m = pattern.search(text)
            if m:
                found.append((m.start(), m.end()))
    return _merged(found)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined into one, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _tidy(text: str) -> str:
    return _GAPS.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()


def split_quoted(text: str) -> tuple[str, str | None]:
    """Return ``(body, quoted)``; ``quoted`` is None when nothing in ``text`` is a quote."""
    spans = _spans(text)
    if not spans:
        return text, None
    body: list[str] = []
    quoted: list[str] = []
    pos = 0
    for start, end in spans:
        body.append(text[pos:start])
        quoted.append(_tidy(text[start:end]))
        pos = end
    body.append(text[pos:])
    kept = [q for q in quoted if q]
    return _tidy("\n".join(body)), ("\n\n".join(kept) or None)
