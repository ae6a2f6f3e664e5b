"""`python -m interviewer ...`: the `interviewer` command."""

from interviewer.cli import main

main()
