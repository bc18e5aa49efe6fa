"""One small resource schema with a column of every export type, shared by the writer tests."""

from __future__ import annotations

from pipeline.export.schema import Field, ResourceSchema

LETTERS = ResourceSchema(
    name="letters",
    title="Letters",
    description="Letters for the writer tests.",
    fields=(
        Field("id", "integer", "Letter id."),
        Field("body", "string", "Letter text."),
        Field("confidence", "number", "Confidence."),
        Field("held", "boolean", "Information held."),
        Field("sent_at", "datetime", "Sent (UTC)."),
        Field("letter_date", "date", "Date on the letter."),
        Field("refs", "json", "References."),
    ),
    primary_key=("id",),
    search_fields=("body",),
)
