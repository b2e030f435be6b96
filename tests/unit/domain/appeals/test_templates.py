"""Letter templates: one per denial category x payer kind (self-pay has none, on purpose)."""

from __future__ import annotations

from importlib import resources

import pytest

from bhbilling.domain.appeals import NoTemplate, template_for
from bhbilling.domain.appeals import templates as t
from bhbilling.domain.denials import Category
from bhbilling.domain.parties.coverage import PayerKind

APPEALED_KINDS = [k for k in PayerKind if k is not PayerKind.SELF_PAY]


def test_every_category_has_its_own_file():
    folder = resources.files("bhbilling.domain.appeals").joinpath("templates")
    assert sorted(c.value for c in Category if folder.joinpath(f"{c.value}.toml").is_file()) == \
        sorted(c.value for c in Category)


@pytest.mark.parametrize("kind", APPEALED_KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("category", list(Category), ids=lambda c: c.value)
def test_every_category_and_payer_kind_has_a_template(category, kind):
    tpl = template_for(category.value, kind.value)
    assert tpl.name == f"{category.value}/{kind.value}"
    assert tpl.category == category.value
    assert tpl.paragraphs and tpl.attachments and tpl.subject
    assert len(tpl.frame.level_names) == len(tpl.frame.openings) == 2
    assert len(tpl.frame.later_level_days) == 1
    for text in (tpl.subject, *tpl.paragraphs, *tpl.frame.openings, tpl.frame.closing):
        assert t.placeholders(text) <= t.PLACEHOLDERS


def test_self_pay_and_unknown_categories_have_no_template():
    with pytest.raises(NoTemplate, match="self-pay claims have no payer"):
        template_for("coding", "self_pay")
    with pytest.raises(NoTemplate, match="unknown denial category 'nope'"):
        template_for("nope", "commercial")


def test_payer_kind_extras_are_added_before_the_closing_request():
    base = template_for("medical_necessity", "commercial")
    medicare = template_for("medical_necessity", "medicare")
    assert len(medicare.paragraphs) == len(base.paragraphs) + 1
    assert "1862(a)(1)(A)" in medicare.paragraphs[-2]
    assert medicare.paragraphs[-1] == base.paragraphs[-1]


def test_category_attachments():
    def names(category):
        return " | ".join(template_for(category, "commercial").attachments)

    assert "Treatment plan summary" in names("medical_necessity")
    assert "start and stop times" in names("medical_necessity")
    assert "Assessment scores" in names("medical_necessity")
    assert "Authorization letter" in names("authorization")
    assert "Retroactive authorization request" in names("authorization")
    assert "999 acknowledgment" in names("timely_filing") and "277CA" in names("timely_filing")
    assert "Corrected claim" in names("coding")
    assert "Enrollment / credentialing approval letter" in names("credentialing")


def test_unknown_placeholder_is_refused(monkeypatch):
    with pytest.raises(t.TemplateError, match=r"unknown placeholders \['session_note'\]"):
        t._text("templates/x.toml", "Note: {session_note}", "paragraphs[0]")


def test_a_category_without_a_file_uses_the_other_letter(monkeypatch):
    t._category.cache_clear()
    real = t._has_file
    monkeypatch.setattr(t, "_has_file", lambda name: name != "coding.toml" and real(name))
    try:
        assert t._category("coding")["subject"] == t._category("other")["subject"]
    finally:
        t._category.cache_clear()
