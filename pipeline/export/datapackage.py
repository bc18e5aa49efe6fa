"""``datapackage.json``: a Frictionless data package describing every resource written.

Each resource's ``path`` is its CSV file when CSV was written (the format Frictionless reads
everywhere), else its JSON Lines or Parquet file; ``wdtk:files`` lists the same resource in every
format of the folder. Foreign keys are declared only for full exports: an incremental export holds
changed rows, whose parents may be in an earlier folder.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.export.rights import (
    License,
    SourceSite,
    attribution,
    default_license,
    package_title,
    rights_note,
)
from pipeline.export.schema import FieldType, ResourceSchema, iso_datetime

FILENAME = "datapackage.json"
PACKAGE_NAME = "whatdotheyknow-requests"
FRICTIONLESS_TYPES: dict[FieldType, str] = {
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "string": "string",
    "datetime": "datetime",
    "date": "date",
    "json": "any",
}
PRIMARY_FORMATS = ("csv", "jsonl", "parquet")


@dataclass(frozen=True, slots=True)
class PackageInfo:
    version: str
    created: datetime
    incremental: bool
    since: datetime | None
    pseudonymised: bool
    sources: tuple[SourceSite, ...] = ()  # the sites crawled (db.provenance)
    license: License | None = None  # None: rights.default_license

    @property
    def licence(self) -> License:
        return self.license or default_license(self.sources)


def _field(schema: ResourceSchema, index: int) -> dict[str, Any]:
    f = schema.fields[index]
    out: dict[str, Any] = {
        "name": f.name,
        "type": FRICTIONLESS_TYPES[f.type],
        "description": f.description,
    }
    if f.type == "boolean":
        out["trueValues"] = ["true"]
        out["falseValues"] = ["false"]
    if f.unit:
        out["wdtk:unit"] = f.unit
    if f.name in schema.primary_key:
        out["constraints"] = {"required": True}
    return out


def table_schema(schema: ResourceSchema, *, foreign_keys: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "fields": [_field(schema, i) for i in range(len(schema.fields))],
        "missingValues": [""],
    }
    if schema.primary_key:
        out["primaryKey"] = list(schema.primary_key)
    if foreign_keys and schema.foreign_keys:
        out["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.resource, "fields": list(fk.reference_fields)},
            }
            for fk in schema.foreign_keys
        ]
    return out


def descriptor(
    schemas: Sequence[ResourceSchema],
    files: Mapping[str, Mapping[str, str]],
    row_counts: Mapping[str, int],
    info: PackageInfo,
) -> dict[str, Any]:
    """The package descriptor. ``files`` maps resource name to {format: relative path}."""
    resources = []
    for schema in schemas:
        by_format = files[schema.name]
        primary = next((fmt for fmt in PRIMARY_FORMATS if fmt in by_format), None)
        resource: dict[str, Any] = {
            "name": schema.name,
            "title": schema.title,
            "description": schema.description,
            "profile": "tabular-data-resource",
            "wdtk:kind": schema.kind,
            "wdtk:rows": row_counts.get(schema.name, 0),
            "wdtk:files": dict(by_format),
            "schema": table_schema(schema, foreign_keys=not info.incremental),
        }
        if primary is not None:
            resource["path"] = by_format[primary]
            resource["format"] = primary
            if primary == "csv":
                resource["encoding"] = "utf-8"
                resource["mediatype"] = "text/csv"
        else:
            # Only the SQLite file was written: the resource is a table inside it.
            resource["path"] = by_format["sqlite"]
            resource["format"] = "sqlite"
            resource["wdtk:table"] = schema.name
        resources.append(resource)
    licence = info.licence
    return {
        "name": PACKAGE_NAME,
        "title": package_title(info.sources),
        "description": (
            "Public Freedom of Information and EIR requests made through an Alaveteli site, "
            "with their messages, attachments, the outcomes read from the authorities' "
            "letters, and derived statistics. Requests hidden or removed on the site are "
            "excluded." + (" Requester names are pseudonymised." if info.pseudonymised else "")
        ),
        "version": info.version,
        "created": iso_datetime(info.created),
        "profile": "tabular-data-package",
        "sources": [_source(site) for site in info.sources],
        "licenses": [{"title": licence.title, **({"path": licence.path} if licence.path else {})}],
        "wdtk:attribution": attribution(info.sources),
        "wdtk:rights": None if info.license else rights_note(info.sources),
        "wdtk:incremental": info.incremental,
        "wdtk:since": iso_datetime(info.since) if info.since else None,
        "wdtk:pseudonymised": info.pseudonymised,
        "resources": resources,
    }


def _source(site: SourceSite) -> dict[str, Any]:
    out: dict[str, Any] = {"title": site.title, "path": site.url, "wdtk:pages": site.pages}
    if site.first_crawled:
        out["wdtk:first_crawled"] = iso_datetime(site.first_crawled)
    if site.last_crawled:
        out["wdtk:last_crawled"] = iso_datetime(site.last_crawled)
    return out


def write_datapackage(folder: Path, package: Mapping[str, Any]) -> Path:
    path = folder / FILENAME
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
