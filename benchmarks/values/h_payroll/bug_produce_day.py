# expect: V102 silent
def produce(line: dict) -> dict:
    return {
        "emp": line["emp"],
        "worked": round(line["hours"] * 60),
        "day": line["date"],
        "overtime": 1 if line["is_overtime"] else 0,
    }
