"""Attachment text: ``extract_text(data, filename, content_type, limits) -> ExtractionResult``.

Types are sniffed from magic bytes; each extraction runs in a limited worker process.
"""

from pipeline.extract.filetypes import sniff
from pipeline.extract.result import STATUSES, ExtractionResult, Limits, Status
from pipeline.extract.worker import extract_text

__all__ = ["STATUSES", "ExtractionResult", "Limits", "Status", "extract_text", "sniff"]
