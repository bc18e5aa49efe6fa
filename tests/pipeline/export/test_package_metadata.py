"""The data package descriptor and Datasette's metadata, from resource schemas alone."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.export.datapackage import PackageInfo, descriptor
from pipeline.export.datasette import CANNED_QUERIES, metadata
from pipeline.export.schema import Field, ForeignKey, ResourceSchema

FILES = ResourceSchema(
    name="attachments",
    title="Attachments",
    description="Files attached to replies.",
    fields=(
        Field("message_id", "integer", "The incoming message."),
        Field("part", "integer", "MIME part."),
        Field("size_bytes", "integer", "Size.", unit="bytes"),
        Field("hidden", "boolean", "Hidden by the site."),
    ),
    primary_key=("message_id", "part"),
    foreign_keys=(ForeignKey(("message_id",), "messages", ("id",)),),
    facets=("hidden",),
)
INFO = PackageInfo(
    version="2026-11-22T000512Z",
    created=datetime(2026, 11, 22, 0, 5, 12, tzinfo=UTC),
    incremental=False,
    since=None,
    pseudonymised=True,
)


def _resource(files: dict[str, str], info: PackageInfo = INFO) -> dict:
    return descriptor([FILES], {"attachments": files}, {"attachments": 3}, info)["resources"][0]


def test_resource_path_is_the_csv_file_when_there_is_one() -> None:
    resource = _resource({"parquet": "parquet/attachments.parquet", "csv": "csv/attachments.csv"})
    assert (resource["path"], resource["format"]) == ("csv/attachments.csv", "csv")


def test_resource_path_falls_back_to_parquet() -> None:
    resource = _resource({"parquet": "parquet/attachments.parquet"})
    assert (resource["path"], resource["format"]) == ("parquet/attachments.parquet", "parquet")


def test_booleans_are_spelt_as_the_csv_writes_them() -> None:
    hidden = _resource({"csv": "csv/attachments.csv"})["schema"]["fields"][3]
    assert (hidden["type"], hidden["trueValues"], hidden["falseValues"]) == (
        "boolean",
        ["true"],
        ["false"],
    )


def test_full_export_declares_foreign_keys() -> None:
    schema = _resource({"csv": "csv/attachments.csv"})["schema"]
    assert schema["foreignKeys"] == [
        {"fields": ["message_id"], "reference": {"resource": "messages", "fields": ["id"]}}
    ]


def test_package_says_when_it_was_made_and_whether_names_are_in_it() -> None:
    package = descriptor([FILES], {"attachments": {"csv": "csv/attachments.csv"}}, {}, INFO)
    assert (package["version"], package["created"], package["wdtk:pseudonymised"]) == (
        "2026-11-22T000512Z",
        "2026-11-22T00:05:12Z",
        True,
    )


def test_datasette_metadata_describes_columns_units_and_facets() -> None:
    table = metadata([FILES], INFO)["databases"]["wdtk"]["tables"]["attachments"]
    assert table["columns"]["size_bytes"] == "Size."
    assert (table["units"], table["facets"]) == ({"size_bytes": "bytes"}, ["hidden"])


def test_datasette_metadata_carries_the_canned_queries() -> None:
    queries = metadata([FILES], INFO)["databases"]["wdtk"]["queries"]
    assert queries == CANNED_QUERIES
