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


class Pseudonymiser:
    def __init__(self, key: str) -> None:
        self._label = lru_cache(maxsize=65536)(lambda name: pseudonym(key, name))

    def label(self, url_name_or_name: str | None) -> str | None:
        """The pseudonym of a user slug (or an external requester's name); None stays None."""
        if url_name_or_name is None or not url_name_or_name.strip():
            return None
        return self._label(url_name_or_name)

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


def _is_word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _match_end(lowered: str, start: int, words: tuple[str, ...]) -> int | None:
    """End of ``words`` matched at ``start`` (whitespace between them), or None."""
    at = start
    for n, word in enumerate(words):
        if n:
            gap = at
            while gap < len(lowered) and lowered[gap].isspace():
                gap += 1
            if gap == at:
                return None
            at = gap
        if not lowered.startswith(word, at):
            return None
        at += len(word)
    return at


def _replace_words(text: str, lowered: str, words: tuple[str, ...], label: str) -> str:
    # Names are rare in a letter: find the first word with str.find, check the rest by hand;
    # compiling a regex per requester costs more than the whole export of their rows.
    parts: list[str] = []
    done = 0
    start = lowered.find(words[0])
    while start != -1:
        end = _match_end(lowered, start, words)
        if (
            end is not None
            and not _is_word_char(lowered, start - 1)
            and not _is_word_char(lowered, end)
        ):
            parts.append(text[done:start])
            parts.append(label)
            done = end
            start = lowered.find(words[0], end)
        else:
            start = lowered.find(words[0], start + 1)
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _name_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    escaped = [re.escape(word) for word in words]
    return re.compile(r"(?<!\w)" + r"\s+".join(escaped) + r"(?!\w)", re.IGNORECASE)
