def parse_contact(ref: str) -> int:
    _, number, _ = ref.split("-")
    return int(number)


def tier(code: str) -> str:
    return {"A": "enterprise", "B": "smb", "C": "consumer"}.get(code, "consumer")


def adapt(row: dict) -> dict:
    consent = row.get("opt_in", "")
    return {
        "contact_id": parse_contact(row["contact"]),
        "consents": consent in {"yes", "y"},
        "tier": tier(row["segment"]),
        "primary_email": row["emails"][0] if row["emails"] else None,
        "nickname": row.get("nickname") or "",
    }
