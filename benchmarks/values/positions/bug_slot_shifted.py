# expect: V109 silent
from cases_data import SHELF, SOURCE


def adapt(report: dict) -> dict:
    line = report["line"]
    slot = report["slot"]
    return {"text": SOURCE[line - 1], "item": SHELF[slot - 1]}
