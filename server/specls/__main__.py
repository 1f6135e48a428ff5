"""Allow ``python -m specls``."""

from specls.cli import entry

entry()
