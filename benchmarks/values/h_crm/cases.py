"""CRM exports (contact refs, yes/no consent, segment letters) as our contacts."""

CONSUME = [
    (
        {"contact": "CRM-507-X", "opt_in": "yes", "segment": "A", "emails": ["a@x.io"], "nickname": "Al"},
        {"contact_id": 507, "consents": True, "tier": "enterprise", "primary_email": "a@x.io", "nickname": "Al"},
    ),
    (
        {"contact": "CRM-12-Q", "opt_in": "", "segment": "C", "emails": ["c@y.io", "d@y.io"]},
        {"contact_id": 12, "consents": False, "tier": "consumer", "primary_email": "c@y.io", "nickname": ""},
    ),
    (
        {"contact": "CRM-9-B", "opt_in": "y", "segment": "B", "emails": ["e@z.io"], "nickname": "Bo"},
        {"contact_id": 9, "consents": True, "tier": "smb", "primary_email": "e@z.io", "nickname": "Bo"},
    ),
    (
        {"contact": "CRM-10-B", "opt_in": "no", "segment": "B", "emails": ["f@z.io"], "nickname": ""},
        {"contact_id": 10, "consents": False, "tier": "smb", "primary_email": "f@z.io", "nickname": ""},
    ),
]
PRODUCE = [
    (
        {"contact_id": 507, "consents": True, "tier": "smb", "email": "a@x.io"},
        {"contact": "CRM-507-X", "opt_in": "yes", "segment": "B", "emails": ["a@x.io"]},
    ),
]
