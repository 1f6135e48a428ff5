# expect: V105 silent
from datetime import datetime


def adapt(row: dict) -> dict:
    paid = row["pagada"] == "Y"
    return {"num": row["num"], "amount": float(row["importe"].replace(",", ".")), "issued": datetime.strptime(row["fecha"], "%d-%m-%Y").date().isoformat(), "paid": paid}
