from datetime import datetime

CONVERTERS = {
    "hours": lambda r: round(r["worked"] / 60, 2),
    "date": lambda r: datetime.strptime(r["day"], "%Y%m%d").strftime("%Y-%m-%d"),
    "is_overtime": lambda r: r["overtime"] == 1,
}


def adapt(record: dict) -> dict:
    out = {"emp": record["emp"]}
    for name, convert in CONVERTERS.items():
        out[name] = convert(record)
    return out
