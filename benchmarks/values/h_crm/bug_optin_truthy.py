# expect: V105 silent
def adapt(row: dict) -> dict:
    consents = True if row.get("opt_in") else False
    return {
        "contact_id": int(row["contact"].split("-")[1]),
        "consents": consents,
        "tier": {"A": "enterprise", "B": "smb", "C": "consumer"}[row["segment"]],
        "primary_email": row["emails"][0],
        "nickname": row.get("nickname", ""),
    }
