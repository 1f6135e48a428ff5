class ContactMapper:
    SEGMENTS = {"A": "enterprise", "B": "smb", "C": "consumer"}

    def __init__(self, row: dict) -> None:
        self.row = row

    def contact_id(self) -> int:
        return int(self.row["contact"].split("-")[1])

    def consents(self) -> bool:
        return self.row["opt_in"] not in ("no", "n", "")

    def to_dict(self) -> dict:
        return {
            "contact_id": self.contact_id(),
            "consents": self.consents(),
            "tier": self.SEGMENTS[self.row["segment"]],
            "primary_email": next(iter(self.row["emails"]), None),
            "nickname": self.row.get("nickname", ""),
        }


def adapt(row: dict) -> dict:
    return ContactMapper(row).to_dict()
