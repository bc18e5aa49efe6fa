"""All tables, imported in one place so Alembic and the exporters see the whole schema."""

from db.base import Base
from db.models.analysis import InternalReview, LetterAnalysis, ProvisionCitation, RequestAnalysis
from db.models.catalogue import Authority, AuthorityChange, Requester
from db.models.crawl import (
    CrawlRun,
    CrawlState,
    DataQualityReport,
    ExportRun,
    PipelineSetting,
    Quarantine,
    RawPage,
    SiteStats,
)
from db.models.requests import Attachment, Message, Request, RequestEvent, RequestSlug

metadata = Base.metadata

__all__ = [
    "Attachment",
    "Authority",
    "AuthorityChange",
    "Base",
    "CrawlRun",
    "CrawlState",
    "DataQualityReport",
    "ExportRun",
    "InternalReview",
    "LetterAnalysis",
    "Message",
    "PipelineSetting",
    "ProvisionCitation",
    "Quarantine",
    "RawPage",
    "Request",
    "RequestAnalysis",
    "RequestEvent",
    "RequestSlug",
    "Requester",
    "SiteStats",
    "metadata",
]
