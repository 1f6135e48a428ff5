# expect: V110 silent
from datetime import date


def produce(inv: dict) -> dict:
    return {
        "num": inv["num"],
        "importe": "%.2f" % inv["amount"],
        "fecha": date.fromisoformat(inv["issued"]).strftime("%d-%m-%Y"),
        "pagada": "S" if inv["paid"] else "N",
    }
