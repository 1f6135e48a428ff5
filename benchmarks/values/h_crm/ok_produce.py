SEGMENT_OF = {"enterprise": "A", "smb": "B", "consumer": "C"}


def produce(contact: dict) -> dict:
    return {
        "contact": f"CRM-{contact['contact_id']}-X",
        "opt_in": "yes" if contact["consents"] else "no",
        "segment": SEGMENT_OF[contact["tier"]],
        "emails": [contact["email"]],
    }
