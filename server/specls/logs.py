"""Warnings for stderr, through :mod:`logging`, imported only when there is one to give: a
warm check gives none, and the import is a tenth of its start-up."""

from __future__ import annotations


def warning(message: str, *args: object) -> None:
    """Log a warning of specls (``message % args``)."""
    import logging

    logging.getLogger("specls").warning(message, *args)
