"""Pseudonymising requesters in exports: names and account slugs become ``requester_<hex>``.

WhatDoTheyKnow publishes requesters' names, but a bulk dataset is a different thing from a web
page: by default the export links a person's requests through a stable keyed hash and never
names them. The requester's display name is also replaced where it appears in the text of
messages and attachments (signatures, "Dear …" lines) — a best effort: variants such as
"Mr Bloggs" are not caught.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.pseudonym import pseudonym

# Names shorter than this are too likely to match ordinary words inside the text.
MIN_NAME_LENGTH = 4


# Labels remembered per export: far more than the requesters a batch of rows names.
LABELS_KEPT = 65536


class Pseudonymiser:
    def __init__(self, key: str) -> None:
        self._key = key
        self._labels: dict[str, str | None] = {}

    def label(self, url_name_or_name: str | None) -> str | None:
        """The pseudonym of a user slug (or an external requester's name); None stays None."""
        if url_name_or_name is None:
            return None
        labels = self._labels
        try:
            return labels[url_name_or_name]
        except KeyError:
            pass
        # A plain dict rather than functools.lru_cache: looked up once or twice per row.
        label = pseudonym(self._key, url_name_or_name) if url_name_or_name.strip() else None
        if len(labels) >= LABELS_KEPT:
            labels.clear()
        labels[url_name_or_name] = label
        return label

    def scrub(self, text: str | None, name: str | None, label: str | None) -> str | None:
        """``text`` with every whole-word, case-insensitive occurrence of ``name`` (its words
        separated by any whitespace) replaced by ``label``."""
        if text is None or name is None or label is None:
            return text
        words = _words_of(name)
        if words is None:
            return text
        lowered = text.lower()
        if len(lowered) != len(text):
            # Case folding changed the length (e.g. 'İ'): offsets would drift, use a regex.
            return _name_pattern(words).sub(label, text)
        return _replace_words(text, lowered, words, label)


@lru_cache(maxsize=65536)
def _words_of(name: str) -> tuple[str, ...] | None:
    words = tuple(name.lower().split())
    return words if len("".join(words)) >= MIN_NAME_LENGTH else None


def _replace_words(text: str, lowered: str, words: tuple[str, ...], label: str) -> str:
    """``text`` with each whole-word match of ``words`` in ``lowered`` (its lower case, of the
    same length) replaced by ``label``, the words separated by one or more whitespace."""
    # Names are rare in a letter: find the first word with str.find, check the rest by hand;
    # compiling a regex per requester costs more than the whole export of their rows. One
    # function, no helpers: it runs for every message, attachment and letter analysis.
    first, rest = words[0], words[1:]
    start = lowered.find(first)
    if start == -1:
        return text
    size = len(lowered)
    parts: list[str] = []
    done = 0
    while start != -1:
        end = start + len(first)
        for word in rest:
            gap = end
            while gap < size and lowered[gap].isspace():
                gap += 1
            if gap == end or not lowered.startswith(word, gap):
                end = -1
                break
            end = gap + len(word)
        if (
            end != -1
            and not (start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"))
            and not (end < size and (lowered[end].isalnum() or lowered[end] == "_"))
        ):
            parts.append(text[done:start])
            parts.append(label)
            done = end
            start = lowered.find(first, end)
        else:
            start = lowered.find(first, start + 1)
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _name_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    escaped = [re.escape(word) for word in words]
    return re.compile(r"(?<!\w)" + r"\s+".join(escaped) + r"(?!\w)", re.IGNORECASE)
