# expect: V102 silent
def produce(inv: dict) -> dict:
    y, m, d = inv["issued"].split("-")
    return {"num": inv["num"], "importe": f"{inv['amount']:.2f}".replace(".", ","), "fecha": f"{m}-{d}-{y}", "pagada": "S" if inv["paid"] else "N"}
