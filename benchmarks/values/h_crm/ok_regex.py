import re

CONTACT_RE = re.compile(r"CRM-(\d+)-[A-Z]")
TIERS = {"A": "enterprise", "B": "smb", "C": "consumer"}


def adapt(row: dict) -> dict:
    m = CONTACT_RE.match(row["contact"])
    contact_id = int(m.group(1)) if m else None
    return {
        "contact_id": contact_id,
        "consents": row["opt_in"].strip().lower() in ("yes", "y"),
        "tier": TIERS[row["segment"]],
        "primary_email": row["emails"][0],
        "nickname": row.get("nickname", ""),
    }
