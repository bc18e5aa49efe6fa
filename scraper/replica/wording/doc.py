"""A letter as a document: letterhead, references, body blocks, signature and page furniture.

Renderers (PDF, DOCX, e-mail, plain text) lay the same document out in their own ways. The
plain reading text (``reading_text``) is the ground truth of what the letter says: everything
a reader transcribes, in reading order, without the furniture repeated on every page (running
headers, footers, page numbers, protective markings).

A written document keeps its citation placeholders (``words`` says what they stand for) and
its addresses unmasked (``mask`` says which of WDTK's masks applies where it is served);
``finish_text`` applies both to a string and ``finished`` to the whole document, which
renderers do only when a file is actually built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from scraper.replica.masks import binary_mask, text_mask
from scraper.replica.wording.cite import resolve_tokens


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    emphasis: bool = False  # bold in laid-out files (a decision sentence, a short heading)


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """The request restated, indented or in italics."""

    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]
    marker: str = "•"


@dataclass(frozen=True, slots=True)
class Answer:
    """One numbered question of the request and the authority's answer to it."""

    label: str  # "1.", "Q1", "Question 1:", "a)"
    question: str
    answer: tuple[str, ...]  # paragraphs
    lead: str = ""  # "Response:", "Answer:", "A:" or ""


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


Block = Para | Heading | Quote | Bullets | Answer | Table


@dataclass(slots=True)
class LetterDoc:
    family: str  # which phrase family wrote it, e.g. "response/not_held/search"
    authority: str
    letterhead: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    refs: tuple[tuple[str, str], ...] = ()  # ("Our ref", "FOI 2024/0123"), ("Date", ...)
    date_line: str = ""  # the date printed on its own line, when not in ``refs``
    subject: str = ""
    subject_first: bool = False  # the subject line comes before "Dear ..."
    salutation: str = ""
    blocks: list[Block] = field(default_factory=list)
    closing: str = "Yours sincerely"
    signature: tuple[str, ...] = ()
    annex: list[Block] = field(default_factory=list)
    marking: str | None = None  # furniture: printed at the top of every page
    footer: tuple[str, ...] = ()  # furniture: printed at the foot of every page
    running_head: str = ""  # furniture: e.g. the reference, on pages after the first
    disclaimer: str = ""  # e-mail renderings only
    words: tuple[str, ...] = ()  # what citation placeholder n stands for
    mask: str = ""  # "" | "binary" | "text:<request id>": WDTK's masks where it is served


def table_lines(table: Table, sep: str = "\t") -> list[str]:
    lines = [table.caption] if table.caption else []
    lines.append(sep.join(table.header))
    lines += [sep.join(row) for row in table.rows]
    return lines


def block_text(block: Block, sep: str = "\t") -> str:
    if isinstance(block, Para | Heading | Quote):
        return block.text
    if isinstance(block, Bullets):
        return "\n".join(f"{block.marker} {item}" for item in block.items)
    if isinstance(block, Answer):
        answer = "\n\n".join(block.answer)
        lead = f"{block.lead} " if block.lead else ""
        return f"{block.label} {block.question}\n\n{lead}{answer}"
    return "\n".join(table_lines(block, sep))


def body_text(blocks: list[Block], sep: str = "\t") -> list[str]:
    return [block_text(b, sep) for b in blocks]


def _refs(doc: LetterDoc) -> list[str]:
    return [f"{label}: {value}" for label, value in doc.refs]


def reading_text(doc: LetterDoc) -> str:
    """The letter as a careful reader transcribes a printed copy."""
    parts: list[str] = []
    if doc.letterhead:
        parts.append("\n".join(doc.letterhead))
    if doc.recipient:
        parts.append("\n".join(doc.recipient))
    head = _refs(doc) + ([doc.date_line] if doc.date_line else [])
    if head:
        parts.append("\n".join(head))
    if doc.subject and doc.subject_first:
        parts.append(doc.subject)
    if doc.salutation:
        parts.append(doc.salutation)
    if doc.subject and not doc.subject_first:
        parts.append(doc.subject)
    parts += body_text(doc.blocks)
    sign = "\n".join((doc.closing, "", *doc.signature)) if doc.signature else doc.closing
    parts.append(sign)
    parts += body_text(doc.annex)
    return "\n\n".join(p for p in parts if p) + "\n"


def email_text(doc: LetterDoc, *, with_refs: bool = True, sep: str = "\t") -> str:
    """The letter written straight into an e-mail: no letterhead, a signature and disclaimer;
    table cells are separated by ``sep``."""
    parts: list[str] = []
    if doc.subject and doc.subject_first:
        parts.append(doc.subject)
    if with_refs and doc.refs:
        parts.append("\n".join(_refs(doc)))
    if doc.salutation:
        parts.append(doc.salutation)
    if doc.subject and not doc.subject_first:
        parts.append(doc.subject)
    parts += body_text(doc.blocks, sep)
    parts.append("\n".join((doc.closing, *doc.signature)) if doc.signature else doc.closing)
    parts += body_text(doc.annex, sep)
    if doc.disclaimer:
        parts.append(doc.disclaimer)
    return "\n\n".join(p for p in parts if p)


def _map_block(block: Block, fn: Callable[[str], str], needles: tuple[str, ...]) -> Block:
    if isinstance(block, Para | Heading | Quote):
        if needles and not any(n in block.text for n in needles):
            return block
        if isinstance(block, Para):
            return Para(fn(block.text), block.emphasis)
        return type(block)(fn(block.text))
    if needles and not any(n in block_text(block) for n in needles):
        return block
    if isinstance(block, Bullets):
        return Bullets(tuple(fn(i) for i in block.items), block.marker)
    if isinstance(block, Answer):
        return Answer(
            block.label, fn(block.question), tuple(fn(a) for a in block.answer), block.lead
        )
    return Table(
        block.header, tuple(tuple(fn(c) for c in r) for r in block.rows), fn(block.caption)
    )


def map_text(doc: LetterDoc, fn: Callable[[str], str], needles: tuple[str, ...] = ()) -> LetterDoc:
    """The document with ``fn`` applied to every string a reader sees; with ``needles``, only
    to strings and blocks holding one of them (``fn`` must leave other strings unchanged)."""
    if needles:
        apply = fn

        def fn(text: str) -> str:
            return apply(text) if any(n in text for n in needles) else text

    return replace(
        doc,
        letterhead=tuple(fn(t) for t in doc.letterhead),
        recipient=tuple(fn(t) for t in doc.recipient),
        refs=tuple((label, fn(value)) for label, value in doc.refs),
        date_line=fn(doc.date_line),
        subject=fn(doc.subject),
        salutation=fn(doc.salutation),
        blocks=[_map_block(b, fn, needles) for b in doc.blocks],
        signature=tuple(fn(t) for t in doc.signature),
        annex=[_map_block(b, fn, needles) for b in doc.annex],
        footer=tuple(fn(t) for t in doc.footer),
        running_head=fn(doc.running_head),
        disclaimer=fn(doc.disclaimer),
    )


def finish_text(doc: LetterDoc, text: str) -> str:
    """``text`` (rendered from ``doc``) with its citations in words and its masks applied."""
    text = resolve_tokens(text, doc.words)
    if doc.mask == "binary":
        return binary_mask(text)
    if doc.mask.startswith("text:"):
        return text_mask(text, int(doc.mask[5:]))
    return text


def finished(doc: LetterDoc) -> LetterDoc:
    """The document as it is printed: citations in words, masks applied."""
    if not doc.words and not doc.mask:
        return doc
    done = map_text(doc, lambda t: finish_text(doc, t), ("\x00", "\x01", "@"))
    done.words, done.mask = (), ""
    return done
