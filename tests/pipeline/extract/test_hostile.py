"""The hostile corpus: every file ends in a named status with a message, none hangs or crashes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.extract import STATUSES, ExtractionResult, Limits, extract_text
from tests.pipeline.extract import builders, hostile

SMALL = Limits(max_bytes=2 * 1024 * 1024, timeout_s=60)

Case = tuple[str, Callable[[], bytes], str, Limits, str]
CASES: list[Case] = [
    ("zip-bomb DOCX", hostile.zip_bomb_docx, "bomb.docx", Limits(), "bomb"),
    ("zip-bomb XLSX", hostile.zip_bomb_xlsx, "bomb.xlsx", Limits(), "bomb"),
    ("DOCX with 300 zip members", lambda: hostile.many_member_docx(300), "m.docx", Limits(max_zip_members=200), "bomb"),
    ("XXE in DOCX document.xml", hostile.xxe_docx, "xxe.docx", Limits(), "unsafe"),
    ("billion laughs in ODT content.xml", hostile.billion_laughs_odt, "lol.odt", Limits(), "unsafe"),
    ("PDF claiming a billion pages", hostile.huge_page_count_pdf, "pages.pdf", Limits(), "too_large"),
    ("PDF of 30 real pages over a 10-page limit", lambda: builders.pdf(pages=30), "long.pdf", Limits(max_pages=10), "too_large"),
    ("PDF with 100,000 nested arrays", lambda: hostile.deeply_nested_pdf(100_000), "deep.pdf", Limits(), "empty"),
    ("PDF stream inflating to 1 GB", lambda: hostile.flate_bomb_pdf(1024**3), "flate.pdf", Limits(max_memory_bytes=768 * 1024**2), "bomb"),
    ("encrypted PDF", lambda: builders.pdf(encrypt="secret"), "locked.pdf", Limits(), "encrypted"),
    ("truncated PDF", lambda: builders.pdf()[:400], "cut.pdf", Limits(), "corrupt"),
    ("truncated DOCX", lambda: builders.docx()[:3000], "cut.docx", Limits(), "corrupt"),
    ("file bigger than the size cap", lambda: b"a" * (3 * 1024 * 1024), "big.txt", SMALL, "too_large"),
    ("zip of other files named .docx", hostile.plain_zip, "files.docx", Limits(), "unsupported"),
    ("100,000 nested HTML elements", hostile.nested_html, "deep.html", Limits(), "ok"),
    ("OLE compound file (.doc)", lambda: hostile.OLE_DOC, "old.doc", Limits(), "unsupported"),
    ("random binary named .txt", lambda: hostile.RANDOM_BINARY, "notes.txt", Limits(), "unsupported"),
    ("e-mails nested 8 deep", lambda: builders.nested_eml(8), "chain.eml", Limits(max_depth=4), "bomb"),
    ("extraction past its time limit", lambda: builders.pdf(pages=50), "slow.pdf", Limits(timeout_s=0.05), "timeout"),
    ("XLSX with too many sheets", lambda: builders.xlsx([["a"]], sheets=5), "s.xlsx", Limits(max_sheets=3), "too_large"),
    ("XLSX with too many rows", lambda: builders.xlsx([[n] for n in range(50)]), "r.xlsx", Limits(max_rows_per_sheet=20), "too_large"),
]  # fmt: skip


@pytest.fixture(scope="module")
def results() -> dict[str, ExtractionResult]:
    return {
        name: extract_text(make(), filename, None, limits)
        for name, make, filename, limits, _ in CASES
    }


@pytest.mark.parametrize(("name", "expected"), [(case[0], case[4]) for case in CASES])
def test_hostile_file_gets_its_status(
    results: dict[str, ExtractionResult], name: str, expected: str
) -> None:
    assert results[name].status == expected, results[name].error


@pytest.mark.parametrize("name", [case[0] for case in CASES if case[4] not in ("ok", "empty")])
def test_hostile_file_error_names_the_file(results: dict[str, ExtractionResult], name: str) -> None:
    filename = next(case[2] for case in CASES if case[0] == name)
    assert filename in (results[name].error or "")


def test_every_status_is_a_declared_one(results: dict[str, ExtractionResult]) -> None:
    assert {result.status for result in results.values()} <= set(STATUSES)


def test_xxe_never_reads_the_entity_target(results: dict[str, ExtractionResult]) -> None:
    assert "root:" not in results["XXE in DOCX document.xml"].text


def test_a_declared_gigabyte_is_refused_before_reading() -> None:
    result = extract_text(b"%PDF-1.4", "huge.pdf", "application/pdf", declared_size=1024**3)
    assert (result.status, result.error) == (
        "too_large",
        f"'huge.pdf' declares {1024**3} bytes (limit {Limits().max_bytes})",
    )


def test_nul_and_traversal_in_the_name_do_not_matter() -> None:
    result = extract_text(b"We hold the information.", "../../etc/passwd\x00.pdf")
    assert (result.status, result.method, result.text) == ("ok", "text", "We hold the information.")


def test_pdf_named_docx_is_read_as_pdf() -> None:
    result = extract_text(builders.pdf(["Not held."]), "reply.docx", "application/msword")
    assert (result.status, result.content_type, result.text) == (
        "ok",
        "application/pdf",
        "Not held.",
    )


def test_enormous_single_line_is_cut_at_the_text_limit() -> None:
    result = extract_text(b"x" * 5_000_000, "line.txt", None, Limits(max_text_chars=1000))
    assert (result.status, len(result.text)) == ("ok", 1000)


def test_one_worker_serves_many_files_and_recovers_after_a_timeout() -> None:
    """A reused worker answers file after file until max_files; a file that runs past the
    time limit kills it, and the next file gets a fresh worker."""
    from pipeline.extract.worker import ExtractionWorker

    with ExtractionWorker(Limits(timeout_s=10), max_files=3) as worker:
        texts = [worker.extract(f"letter {n}\n".encode(), f"{n}.txt").text for n in range(3)]
        assert [t.strip() for t in texts] == ["letter 0", "letter 1", "letter 2"]
        first = worker._process
        assert worker.extract(b"after three", "4.txt").text.strip() == "after three"
        assert worker._process is not first  # replaced after max_files
    with ExtractionWorker(Limits(timeout_s=0.05)) as worker:
        slow = worker.extract(builders.pdf(pages=50), "slow.pdf")
        assert slow.status == "timeout"
        worker.limits = Limits(timeout_s=30)
        assert worker.extract(b"next one", "next.txt").text.strip() == "next one"
