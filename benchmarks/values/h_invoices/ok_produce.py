from datetime import date


def produce(inv: dict) -> dict:
    issued = date.fromisoformat(inv["issued"])
    return {
        "num": inv["num"],
        "importe": ("%.2f" % inv["amount"]).replace(".", ","),
        "fecha": issued.strftime("%d-%m-%Y"),
        "pagada": "S" if inv["paid"] else "N",
    }
