"""The shared spec file: models, a tolerant loader with positions, and a safe writer."""

from specls.spec.load import DecisionEntry, Spec, SpecProblem, load_spec, parse_spec
from specls.spec.models import (
    BehaviourDecision,
    Decision,
    InvariantDecision,
    NamingDecision,
    RepresentationDecision,
    SpecDocument,
)

__all__ = [
    "BehaviourDecision",
    "Decision",
    "DecisionEntry",
    "InvariantDecision",
    "NamingDecision",
    "RepresentationDecision",
    "Spec",
    "SpecDocument",
    "SpecProblem",
    "load_spec",
    "parse_spec",
]
