# expect: V110 silent
from datetime import datetime


def adapt(row: dict) -> dict:
    amount = float(row["importe"].replace(",", "").strip())
    return {"num": row["num"], "amount": amount, "issued": datetime.strptime(row["fecha"], "%d-%m-%Y").date().isoformat(), "paid": row["pagada"] == "S"}
