"""Reference ring: packaged POS and taxonomy data, read through importlib.resources."""

from importlib import resources

import pytest

from bhbilling.reference.place_of_service import (
    get_place_of_service,
    is_valid_pos,
    load_places_of_service,
)
from bhbilling.reference.taxonomy import (
    EXTRA_BH_TAXONOMIES,
    is_known_bh_taxonomy,
    is_valid_taxonomy_format,
    known_bh_taxonomies,
    load_crosswalk,
    taxonomy_description,
)


def test_data_files_and_sources_ship_inside_the_package():
    data = resources.files("bhbilling.reference").joinpath("data")
    names = {entry.name for entry in data.iterdir()}
    assert {
        "cms_place_of_service_codes.csv",
        "cms_medicare_taxonomy_crosswalk_behavioral_health_2025-01-02.csv",
        "SOURCES.md",
    } <= names
    sources = data.joinpath("SOURCES.md").read_text(encoding="utf-8")
    assert "cms_place_of_service_codes.csv" in sources
    assert "taxonomy_crosswalk" in sources


def test_pos_table_is_loaded_once():
    places = load_places_of_service()
    assert places is load_places_of_service()
    assert len(places) == 52
    assert all(len(code) == 2 and code.isdigit() for code in places)


@pytest.mark.parametrize(
    ("code", "facility"),
    [("02", True), ("10", False), ("11", False), ("12", False), ("53", True), ("57", False),
     ("99", False)],
)
def test_behavioral_health_pos_rate_settings(code, facility):
    assert is_valid_pos(code)
    assert get_place_of_service(code).is_facility_rate is facility


def test_pos_names():
    assert get_place_of_service("10").name == "Telehealth Provided in Patient's Home"
    assert get_place_of_service("11").name == "Office"


@pytest.mark.parametrize("code", ["3", "00", "28", "98", "011", "", None, 11, " 11"])
def test_invalid_pos(code):
    assert not is_valid_pos(code)


def test_get_unknown_pos_names_the_code():
    with pytest.raises(KeyError, match="'98' is not an assigned"):
        get_place_of_service("98")


@pytest.mark.parametrize(
    "code", ["2084P0800X", "103T00000X", "1041C0700X", "363LP0808X", "101YM0800X"]
)
def test_taxonomy_format_accepts(code):
    assert is_valid_taxonomy_format(code)


@pytest.mark.parametrize(
    "code",
    ["2084P0800", "2084P0800XX", "2084p0800x", "2084P0800Y", "A084P0800X", "2084P-800X", "",
     None, 2084],
)
def test_taxonomy_format_rejects(code):
    assert not is_valid_taxonomy_format(code)


def test_known_bh_taxonomies():
    assert is_known_bh_taxonomy("2084P0800X")
    assert is_known_bh_taxonomy("106H00000X")  # Medicare MFT specialty E1 since 2024
    assert is_known_bh_taxonomy("101YA0400X")  # extra NUCC code, not in crosswalk
    assert not is_known_bh_taxonomy("207R00000X")  # internal medicine, not BH
    assert not is_known_bh_taxonomy("2084p0800x")
    assert not is_known_bh_taxonomy(None)
    assert known_bh_taxonomies() >= EXTRA_BH_TAXONOMIES
    assert all(is_valid_taxonomy_format(code) for code in known_bh_taxonomies())


def test_crosswalk_groups_codes_under_specialties():
    crosswalk = load_crosswalk()
    assert crosswalk is load_crosswalk()
    assert sum(len(rows) for rows in crosswalk.values()) == 63
    specialties = {row.medicare_specialty_code for row in crosswalk["103TC0700X"]}
    assert specialties == {"62", "68"}
    assert taxonomy_description("1041C0700X").endswith("Social Worker, Clinical")
    assert taxonomy_description("101YA0400X") is None
