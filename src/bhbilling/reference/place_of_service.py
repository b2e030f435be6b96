"""CMS place-of-service (POS) codes, sent in 837P 2300 CLM05-1 and 2400 SV105.

Model:
- Loaded once from `data/cms_place_of_service_codes.csv` (see data/SOURCES.md).
- `rate_setting` says which Medicare PFS rate a POS earns: facility or non-facility.
  It matters in behavioral health because telehealth POS 02 (patient not at home) pays
  the facility rate while POS 10 (patient at home) pays non-facility since CY2024.
- Codes are two-digit strings; "3" is not "03". Callers normalise before asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Literal

from bhbilling.reference._files import read_csv_rows

__all__ = [
    "POS_FILE",
    "PlaceOfService",
    "get_place_of_service",
    "is_valid_pos",
    "load_places_of_service",
]

POS_FILE = "cms_place_of_service_codes.csv"

RateSetting = Literal["facility", "non_facility"]
_RATE_SETTINGS: dict[str, RateSetting] = {
    "Facility": "facility",
    "Non-Facility": "non_facility",
}


@dataclass(frozen=True, slots=True)
class PlaceOfService:
    code: str
    name: str
    rate_setting: RateSetting
    description: str

    @property
    def is_facility_rate(self) -> bool:
        return self.rate_setting == "facility"


@cache
def load_places_of_service() -> MappingProxyType[str, PlaceOfService]:
    """Every assigned POS code -> its entry (read once, then cached)."""
    places: dict[str, PlaceOfService] = {}
    for row in read_csv_rows(POS_FILE):
        setting = row["pfs_rate_setting"]
        if setting not in _RATE_SETTINGS:
            raise ValueError(
                f"{POS_FILE}: POS {row['pos_code']} has rate setting {setting!r}, "
                "expected 'Facility' or 'Non-Facility'"
            )
        place = PlaceOfService(
            code=row["pos_code"],
            name=row["pos_name"],
            rate_setting=_RATE_SETTINGS[setting],
            description=row["pos_description"],
        )
        places[place.code] = place
    return MappingProxyType(places)


def is_valid_pos(code: object) -> bool:
    """True for an assigned two-character CMS POS code such as "11" or "02"."""
    return isinstance(code, str) and code in load_places_of_service()


def get_place_of_service(code: str) -> PlaceOfService:
    """The entry for `code`; KeyError naming the code when it is not assigned."""
    try:
        return load_places_of_service()[code]
    except KeyError:
        raise KeyError(f"{code!r} is not an assigned CMS place-of-service code") from None
