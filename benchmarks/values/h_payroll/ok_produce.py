from datetime import date


def produce(line: dict) -> dict:
    d = date.fromisoformat(line["date"])
    return {
        "emp": line["emp"],
        "worked": int(round(line["hours"] * 60)),
        "day": d.strftime("%Y%m%d"),
        "overtime": 1 if line["is_overtime"] else 0,
    }
