# expect: V102 silent
from datetime import datetime


def adapt(row: dict) -> dict:
    issued = datetime.strptime(row["fecha"], "%m-%d-%Y")
    return {"num": row["num"], "amount": float(row["importe"].replace(",", ".")), "issued": issued.date().isoformat(), "paid": row["pagada"] == "S"}
