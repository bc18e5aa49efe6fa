"""OCR engines side by side: character error rate and pages per second, on two corpora.

    python bench/ocr_engines.py [--requests 300] [--engines rapidocr,tesseract] [--json]

``--engines`` may also name ``rapidocr-onnxruntime``: the older package (PP-OCRv4 models in
its wheel) that the project does not depend on, measured when it is importable (e.g.
``pip install rapidocr-onnxruntime==1.4.4`` into a scratch environment on ``PYTHONPATH``).

* **replica scans**: every image-only PDF attachment of the offline replica (300 requests,
  seed 7, as ``wdtk demo``), against the text the replica drew into it;
* **seed letters**: the two real letters in ``../shared/seeds``, typeset here (reportlab,
  DejaVu Sans 11 pt, A4) into a PDF, so the known text is what was drawn (markdown-ish
  markup removed). The letters are read from ../shared at run time, never copied.

Each page is rendered at the pipeline's OCR resolution (``Limits().ocr_dpi``) by the
pipeline's own ``pdf.render_page`` and read by ``ocr.ocr_page``; the document's pages then go
through ``reflow.pages_text`` as in extraction. CER = Levenshtein distance / reference length,
both with whitespace collapsed; pages/s counts OCR time only (rendering is the same for both
engines; the engine's one-off load is printed apart). Each engine runs in its own child
process so its memory is measured alone: peak address space (what the worker's RLIMIT_AS
counts) and peak resident memory. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.extract import Limits
from pipeline.extract.layout import Page, Word, lines_from_words
from pipeline.extract.ocr import ENGINES, engine_available, ocr_page
from pipeline.extract.pdf import render_page
from pipeline.extract.reflow import pages_text

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def levenshtein(a: str, b: str) -> int:
    """Edit distance, bit-parallel (Myers 1999 / Hyyrö 2003) over Python's big integers."""
    if not a:
        return len(b)
    masks: dict[str, int] = {}
    for index, char in enumerate(a):
        masks[char] = masks.get(char, 0) | (1 << index)
    full = (1 << len(a)) - 1
    high = 1 << (len(a) - 1)
    plus, minus, score = full, 0, len(a)
    for char in b:
        eq = masks.get(char, 0)
        xv = eq | minus
        xh = ((((eq & plus) + plus) & full) ^ plus) | eq
        ph = (minus | ~(xh | plus)) & full
        mh = plus & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        plus = (mh | ~(xv | ph)) & full
        minus = ph & xv
    return score


def normalised(text: str) -> str:
    return " ".join(text.split())


def replica_scans(requests: int) -> list[tuple[str, bytes, str]]:
    from scraper.replica import Replica
    from tests.support import SEEDS, optional_shared

    replica = Replica(requests=requests, seed=7, seed_letters=optional_shared(*SEEDS))
    scans = []
    for request_id in replica.visible_ids():
        truth = replica.truth(request_id)
        assert truth is not None
        for att in truth.attachments:
            if att.file_kind == "image_pdf" and not att.hidden:
                file = replica.attachment_file(request_id, att.incoming_message_id, att.part)
                assert file is not None
                scans.append((f"{request_id}/{att.part}", file.data, att.text))
    return scans


_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>")


def _plain_blocks(markup: str) -> list[list[str]]:
    """The seed's paragraphs (lists of lines) without its markdown-ish markup; a ``---`` line
    is a page break (an empty block)."""
    blocks: list[list[str]] = [[]]
    for raw in markup.splitlines():
        line = _TAG.sub("", _LINK.sub(r"\1", raw)).replace("**", "").replace("*", "")
        line = re.sub(r"^#{1,6}\s+", "", line).strip()
        if line == "---":
            blocks += [[], []]
        elif not line:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return blocks


def seed_letters(directory: Path) -> list[tuple[str, bytes, str]]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    style = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=14, spaceAfter=8)
    letters = []
    for path in sorted(directory.glob("*.txt")):
        blocks = _plain_blocks(path.read_text("utf-8"))
        story: list = []
        for block in blocks:
            if block:
                story.append(Paragraph("<br/>".join(escape(line) for line in block), style))
            elif story and not isinstance(story[-1], PageBreak):
                story.append(PageBreak())
        while story and isinstance(story[-1], PageBreak):
            story.pop()
        buffer = io.BytesIO()
        margins = {f"{side}Margin": 2.5 * cm for side in ("left", "right", "top", "bottom")}
        SimpleDocTemplate(buffer, pagesize=A4, invariant=1, **margins).build(story)
        reference = "\n\n".join("\n".join(block) for block in blocks if block)
        letters.append((path.name, buffer.getvalue(), reference))
    return letters


def _memory() -> dict[str, float]:
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "address_space_peak_mib": int(status["VmPeak"].split()[0]) / 1024,
        "resident_peak_mib": int(status["VmHWM"].split()[0]) / 1024,
        "child_process_resident_peak_mib": children,  # tesseract runs as a program
    }


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (tesseract runs as a program)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


LEGACY = "rapidocr-onnxruntime"


def _available(engine: str) -> bool:
    if engine == LEGACY:
        import importlib.util

        return importlib.util.find_spec("rapidocr_onnxruntime") is not None
    return engine_available(engine)


def _legacy_page(image: Any) -> Page:
    """The older rapidocr_onnxruntime package, with the same detection size and threads."""
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    global _LEGACY_ENGINE
    if _LEGACY_ENGINE is None:
        _LEGACY_ENGINE = RapidOCR(
            use_cls=False, det_limit_type="max", det_limit_side_len=960,
            intra_op_num_threads=1, inter_op_num_threads=1,
        )  # fmt: skip
    found, _ = _LEGACY_ENGINE(np.asarray(image.convert("RGB")))
    words = [
        Word(text, min(p[0] for p in box), max(p[0] for p in box),
             min(p[1] for p in box), max(p[1] for p in box))
        for box, text, _score in found or [] if text.strip()
    ]  # fmt: skip
    return Page(image.width, image.height, lines_from_words(words))


_LEGACY_ENGINE: Any = None


def _read_page(engine: str, image: Any, name: str) -> Page:
    if engine == LEGACY:
        return _legacy_page(image)
    return ocr_page(image, engine, 120, name)


def run_engine(engine: str, corpora: dict[str, list[tuple[str, bytes, str]]]) -> dict:
    import pypdfium2

    dpi = Limits().ocr_dpi
    started = time.perf_counter()
    if engine == "rapidocr":
        from pipeline.extract.ocr_rapid import _engine

        _engine()
    elif engine == LEGACY:
        from PIL import Image

        _legacy_page(Image.new("L", (64, 64), 255))
    load = time.perf_counter() - started
    figures: dict = {"engine": engine, "load_seconds": round(load, 2), "corpora": {}}
    for corpus, documents in corpora.items():
        edits = chars = pages = 0
        seconds = cpu = 0.0
        worst: list[tuple[float, str]] = []
        for name, data, reference in documents:
            count = len(pypdfium2.PdfDocument(data))
            layouts = []
            for number in range(count):
                image = render_page(data, number, dpi)
                started, cpu_started = time.perf_counter(), _cpu_seconds()
                layouts.append(_read_page(engine, image, f"{name} page {number + 1}"))
                seconds += time.perf_counter() - started
                cpu += _cpu_seconds() - cpu_started
            text = pages_text(layouts)
            ref, hyp = normalised(reference), normalised(text)
            distance = levenshtein(ref, hyp)
            edits, chars, pages = edits + distance, chars + len(ref), pages + count
            worst.append((distance / max(len(ref), 1), name))
        figures["corpora"][corpus] = {
            "documents": len(documents),
            "pages": pages,
            "cer": round(edits / max(chars, 1), 4),
            "worst_document_cer": round(max(worst)[0], 4) if worst else None,
            "pages_per_second": round(pages / seconds, 3) if seconds else None,
            "seconds_per_page": round(seconds / pages, 2) if pages else None,
            "cpu_seconds_per_page": round(cpu / pages, 2) if pages else None,
        }
    figures["memory"] = _memory()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one engine, JSON out
    args = parser.parse_args()
    from tests.support import SEEDS, optional_shared

    seeds = optional_shared(*SEEDS)

    corpora = {"replica scans": replica_scans(args.requests)}
    if seeds is not None:
        corpora["seed letters"] = seed_letters(seeds)
    if args.child:
        print(json.dumps(run_engine(args.child, corpora)))
        return
    results = []
    for engine in args.engines.split(","):
        if not _available(engine):
            print(f"{engine}: not installed, skipped", file=sys.stderr)
            continue
        command = [sys.executable, __file__, "--child", engine, "--requests", str(args.requests)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    if "seed letters" not in corpora:
        print(f"(no seed letters at {SEEDS}: replica scans only)")
    print(f"{'engine':<21}{'corpus':<15}{'docs':>5}{'pages':>6}{'CER':>8}{'worst':>8}"
          f"{'pages/s':>9}{'s/page':>8}{'CPU s/page':>11}")  # fmt: skip
    for result in results:
        for corpus, row in result["corpora"].items():
            print(
                f"{result['engine']:<21}{corpus:<15}{row['documents']:>5}{row['pages']:>6}"
                f"{row['cer']:>8.2%}{row['worst_document_cer']:>8.2%}"
                f"{row['pages_per_second']:>9.2f}{row['seconds_per_page']:>8.2f}"
                f"{row['cpu_seconds_per_page']:>11.2f}"
            )
    for result in results:
        memory = result["memory"]
        print(
            f"{result['engine']}: load {result['load_seconds']} s; peak address space"
            f" {memory['address_space_peak_mib']:.0f} MiB, resident {memory['resident_peak_mib']:.0f}"
            f" MiB (child programs {memory['child_process_resident_peak_mib']:.0f} MiB)"
        )


if __name__ == "__main__":
    main()
