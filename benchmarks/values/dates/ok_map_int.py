from datetime import date


def parse_a_date(text: str) -> date:
    d, m, y = map(int, text.split("/"))
    return date(y, m, d)


def adapt(payload: dict) -> dict:
    return {"ref": payload["ref"], "day": parse_a_date(payload["date"]).isoformat()}
