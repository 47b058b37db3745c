"""`python -m bot.cli`: the same as the `casebot` console script."""

from bot.cli import run

run()
