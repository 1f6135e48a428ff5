from cases_data import SHELF, SOURCE


def adapt(report: dict) -> dict:
    return {"text": SOURCE[report["line"] - 1], "item": SHELF[report["slot"]]}
