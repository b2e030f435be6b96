"""Write-off kind in its own column (was a ``[kind]`` prefix inside ``reason``).

Rows written before this migration carry the kind as ``"[bad_debt] no answer"``; the data
step moves a known prefix into ``kind`` and leaves the biller's words in ``reason``. A reason
without a known prefix stays as it is and counts as administrative (the old reading).
"""

from django.db import migrations, models

KINDS = [
    ("administrative", "Administrative"), ("timely_filing", "Timely filing missed"),
    ("small_balance", "Small balance"), ("courtesy", "Courtesy / hardship"),
    ("non_covered", "Non-covered, no waiver on file"),
    ("appeal_lost", "Appeal lost / not worth appealing"),
    ("bad_debt", "Bad debt (uncollectible)"), ("collections", "Sent to collections"),
]
KNOWN = {k for k, _ in KINDS}


def split_prefix(reason: str) -> tuple[str, str] | None:
    """``"[bad_debt] text"`` -> ``("bad_debt", "text")``; None when there is no known prefix."""
    if not reason.startswith("["):
        return None
    head, sep, rest = reason[1:].partition("]")
    return (head, rest.strip()) if sep and head in KNOWN else None


def forward(apps, schema_editor) -> None:
    WriteOff = apps.get_model("billing", "WriteOff")
    for row in WriteOff.objects.filter(reason__startswith="[").only("id", "reason").iterator():
        split = split_prefix(row.reason)
        if split:
            WriteOff.objects.filter(pk=row.pk).update(kind=split[0], reason=split[1])


def backward(apps, schema_editor) -> None:
    WriteOff = apps.get_model("billing", "WriteOff")
    for row in WriteOff.objects.only("id", "kind", "reason").iterator():
        WriteOff.objects.filter(pk=row.pk).update(reason=f"[{row.kind}] {row.reason}"[:200])


class Migration(migrations.Migration):

    dependencies = [
        ("billing", "0012_report_speed"),
    ]

    operations = [
        migrations.AddField(
            model_name="writeoff",
            name="kind",
            field=models.CharField(choices=KINDS, default="administrative", max_length=20,
                                   help_text="why the balance is given up; picks the account (4200 or 4300)"),
        ),
        migrations.RunPython(forward, backward),
    ]
