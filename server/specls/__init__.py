"""specls: keep code written in parallel consistent with the decisions it shares."""

__version__ = "0.1.0"
