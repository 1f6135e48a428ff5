# expect: V108 silent
TIER = {"A": "smb", "B": "enterprise", "C": "consumer"}


def adapt(row: dict) -> dict:
    return {
        "contact_id": int(row["contact"].split("-")[1]),
        "consents": row["opt_in"] in ("yes", "y"),
        "tier": TIER.get(row["segment"], "consumer"),
        "primary_email": row["emails"][0],
        "nickname": row.get("nickname", ""),
    }
