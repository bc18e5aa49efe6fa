"""Who is involved: public authorities and the people who make requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONType, UTCDateTime, utcnow


class Authority(Base):
    __tablename__ = "authorities"
    __table_args__ = {
        "comment": "Public authorities listed on the site (all-authorities.csv and /body/<url_name>.json)."
    }

    id: Mapped[int] = mapped_column(
        BigInteger,
        primary_key=True,
        autoincrement=False,
        comment="The site's internal authority id (CSV 'Internal ID', JSON id).",
    )
    url_name: Mapped[str] = mapped_column(
        String(255), unique=True, comment="Authority slug, as in /body/<url_name>."
    )
    name: Mapped[str] = mapped_column(Text, comment="Full name of the authority.")
    short_name: Mapped[str | None] = mapped_column(
        Text, comment="Short name, when the site has one."
    )
    tags: Mapped[list[Any]] = mapped_column(
        JSONType,
        default=list,
        comment="Site tags as [name, value-or-null] pairs, e.g. [['school', null], ['gss', 'E06000001']].",
    )
    home_page: Mapped[str | None] = mapped_column(
        Text, comment="Home page URL as the site calculates it."
    )
    publication_scheme: Mapped[str | None] = mapped_column(Text, comment="Publication scheme URL.")
    disclosure_log: Mapped[str | None] = mapped_column(Text, comment="Disclosure log URL.")
    notes: Mapped[str | None] = mapped_column(
        Text, comment="The site's notes about the authority, as plain text."
    )
    created_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the site created the authority (UTC)."
    )
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the site last changed the authority (UTC)."
    )
    version: Mapped[int | None] = mapped_column(
        Integer, comment="The site's record version number (CSV 'Version')."
    )
    gss_code: Mapped[str | None] = mapped_column(
        String(32), comment="ONS GSS code from the 'gss' machine tag."
    )
    wikidata_id: Mapped[str | None] = mapped_column(
        String(32), comment="Wikidata item from the 'wikidata' machine tag."
    )
    ico_registration: Mapped[str | None] = mapped_column(
        String(32), comment="ICO data-protection register number from the 'dpr' machine tag."
    )
    companies_house: Mapped[str | None] = mapped_column(
        String(32), comment="Companies House number from the 'ch' machine tag."
    )
    is_school: Mapped[bool] = mapped_column(
        Boolean,
        default=False,
        comment="Tagged school or academy_trust: the site's longer 60-working-day very-late rule applies.",
    )
    is_scottish: Mapped[bool] = mapped_column(
        Boolean,
        default=False,
        comment="A Scottish public authority: FOISA and Scottish holidays apply.",
    )
    foi_applies: Mapped[bool] = mapped_column(
        Boolean, default=True, comment="False when tagged foi_no (not subject to FOI law)."
    )
    defunct: Mapped[bool] = mapped_column(
        Boolean, default=False, comment="Tagged defunct, or no longer in the site's catalogue."
    )
    requests_count: Mapped[int | None] = mapped_column(
        Integer, comment="The site's own count of requests to the authority (JSON info)."
    )
    requests_successful_count: Mapped[int | None] = mapped_column(
        Integer, comment="The site's count of successful requests (JSON info)."
    )
    requests_not_held_count: Mapped[int | None] = mapped_column(
        Integer, comment="The site's count of 'not held' requests (JSON info)."
    )
    requests_overdue_count: Mapped[int | None] = mapped_column(
        Integer, comment="The site's count of overdue requests (JSON info)."
    )
    first_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the pipeline first saw this authority (UTC)."
    )
    last_seen_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the authority was last present in the site's catalogue (UTC)."
    )
    removed_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the authority disappeared from the catalogue, if it did (UTC)."
    )
    last_changed_at: Mapped[datetime] = mapped_column(
        UTCDateTime,
        default=utcnow,
        comment="When any value in this row last changed (UTC); unchanged re-loads leave it alone.",
    )


class AuthorityChange(Base):
    __tablename__ = "authority_changes"
    __table_args__ = {
        "comment": "History of changes to an authority's name, slug and tags, as the catalogue reveals them."
    }

    id: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Row id.")
    authority_id: Mapped[int] = mapped_column(
        ForeignKey("authorities.id", ondelete="CASCADE"),
        index=True,
        comment="The authority that changed.",
    )
    field: Mapped[str] = mapped_column(
        String(64), comment="Which field changed: name, short_name, url_name, tags, defunct."
    )
    old_value: Mapped[str | None] = mapped_column(Text, comment="Value before the change.")
    new_value: Mapped[str | None] = mapped_column(Text, comment="Value after the change.")
    seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the pipeline noticed the change (UTC)."
    )


class Requester(Base):
    __tablename__ = "requesters"
    __table_args__ = {
        "comment": "People who made requests. Names are public on the site; exports pseudonymise them by default."
    }

    url_name: Mapped[str] = mapped_column(
        String(255), primary_key=True, comment="User slug, as in /user/<url_name>."
    )
    wdtk_user_id: Mapped[int | None] = mapped_column(
        BigInteger, unique=True, comment="The site's user id (request JSON user.id)."
    )
    name: Mapped[str] = mapped_column(
        Text, comment="Display name as shown on the site (personal data)."
    )
    pseudonym: Mapped[str] = mapped_column(
        String(64),
        unique=True,
        comment="Stable keyed hash of url_name, used in place of the name in exports.",
    )
    ban_text: Mapped[str | None] = mapped_column(
        Text, comment="The site's ban notice for the account, if any."
    )
    first_seen_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the pipeline first saw this requester (UTC)."
    )
    last_changed_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When any value in this row last changed (UTC)."
    )


Index("ix_authorities_name", Authority.name)
