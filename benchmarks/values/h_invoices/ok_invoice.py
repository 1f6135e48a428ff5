from datetime import datetime
from decimal import Decimal


def parse_amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def adapt(row: dict) -> dict:
    return {
        "num": row["num"],
        "amount": float(parse_amount(row["importe"])),
        "issued": datetime.strptime(row["fecha"], "%d-%m-%Y").date().isoformat(),
        "paid": row["pagada"].upper() == "S",
    }
