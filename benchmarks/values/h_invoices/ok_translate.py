from datetime import datetime

TO_POINT = str.maketrans({",": "."})


def adapt(row: dict) -> dict:
    issued = datetime.strptime(row["fecha"].strip(), "%d-%m-%Y")
    return {
        "num": row["num"],
        "amount": float(row["importe"].translate(TO_POINT)),
        "issued": f"{issued:%Y-%m-%d}",
        "paid": row["pagada"] in {"S", "s"},
    }
