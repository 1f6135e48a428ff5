from datetime import date


def adapt(payload: dict) -> dict:
    day, month, year = payload["date"].split("/")
    return {"ref": payload["ref"], "day": date(int(year), int(month), int(day)).isoformat()}
