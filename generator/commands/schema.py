"""`planbook schema`: print the plan JSON Schema (for editors and tools)."""

from __future__ import annotations

import argparse
import sys

from generator.validate import plan_schema_text

NAME = "schema"
ORDER = 90
HELP = "print the JSON Schema for plans"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def run(args: argparse.Namespace) -> int:
    del args
    sys.stdout.write(plan_schema_text())
    return 0
