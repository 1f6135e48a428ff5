from functools import partial

SEGMENTS = {"A": "enterprise", "B": "smb", "C": "consumer"}
YES = frozenset({"yes", "y"})


def field(row: dict, name: str, default=None):
    return row.get(name, default)


def adapt(row: dict) -> dict:
    get = partial(field, row)
    ref = get("contact")
    return {
        "contact_id": int(ref[4:ref.rindex("-")]),
        "consents": get("opt_in", "") in YES,
        "tier": SEGMENTS.get(get("segment"), "consumer"),
        "primary_email": (get("emails") or [None])[0],
        "nickname": get("nickname", ""),
    }
