from datetime import datetime


class InvoiceRow:
    def __init__(self, row: dict) -> None:
        self._row = row

    @property
    def amount(self) -> float:
        return float(self._row["importe"].replace(",", "."))

    @property
    def issued(self) -> str:
        return datetime.strptime(self._row["fecha"], "%d-%m-%Y").strftime("%Y-%m-%d")

    def as_invoice(self) -> dict:
        return {"num": self._row["num"], "amount": self.amount, "issued": self.issued, "paid": self._row["pagada"].lower() == "s"}


def adapt(row: dict) -> dict:
    return InvoiceRow(row).as_invoice()
