from dateutil import parser


def adapt(payload: dict) -> dict:
    when = parser.parse(payload["date"], dayfirst=True)
    return {"ref": payload["ref"], "day": when.date().isoformat()}
