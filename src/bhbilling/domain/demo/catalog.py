"""Fixed facts of the demo world: fictional organisations, clinicians, payers, fees, names.

Everything here is invented. Payer ids start with "DM" so they cannot be mistaken for a
real clearinghouse payer id; phone numbers use the 555-01xx range reserved for fiction;
SSNs use area numbers 900-999, which the SSA never issues; emails use example.org
(RFC 2606). Taxonomies follow ``bhbilling.domain.parties.Credential.default_taxonomy``
(CMS Medicare taxonomy crosswalk 2025-01-02) except where a clinician's speciality differs
(child psychologist 103TC2200X, addiction psychiatrist 2084P0802X) and for the pre-licensed
associate counselor, whose taxonomy follows the discipline: NUCC 101Y00000X (Counselor).
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

COMPANY = ("Clearwater Billing Services", "clearwater-demo")

# key, name, legal name, kind, TIN (EIN, valid prefix), taxonomy, street, city, ZIP, phone
# 837P 2010AA N403: a billing provider address carries the 9-digit ZIP (ZIP+4).
PRACTICES = (
    ("solo", "Harbor Light Counseling", "Harbor Light Counseling LCSW PLLC", "solo",
     "461234501", "1041C0700X", "14 Church St", "Burlington", "054012204", "8025550101"),
    ("group", "Riverbend Behavioral Health", "Riverbend Behavioral Health Group PC", "group",
     "461234502", "261QM0801X", "220 Main St", "Montpelier", "056023315", "8025550102"),
    ("sud", "New Dawn Recovery Services", "New Dawn Recovery Services Inc", "sud_program",
     "461234503", "261QR0405X", "85 Merchants Row", "Rutland", "057014412", "8025550103"),
)
STATE = "VT"

# key, practice, first, last, credential, taxonomy, supervisor key
PROVIDERS = (
    ("solo-lcsw", "solo", "Maya", "Thornton", "LCSW", "1041C0700X", None),
    ("group-md", "group", "Samuel", "Okafor", "MD", "2084P0800X", None),
    ("group-pmhnp", "group", "Priya", "Raman", "PMHNP", "363LP0808X", None),
    ("group-phd", "group", "Elena", "Varga", "PHD", "103TC0700X", None),
    ("group-psyd", "group", "Marcus", "Bell", "PSYD", "103TC2200X", None),
    ("group-lcsw", "group", "Hannah", "Lindqvist", "LCSW", "1041C0700X", None),
    ("group-lmft", "group", "Diego", "Alvarez", "LMFT", "106H00000X", None),
    ("group-lpc", "group", "Grace", "Kim", "LPC", "101YP2500X", None),
    ("group-assoc", "group", "Owen", "Fitzgerald", "ASSOCIATE", "101Y00000X", "group-lpc"),
    ("sud-md", "sud", "Ruth", "Adeyemi", "MD", "2084P0802X", None),
    ("sud-ladc", "sud", "Tom", "Reilly", "LADC", "101YA0400X", None),
    ("sud-lcadc", "sud", "Aisha", "Mensah", "LCADC", "101YA0400X", None),
)
EXPIRING_SOON = "group-lmft"
"""This clinician's licence runs out three weeks after demo today (the expiry warning)."""

PRESCRIBERS = frozenset({"MD", "DO", "PMHNP", "NP", "PA"})
NOT_MEDICARE_ENROLLABLE = frozenset({"LADC", "LCADC", "ASSOCIATE"})
MEDICARE_PENDING = "group-lpc"
"""Counselors enroll in Medicare only since 2024: one application is still pending."""

# key, name, payer id, kind, timely filing days, expected-allowed share of the charge
PAYERS = (
    ("medicare", "Medicare Part B (Lakeshore MAC)", "DMMCR01", "medicare", 365, "0.52"),
    ("medicaid", "Green Mountain Medicaid", "DMMCD01", "medicaid", 180, "0.45"),
    ("mco", "Maple Valley Community Health Plan", "DMMCO01", "medicaid_mco", 120, "0.50"),
    ("bluestone", "Bluestone Health Insurance", "DMBLU01", "commercial", 90, "0.72"),
    ("evergreen", "Evergreen Mutual", "DMEVG01", "commercial", 180, "0.66"),
    ("summit", "Summit Peak Health", "DMSPH01", "commercial", 120, "0.78"),
    ("selfpay", "Self-pay", "DMSELF", "self_pay", 365, "1.00"),
)

# Fictional mailing addresses (claims, then appeals; "" = same as claims) and phones.
PAYER_MAIL = MappingProxyType({
    "medicare": (("PO Box 6700", "Lakeshore", "VT", "054026700"),
                 ("Redeterminations, PO Box 6704", "Lakeshore", "VT", "054026704"), "8025550140"),
    "medicaid": (("PO Box 1200", "Waterbury", "VT", "056761200"),
                 ("Provider Appeals Unit, PO Box 1210", "Waterbury", "VT", "056761210"), "8025550150"),
    "mco": (("PO Box 4410", "Rutland", "VT", "057024410"), (), "8025550160"),
    "bluestone": (("PO Box 3000", "Burlington", "VT", "054023000"),
                  ("Grievances and Appeals, PO Box 3090", "Burlington", "VT", "054023090"), "8025550170"),
    "evergreen": (("PO Box 880", "Montpelier", "VT", "056010880"),
                  ("Appeals Department, PO Box 881", "Montpelier", "VT", "056010881"), "8025550180"),
    "summit": (("PO Box 57", "Stowe", "VT", "05672"), (), "8025550190"),
})

# Standard charges (self-pay schedule) per code; payer schedules charge the same and
# expect a payer-specific share. Decimal strings: money never passes through float.
BASE_CHARGES = MappingProxyType({
    "90791": "250.00", "90792": "300.00", "90832": "110.00", "90834": "150.00",
    "90837": "200.00", "90785": "30.00", "90833": "90.00", "90836": "120.00",
    "90838": "160.00", "90839": "260.00", "90840": "120.00", "90846": "160.00",
    "90847": "170.00", "90853": "70.00", "96127": "10.00", "96130": "220.00",
    "96131": "170.00", "96136": "90.00", "96137": "80.00", "99213": "140.00",
    "99214": "200.00", "H0001": "180.00", "H0004": "35.00", "H0005": "40.00",
    "H0015": "250.00", "H2019": "30.00",
})
PRACTICE_FEE_FACTOR = MappingProxyType(
    {"solo": Decimal("1.00"), "group": Decimal("1.10"), "sud": Decimal("0.90")}
)

# practice key -> weights of payer keys for a new patient's primary coverage
PAYER_MIX = MappingProxyType({
    "solo": (("bluestone", 25), ("evergreen", 20), ("summit", 15), ("medicare", 15),
             ("medicaid", 10), ("selfpay", 15)),
    "group": (("bluestone", 17), ("evergreen", 15), ("summit", 13), ("medicare", 15),
              ("medicaid", 10), ("mco", 20), ("selfpay", 10)),
    "sud": (("medicaid", 25), ("mco", 40), ("bluestone", 8), ("evergreen", 7),
            ("summit", 5), ("medicare", 5), ("selfpay", 10)),
})
PATIENT_SHARE = MappingProxyType({"solo": 0.10, "group": 0.63, "sud": 0.27})
SESSION_SHARE = MappingProxyType({"solo": 0.13, "group": 0.60, "sud": 0.27})
CHILD_SHARE = MappingProxyType({"solo": 0.05, "group": 0.18, "sud": 0.0})

ADULT_DIAGNOSES = (("F32.1", 14), ("F33.1", 12), ("F41.1", 18), ("F43.10", 8),
                   ("F43.23", 10), ("F43.22", 4), ("F41.0", 5), ("F32.A", 4), ("F42.2", 3),
                   ("F31.81", 2), ("F60.3", 2), ("F90.0", 3), ("F40.10", 3))
CHILD_DIAGNOSES = (("F90.0", 20), ("F90.2", 10), ("F84.0", 10), ("F41.1", 12),
                   ("F43.23", 10), ("F93.0", 6), ("F91.3", 6), ("F32.1", 6))
SUD_DIAGNOSES = (("F10.20", 30), ("F11.20", 28), ("F12.20", 12), ("F15.20", 8),
                 ("F14.20", 6), ("F10.21", 4))
SUD_COOCCURRING = (("F32.1", 10), ("F41.1", 10), ("F43.10", 8), ("F33.1", 5))
Z_CODES = ("Z63.0", "Z56.0", "Z59.00", "Z60.2", "Z62.820", "Z63.5", "Z65.8")
CHILD_Z_CODES = ("Z62.820", "Z63.5")

# CPT 90785 factors (interactive complexity), stored as the session's documented reasons.
INTERACTIVE_FACTORS = ("maladaptive_communication", "caregiver_emotions_interfere",
                       "sentinel_event_disclosure", "play_or_interpreter_needed")
INSTRUMENTS = ("PHQ-9", "GAD-7")
CHILD_INSTRUMENTS = ("Vanderbilt", "SCARED")

FEMALE_NAMES = ("Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia", "Amelia", "Harper",
                "Evelyn", "Abigail", "Ella", "Grace", "Chloe", "Nora", "Lily", "Zoe",
                "Hazel", "Aurora", "Maya", "Leah", "Ruby", "Ivy", "Naomi", "Camila",
                "Rosa", "Fatima", "Mei", "Anika", "Tamara", "Joan")
MALE_NAMES = ("Liam", "Noah", "Oliver", "Elijah", "James", "William", "Benjamin", "Lucas",
              "Henry", "Theo", "Jack", "Levi", "Owen", "Caleb", "Isaac", "Miles", "Ezra",
              "Jonah", "Mateo", "Samuel", "Andre", "Kenji", "Ravi", "Tyrone", "Walter",
              "Frank", "Hugo", "Felix", "Omar", "Dmitri")
MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTW"
LAST_NAMES = ("Abbott", "Barrow", "Calloway", "Dunmore", "Ellison", "Farrow", "Gallagher",
              "Hollis", "Ingram", "Jessup", "Kettering", "Lowell", "Merriweather", "Nolan",
              "Oakes", "Pennington", "Quimby", "Radcliffe", "Sutter", "Thackeray", "Underhill",
              "Vance", "Whitcombe", "Yardley", "Zeller", "Ashby", "Brandt", "Corliss",
              "Delacroix", "Eastman", "Fairbanks", "Greer", "Hartwell", "Iverson", "Juniper",
              "Kowalczyk", "Larkspur", "Montague", "Nakamura", "Osei", "Pryor", "Quintero",
              "Rasmussen", "Sandoval", "Tremblay", "Uddin", "Villanueva", "Winslow",
              "Xiong", "Yilmaz")
STREETS = ("Maple Ave", "Elm St", "Pearl St", "North Ave", "College St", "Spruce Ln",
           "Birch Rd", "Cedar Hill Rd", "Lake St", "River Rd", "Hillside Dr", "Orchard Ln")
CITIES = (("Burlington", "054012204"), ("South Burlington", "05403"), ("Winooski", "05404"),
          ("Montpelier", "056023315"), ("Barre", "05641"), ("Rutland", "057014412"),
          ("Brattleboro", "05301"), ("St Johnsbury", "05819"))
