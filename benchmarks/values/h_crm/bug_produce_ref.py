# expect: V106 silent
def produce(contact: dict) -> dict:
    return {
        "contact": "CRM%d" % contact["contact_id"],
        "opt_in": "yes" if contact["consents"] else "no",
        "segment": {"enterprise": "A", "smb": "B", "consumer": "C"}[contact["tier"]],
        "emails": [contact["email"]],
    }
