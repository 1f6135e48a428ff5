# expect: V106 loud
def adapt(row: dict) -> dict:
    return {
        "contact_id": int(row["contact"].removeprefix("CRM-")),
        "consents": row["opt_in"] in ("yes", "y"),
        "tier": {"A": "enterprise", "B": "smb", "C": "consumer"}[row["segment"]],
        "primary_email": row["emails"][0],
        "nickname": row.get("nickname", ""),
    }
