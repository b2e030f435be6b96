"""Payer profiles as versioned TOML data files (reference doc §2.1, §3, §4, §5, §7.4)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bhbilling.domain.coding.profile import HCodeRule, PayerProfile
from bhbilling.kernel.errors import BhBillingError
from bhbilling.payers import ProfileError, available_profiles, check_file, load_profile

SHIPPED = ("commercial-95-pos11", "commercial-default", "commercial-gt-02", "medicaid-example",
           "medicaid-mco-example", "medicare", "self-pay")
DOS = dt.date(2026, 5, 1)

GOOD = '''schema = 1
name = "{name}"
label = "Test plan"
payer_kind = "commercial"
reference = "test"

[[version]]
version = "2026"
effective_from = 2026-01-01
{extra}
'''


def write(directory: Path, name: str, extra: str = "", text: str | None = None) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(text if text is not None else GOOD.format(name=name, extra=extra),
                    encoding="utf-8")
    return path


def test_every_shipped_profile_is_listed_and_loads_for_2026():
    assert available_profiles() == SHIPPED
    for name in SHIPPED:
        profile = load_profile(name, on=DOS)
        assert isinstance(profile, PayerProfile)
        assert profile.name == name and profile.in_force_on(DOS)
        assert "behavioral-health-billing.md" in profile.reference


def test_medicare_2026_signals_telehealth_by_pos_and_93_for_audio():
    p = load_profile("medicare", on=DOS)
    assert p.payer_kind == "medicare"
    assert (p.telehealth.pos_home, p.telehealth.pos_other, p.telehealth.pos_override) == (
        "10", "02", None)
    assert p.telehealth.video_modifiers == () and p.telehealth.audio_modifiers == ("93",)
    assert p.excluded_credentials == frozenset({"LADC", "LCADC"})  # LMFT/LPC/LMHC enroll
    assert p.associate_billing == "not_covered"
    assert p.crisis_g_codes_outside_office is True
    assert p.z_code_primary_allowed is False
    assert p.credential_modifiers == {}
    assert "LCSW" not in p.allowed_credentials["96130"]


def test_medicare_version_is_chosen_by_date_of_service():
    v2023 = load_profile("medicare", on=dt.date(2023, 12, 31))
    v2024 = load_profile("medicare", on=dt.date(2024, 1, 1))
    assert (v2023.version, v2024.version) == ("2023", "2024")
    assert {"LMFT", "LPC", "LMHC"} <= v2023.excluded_credentials
    assert v2023.crisis_g_codes_outside_office is False
    assert v2023.telehealth.pos_override == "11"
    assert v2024.telehealth.pos_override is None


def test_medicaid_example_credential_modifiers_and_h_codes():
    p = load_profile("medicaid-example", on=DOS)
    assert p.credential_modifiers["LCSW"] == ("HO",)
    assert p.credential_modifiers["PSYD"] == ("HP",)
    assert p.credential_modifiers["ASSOCIATE"] == ("HO",)
    assert "MD" not in p.credential_modifiers
    assert p.associate_billing == "supervisor"
    assert p.sud_hcodes["sud_individual"] == HCodeRule("H0004", 15, 6, ("HF",))
    assert p.sud_hcodes["sud_assessment"].code == "H0001"
    assert p.sud_hcodes["sud_group"].code == "H0005"
    assert p.telehealth.video_modifiers == ("GT",)
    assert p.z_code_primary_allowed is False
    mco = load_profile("medicaid-mco-example", on=DOS)
    assert mco.telehealth.video_modifiers == ("95",) and mco.payer_kind == "medicaid_mco"
    assert mco.sud_hcodes == p.sud_hcodes and mco.credential_modifiers == p.credential_modifiers


def test_commercial_variants_and_self_pay():
    default = load_profile("commercial-default", on=DOS)
    assert default.telehealth.video_modifiers == ("95",) and default.telehealth.pos_override is None
    assert default.associate_billing == "not_covered" and default.credential_modifiers == {}
    gt = load_profile("commercial-gt-02", on=DOS).telehealth
    assert (gt.pos_override, gt.video_modifiers) == ("02", ("GT",))
    p11 = load_profile("commercial-95-pos11", on=DOS).telehealth
    assert (p11.pos_override, p11.video_modifiers) == ("11", ("95",))
    self_pay = load_profile("self-pay", on=DOS)
    assert self_pay.telehealth.video_modifiers == () == self_pay.telehealth.audio_modifiers
    assert self_pay.associate_billing == "self" and self_pay.payer_kind == "self_pay"


def test_no_version_in_force_is_an_error_naming_the_file():
    with pytest.raises(ProfileError, match=r"medicare\.toml: no version .* 2022-12-31") as exc:
        load_profile("medicare", on=dt.date(2022, 12, 31))
    assert isinstance(exc.value, BhBillingError)


def test_unknown_profile_lists_known_names():
    with pytest.raises(ProfileError, match=r"no payer profile named 'nope'.*medicare"):
        load_profile("nope", on=DOS)


def test_extra_dir_adds_and_overrides(tmp_path):
    write(tmp_path, "acme-health", '[version.telehealth]\nvideo_modifiers = ["GT"]')
    write(tmp_path, "medicare", 'associate_billing = "supervisor"')
    assert "acme-health" in available_profiles([tmp_path])
    assert load_profile("acme-health", DOS, [tmp_path]).telehealth.video_modifiers == ("GT",)
    assert load_profile("medicare", DOS, [tmp_path]).associate_billing == "supervisor"
    assert load_profile("medicare", DOS).associate_billing == "not_covered"


def test_first_extra_dir_wins(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    write(first, "plan", 'associate_billing = "self"')
    write(second, "plan", 'associate_billing = "supervisor"')
    assert load_profile("plan", DOS, [first, second]).associate_billing == "self"


def test_edited_file_is_reread(tmp_path):
    path = write(tmp_path, "plan", 'associate_billing = "self"')
    assert load_profile("plan", DOS, [tmp_path]).associate_billing == "self"
    write(tmp_path, "plan", 'associate_billing = "supervisor"')
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert load_profile("plan", DOS, [tmp_path]).associate_billing == "supervisor"


BAD = [
    ("unknown key", 'copay = 20', "version[1].copay", "unknown key; expected one of"),
    ("wrong type", 'z_code_primary_allowed = "no"', "version[1].z_code_primary_allowed",
     "expected true or false, got string 'no'"),
    ("unknown credential", '[version.credential_modifiers]\nLSW = ["HO"]',
     "version[1].credential_modifiers.LSW", "unknown credential; expected one of MD"),
    ("credential list", 'excluded_credentials = ["LPCC"]', "version[1].excluded_credentials[0]",
     "expected a credential (MD"),
    ("service type", '[version.sud_hcodes.detox]\ncode = "H0010"', "version[1].sud_hcodes.detox",
     "unknown service type; expected one of intake_evaluation"),
    ("POS", '[version.telehealth]\npos_home = "77"', "version[1].telehealth.pos_home",
     "'77' is not an assigned CMS place-of-service code"),
    ("POS number", '[version.telehealth]\npos_override = 11', "version[1].telehealth.pos_override",
     "got number 11"),
    ("modifier format", '[version.telehealth]\nvideo_modifiers = ["gt"]',
     "version[1].telehealth.video_modifiers[0]", "expected a two-character modifier"),
    ("modifier number", 'supervised_modifiers = [95]', "version[1].supervised_modifiers[0]",
     "got number 95"),
    ("associate billing", 'associate_billing = "incident"', "version[1].associate_billing",
     "'incident' is not one of supervisor, self, not_covered"),
    ("modifier order", 'modifier_order = ["telehealth"]', "version[1].modifier_order",
     "expected each of procedure, credential, program, supervision, telehealth exactly once"),
    ("date as string", 'effective_to = "2026-12-31"', "version[1].effective_to",
     "expected a TOML date such as 2026-12-31 (no quotes)"),
    ("end before start", 'effective_to = 2025-12-31', "version[1].effective_to",
     "expected a date on or after effective_from (2026-01-01)"),
    ("h-code", '[version.sud_hcodes.sud_individual]\ncode = "H4"',
     "version[1].sud_hcodes.sud_individual.code", "'H4' is not a CPT/HCPCS code"),
    ("units", '[version.sud_hcodes.sud_individual]\ncode = "H0004"\nunit_minutes = 0',
     "version[1].sud_hcodes.sud_individual.unit_minutes", "at least 1, got 0"),
    ("overlap", '\n[[version]]\nversion = "2026b"\neffective_from = 2026-06-01', "version",
     "versions '2026' and '2026b' overlap: expected '2026' to end before 2026-06-01"),
]


@pytest.mark.parametrize(("case", "extra", "key", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_names_file_key_and_expectation(tmp_path, case, extra, key, expected):
    path = write(tmp_path, "plan", extra)
    with pytest.raises(ProfileError) as exc:
        load_profile("plan", DOS, [tmp_path])
    [problem] = exc.value.problems
    assert (problem.file, problem.key) == (str(path), key)
    assert expected in problem.expected
    assert f"{path}: {key}: " in str(exc.value)


def test_name_must_match_file_and_every_problem_is_listed(tmp_path):
    path = write(tmp_path, "plan", text=GOOD.format(name="other", extra="")
                 .replace('payer_kind = "commercial"', 'payer_kind = "hmo"') + "foo = 1\n")
    keys = [p.key for p in check_file(path)]
    assert keys == ["name", "payer_kind", "version[1].foo"]


def test_missing_versions_and_bad_toml(tmp_path):
    no_versions = write(tmp_path, "plan", text='schema = 1\nname = "plan"\npayer_kind = "commercial"\n')
    assert [(p.key, p.expected) for p in check_file(no_versions)] == [
        ("version", "expected at least one [[version]] table")]
    broken = write(tmp_path, "broken", text="name = \n")
    [problem] = check_file(broken)
    assert "not valid TOML" in problem.expected and str(broken) in problem.expected


def test_shipped_files_check_clean():
    shipped = Path(__file__).resolve().parents[3] / "src/bhbilling/payers/profiles"
    files = sorted(shipped.glob("*.toml"))
    assert [f.stem for f in files] == list(SHIPPED)
    assert {f.name: check_file(f) for f in files} == {f.name: () for f in files}
