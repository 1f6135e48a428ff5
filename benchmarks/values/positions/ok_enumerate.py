from cases_data import SHELF, SOURCE


def adapt(report: dict) -> dict:
    text = next(t for n, t in enumerate(SOURCE, start=1) if n == report["line"])
    return {"text": text, "item": SHELF[report["slot"]]}
