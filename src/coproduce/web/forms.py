"""Django forms rendered with GOV.UK Frontend markup.

``{{ form }}`` and ``{{ form.field.as_field_group }}`` produce GOV.UK fields with labels, hints and
specific error messages; ``{% include "govuk/error_summary.html" %}`` shows the error summary.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class DateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    def __init__(self, attrs=None):
        number = {"inputmode": "numeric"}
        super().__init__(
            [forms.TextInput(attrs=number), forms.TextInput(attrs=number), forms.TextInput(attrs=number)],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages.

    ``past_only`` refuses dates after today; ``label_text`` names the date in messages.
    """

    widget = DateWidget

    def __init__(self, *, past_only: bool = False, **kwargs):
        self.past_only = past_only
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _name(self) -> str:
        return str(self.label or "The date")

    def compress(self, data_list):
        day, month, year = (part.strip() if part else "" for part in (data_list or ["", "", ""]))
        if not (day or month or year):
            if self.required:
                raise ValidationError(f"Enter {self._name().lower()}", code="required")
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{self._name()} must include a {' and '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{self._name()} must be a real date", code="invalid")
        try:
            value = dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a huge day or month overflows before it is found invalid
            raise ValidationError(f"{self._name()} must be a real date", code="invalid") from None
        if self.past_only and value > dt.date.today():
            raise ValidationError(f"{self._name()} must be today or in the past", code="future")
        return value

    def clean(self, value):
        # Validate the three parts together so the message names what is wrong with the whole date.
        return self.compress(value if isinstance(value, list | tuple) else [None, None, None])


def first_error_id(bound_field) -> str:
    if isinstance(bound_field.field, DateField):
        return f"{bound_field.auto_id}_0"
    if isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id
