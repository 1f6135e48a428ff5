# expect: V109 silent
from cases_data import SHELF, SOURCE


def adapt(report: dict) -> dict:
    return {"text": SOURCE[report["line"]], "item": SHELF[report["slot"]]}
