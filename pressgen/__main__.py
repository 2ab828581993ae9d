"""`python -m pressgen` runs the command line."""

from pressgen.cli import main

main()
