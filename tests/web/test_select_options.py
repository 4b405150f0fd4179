"""Selects render their options in one pass, selected and escaped as Django's own option widgets do."""

from __future__ import annotations

from django import forms

from coproduce.web.templatetags.govuk_forms import select_options


class PickForm(forms.Form):
    pick = forms.ChoiceField(
        choices=[("", "Any"), ("a", "A & B"), ("Group", [("b", "<B>"), ("c", "C")]), ("d", "D")], required=False
    )


def test_the_chosen_option_is_selected_labels_are_escaped_and_groups_kept():
    html = select_options(PickForm({"pick": "b"})["pick"])
    assert html == (
        '<option value="">Any</option><option value="a">A &amp; B</option>'
        '<optgroup label="Group"><option value="b" selected>&lt;B&gt;</option><option value="c">C</option></optgroup>'
        '<option value="d">D</option>'
    )


def test_with_nothing_chosen_the_empty_option_is_selected_as_django_does():
    field = PickForm()["pick"]
    assert select_options(field).startswith('<option value="" selected>Any</option>')
    assert 'value="" selected' in field.as_widget()  # Django's own widget agrees


def test_a_value_not_among_the_choices_selects_nothing():
    assert " selected" not in select_options(PickForm({"pick": "zzz"})["pick"])
