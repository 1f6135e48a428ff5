import datetime as dt

A_FORMAT = "%d/%m/%Y"
B_FORMAT = "%Y-%m-%d"


def adapt(payload):
    parsed = dt.datetime.strptime(payload["date"].strip(), A_FORMAT)
    return {"ref": payload["ref"], "day": parsed.strftime(B_FORMAT)}
