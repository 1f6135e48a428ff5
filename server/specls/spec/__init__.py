"""The shared spec file: models, a tolerant loader with positions, and a safe writer.

The names are loaded on first use: the models import pydantic, which a run without a spec
file never needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "DecisionEntry": "specls.spec.load",
    "Spec": "specls.spec.load",
    "SpecProblem": "specls.spec.load",
    "load_spec": "specls.spec.load",
    "parse_spec": "specls.spec.load",
    "BehaviourDecision": "specls.spec.models",
    "Decision": "specls.spec.models",
    "InvariantDecision": "specls.spec.models",
    "NamingDecision": "specls.spec.models",
    "RepresentationDecision": "specls.spec.models",
    "SpecDocument": "specls.spec.models",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'specls.spec' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
