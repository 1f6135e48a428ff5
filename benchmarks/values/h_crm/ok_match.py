def tier_of(segment: str) -> str:
    match segment:
        case "A":
            return "enterprise"
        case "B":
            return "smb"
        case _:
            return "consumer"


def adapt(row: dict) -> dict:
    ref = row["contact"]
    return {
        "contact_id": int(ref.split("-", 2)[1]),
        "consents": row["opt_in"] == "yes" or row["opt_in"] == "y",
        "tier": tier_of(row["segment"]),
        "primary_email": row["emails"][0],
        "nickname": row.get("nickname", ""),
    }
