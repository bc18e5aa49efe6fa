"""Configuration, read once from the environment.

| variable | default | meaning |
|---|---|---|
| ``WDTK_DATABASE_URL`` | ``sqlite:///wdtk.sqlite3`` (working directory) | SQLAlchemy URL of the pipeline database |
| ``WDTK_BASE_URL`` | ``https://www.whatdotheyknow.com`` | the Alaveteli site to crawl (the replica: ``http://127.0.0.1:8800``) |
| ``WDTK_CONTACT`` | unset | e-mail or URL put in the User-Agent so the site can reach you; required for non-loopback sites |
| ``WDTK_RATE`` | ``1.0`` | requests per second per host (``0`` lifts the limit; loopback only) |
| ``WDTK_DATA_DIR`` | ``./wdtk-data`` | attachments (content-addressed) and other files |
| ``WDTK_PSEUDONYM_KEY`` | unset: a random key is kept in the database | secret for the requester pseudonym (keyed hash) |
| ``WDTK_EXPORT_DIR`` | ``./exports`` | where ``wdtk export`` writes versioned dataset folders |
| ``WDTK_PARSE_WORKERS`` | CPU count, at most 4 (0 on one CPU) | processes parsing pages in a large normalise (0: one thread) |
| ``WDTK_DATA_LICENSE`` | unset: a statement that the content stays its authors' | licence of exports: "TITLE" or "TITLE URL" |
| ``WDTK_OCR_ENGINE`` | ``auto`` | OCR of scanned pages: ``rapidocr``, ``tesseract``, or ``auto`` (rapidocr when installed, else tesseract) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pipeline import __version__

DEFAULT_DATABASE_URL = "sqlite:///wdtk.sqlite3"
DEFAULT_BASE_URL = "https://www.whatdotheyknow.com"
PROJECT_URL = "https://github.com/wdtk-pipeline/wdtk-pipeline"


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    base_url: str = DEFAULT_BASE_URL
    contact: str | None = None
    rate: float = 1.0
    data_dir: Path = Path("wdtk-data")
    export_dir: Path = Path("exports")
    pseudonym_key: str | None = None
    parse_workers: int = 0
    data_license: str | None = None
    ocr_engine: str = "auto"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        rate_text = env.get("WDTK_RATE", "1.0")
        try:
            rate = float(rate_text)
        except ValueError:
            raise ConfigError(f"WDTK_RATE must be a number, got {rate_text!r}") from None
        if rate < 0:
            raise ConfigError(f"WDTK_RATE must be 0 or more, got {rate_text!r}")
        base_url = env.get("WDTK_BASE_URL", DEFAULT_BASE_URL).rstrip("/")
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise ConfigError(f"WDTK_BASE_URL must be an http(s) URL, got {base_url!r}")
        workers_text = env.get("WDTK_PARSE_WORKERS") or str(default_parse_workers())
        if not workers_text.isdigit():
            raise ConfigError(f"WDTK_PARSE_WORKERS must be 0 or more, got {workers_text!r}")
        return cls(
            database_url=env.get("WDTK_DATABASE_URL") or DEFAULT_DATABASE_URL,
            base_url=base_url,
            contact=env.get("WDTK_CONTACT") or None,
            rate=rate,
            data_dir=Path(env.get("WDTK_DATA_DIR") or "wdtk-data"),
            export_dir=Path(env.get("WDTK_EXPORT_DIR") or "exports"),
            pseudonym_key=env.get("WDTK_PSEUDONYM_KEY") or None,
            parse_workers=int(workers_text),
            data_license=env.get("WDTK_DATA_LICENSE") or None,
            ocr_engine=ocr_engine_setting(env),
        )

    @property
    def user_agent(self) -> str:
        """An honest User-Agent: who we are, where the code is, how to reach the operator."""
        contact = f"; contact: {self.contact}" if self.contact else ""
        return f"wdtk-pipeline/{__version__} (+{PROJECT_URL}{contact})"


OCR_ENGINES = ("auto", "rapidocr", "tesseract")


def ocr_engine_setting(environ: Mapping[str, str] | None = None) -> str:
    """``WDTK_OCR_ENGINE``, checked (pipeline.extract.ocr says what each engine is)."""
    env = os.environ if environ is None else environ
    value = (env.get("WDTK_OCR_ENGINE") or "auto").strip().lower()
    if value not in OCR_ENGINES:
        raise ConfigError(f"WDTK_OCR_ENGINE must be one of {', '.join(OCR_ENGINES)}, got {value!r}")
    return value


def default_parse_workers() -> int:
    """One parse process per CPU, up to 4 (past that the single writer is the limit); none on
    a single CPU, where a process would only compete with the writer."""
    cpus = os.cpu_count() or 1
    return min(cpus, 4) if cpus > 1 else 0


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")
