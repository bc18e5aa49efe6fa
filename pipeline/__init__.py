"""Understanding: pure parsers, the rules that turn records into rows (visibility, message
purpose, request analysis), letter analysis, timeliness and export writers. No network, no
database, no Prefect."""

__version__ = "0.1.0"
