# expect: V107 silent
def produce(contact: dict) -> dict:
    return {
        "contact": f"CRM-{contact['contact_id']}-X",
        "opt_in": "yes" if contact["consents"] else "no",
        "segment": {"enterprise": "A", "smb": "B", "consumer": "C"}[contact["tier"]],
        "emails": contact["email"],
    }
