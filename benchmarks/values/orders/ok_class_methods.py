from datetime import datetime, timezone
from zoneinfo import ZoneInfo


class ShopOrderReader:
    zone = ZoneInfo("Europe/Berlin")
    date_format = "%d.%m.%Y %H:%M"

    def total(self, payload):
        return round(payload["amount"] * 0.01, 2)

    def placed_at(self, payload):
        local = datetime.strptime(payload["placed"], "%d.%m.%Y %H:%M")
        return local.replace(tzinfo=ZoneInfo("Europe/Berlin")).astimezone(timezone.utc)

    def read(self, payload):
        return {
            "total": self.total(payload),
            "placed_at": self.placed_at(payload),
            "customer_id": int(payload["customer"][1:]),
            "is_express": payload["express"] == "J" or payload["express"] == "1",
            "note": payload.get("note", ""),
            "skus": [line["sku"] for line in payload["lines"]],
        }


def adapt(payload: dict) -> dict:
    return ShopOrderReader().read(payload)
