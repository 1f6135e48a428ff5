from cases_data import SHELF, SOURCE


def line_text(lines: list[str], number: int) -> str:
    return lines[number - 1]


def adapt(report: dict) -> dict:
    return {"text": line_text(SOURCE, report["line"]), "item": SHELF[report["slot"]]}
