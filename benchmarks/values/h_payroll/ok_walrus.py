import datetime


def adapt(rec):
    if (raw := rec.get("day")) is None:
        raise ValueError("no day")
    parsed = datetime.date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    return {
        "emp": rec["emp"],
        "hours": round(rec["worked"] / 60.0, 2),
        "date": parsed.isoformat(),
        "is_overtime": bool(rec["overtime"]),
    }
