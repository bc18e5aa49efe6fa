"""`python -m flows.cli` is `wdtk` (for children that may not have the script on PATH)."""

from flows.cli import main

main()
