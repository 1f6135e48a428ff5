# expect: V101 silent
from datetime import date


def produce(line: dict) -> dict:
    return {
        "emp": line["emp"],
        "worked": int(line["hours"]),
        "day": date.fromisoformat(line["date"]).strftime("%Y%m%d"),
        "overtime": int(line["is_overtime"]),
    }
