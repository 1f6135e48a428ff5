# expect: V105 silent
def produce(contact: dict) -> dict:
    return {
        "contact": f"CRM-{contact['contact_id']}-X",
        "opt_in": "true" if contact["consents"] else "false",
        "segment": {"enterprise": "A", "smb": "B", "consumer": "C"}[contact["tier"]],
        "emails": [contact["email"]],
    }
