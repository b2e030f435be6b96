"""JSON Lines snapshots: round trip, and errors naming file, line and field (domain ring)."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest

from bhbilling.domain.scrubbing.jsonl import (
    SnapshotFormatError,
    dumps_snapshot,
    iter_snapshots,
    loads_snapshot,
    read_snapshots,
    result_to_dict,
    snapshot_to_dict,
    write_snapshots,
)
from tests.unit.domain.scrubbing.build import claim, prior, run
from tests.unit.domain.scrubbing.cases import CASES, MORE_FIRES, MORE_NEAR

ALL = [build for pair in CASES.values() for build in pair] + [b for _, b in MORE_FIRES + MORE_NEAR]


@pytest.mark.parametrize("build", ALL)
def test_every_case_survives_a_round_trip(build):
    snapshot = build()
    assert loads_snapshot(dumps_snapshot(snapshot)) == snapshot


def test_a_file_round_trip_and_blank_lines():
    snapshots = [claim(), claim(claim_id="C2", history=(prior("90853"),))]
    out = io.StringIO()
    assert write_snapshots(snapshots, out) == 2
    text = out.getvalue().replace("\n", "\n\n", 1)
    assert list(iter_snapshots(io.StringIO(text))) == snapshots


def test_defaults_are_left_out_and_the_schema_is_stamped():
    doc = snapshot_to_dict(claim())
    assert doc["schema"] == 1
    assert "frequency_code" not in doc and "history" not in doc
    assert doc["lines"][0] == {"code": "90834", "charge": "150.00", "date_of_service": "2026-06-15",
                               "minutes": 45}


def test_numbers_are_read_exactly():
    doc = snapshot_to_dict(claim())
    text = json.dumps(doc).replace('"charge": "150.00"', '"charge": 150.10').replace(
        '"total_charge": "150.00"', '"total_charge": 150')
    snapshot = loads_snapshot(text)
    assert snapshot.lines[0].charge == Decimal("150.10")
    assert snapshot.total_charge == Decimal("150.00")


def _line_with(**changes) -> str:
    doc = snapshot_to_dict(claim())
    for path, value in changes.items():
        target = doc
        *parents, leaf = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is ...:
            del target[leaf]
        else:
            target[leaf] = value
    return json.dumps(doc)


@pytest.mark.parametrize(("changes", "field", "expected"), [
    ({"lines__0__charge": "12.345"}, "lines[0].charge", "an amount with at most 2 decimal places"),
    ({"lines__0__charge": True}, "lines[0].charge", "a decimal"),
    ({"lines__0__units": "many"}, "lines[0].units", "a decimal"),
    ({"lines__0__code": ...}, "lines[0].code", "this field (required)"),
    ({"lines__0__colour": "red"}, "lines[0].colour", "one of"),
    ({"lines__0__pointers": 1}, "lines[0].pointers", "an array"),
    ({"lines__0__pointers": ["1"]}, "lines[0].pointers[0]", "a whole number"),
    ({"as_of": "25/06/2026"}, "as_of", "a date YYYY-MM-DD"),
    ({"modality": "telepathy"}, "modality", "one of audio_only, in_person, video"),
    ({"coverage__member_id_present": "yes"}, "coverage.member_id_present", "true or false"),
    ({"rendering__supervisor": {"npi": "1"}}, "rendering.supervisor.credential", "this field (required)"),
    ({"fee_schedule__90834": "1.001"}, "fee_schedule.90834", "at most 2 decimal places"),
    ({"payer__telehealth": {"audio_only_codes": "90834"}}, "payer.telehealth.audio_only_codes", "an array"),
    ({"schema": 2}, "schema", "2"),
])
def test_bad_fields_are_named_with_file_and_line(changes, field, expected):
    with pytest.raises(SnapshotFormatError) as err:
        loads_snapshot(_line_with(**changes), file="batch.jsonl", line=7)
    text = str(err.value)
    assert text.startswith(f"batch.jsonl line 7, field {field}: expected ")
    assert expected in text
    assert err.value.field == field and err.value.line == 7


def test_values_that_may_be_phi_are_never_echoed():
    with pytest.raises(SnapshotFormatError) as err:
        loads_snapshot(_line_with(patient__patient_id=19900513, as_of="1990-13-05"))
    assert "1990" not in str(err.value)
    with pytest.raises(SnapshotFormatError) as err:
        loads_snapshot(_line_with(patient__patient_id=19900513))
    assert "19900513" not in str(err.value) and "a number" in str(err.value)


def test_codes_are_echoed_to_help_the_biller():
    with pytest.raises(SnapshotFormatError, match="got 'telepathy'"):
        loads_snapshot(_line_with(modality="telepathy"))


def test_broken_json_and_non_objects():
    with pytest.raises(SnapshotFormatError, match=r"^in\.jsonl line 3: expected one JSON object \(Expecting"):
        loads_snapshot('{"claim_id": ', file="in.jsonl", line=3)
    with pytest.raises(SnapshotFormatError, match="expected one JSON object per line, got an array"):
        loads_snapshot("[1, 2]")


def test_read_snapshots_keeps_going_and_reports_every_bad_line():
    good = dumps_snapshot(claim())
    text = "\n".join([good, "{", good, _line_with(as_of="x"), ""])
    snapshots, errors = read_snapshots(io.StringIO(text), file="b.jsonl")
    assert len(snapshots) == 2
    assert [(e.line, e.field) for e in errors] == [(2, ""), (4, "as_of")]


def test_iter_snapshots_stops_at_the_first_bad_line():
    text = dumps_snapshot(claim()) + "\n{}\n"
    with pytest.raises(SnapshotFormatError, match="line 2, field claim_id"):
        list(iter_snapshots(io.StringIO(text)))


def test_result_to_dict_lists_findings_with_their_fix():
    result = run(claim(history=(prior("90834"),)))
    doc = result_to_dict(result)
    assert doc["ready"] is False and doc["pack"] == "bh-core"
    assert doc["findings"][0]["rule"] == "DUP-001" and doc["findings"][0]["line"] == 1
    assert doc["findings"][0]["fix"]
    json.dumps(doc)  # plain JSON types only
