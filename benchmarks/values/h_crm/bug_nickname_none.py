# expect: V104 silent
def adapt(row: dict) -> dict:
    return {
        "contact_id": int(row["contact"].split("-")[1]),
        "consents": row["opt_in"] in ("yes", "y"),
        "tier": {"A": "enterprise", "B": "smb", "C": "consumer"}[row["segment"]],
        "primary_email": row["emails"][0],
        "nickname": row.get("nickname"),
    }
