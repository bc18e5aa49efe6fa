"""Understanding: pure parsers, analysis and export writers. No network, no Prefect."""

__version__ = "0.1.0"
