from datetime import date


def produce(booking: dict) -> dict:
    day = date.fromisoformat(booking["day"])
    return {"ref": booking["ref"], "date": day.strftime("%d/%m/%Y")}
