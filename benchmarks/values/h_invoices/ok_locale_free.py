from datetime import date


def adapt(row: dict) -> dict:
    d, m, y = row["fecha"].split("-")
    integer, _, decimals = row["importe"].partition(",")
    amount = int(integer) + (int(decimals) / 10 ** len(decimals) if decimals else 0)
    return {"num": row["num"], "amount": amount, "issued": date(int(y), int(m), int(d)).isoformat(), "paid": row["pagada"] in ("S", "s")}
