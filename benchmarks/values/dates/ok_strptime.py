from datetime import datetime


def adapt(payload: dict) -> dict:
    day = datetime.strptime(payload["date"], "%d/%m/%Y").date()
    return {"ref": payload["ref"], "day": day.isoformat()}
