from django import forms

from coproduce.web.forms import DateField


class AuditSearchForm(forms.Form):
    person = forms.CharField(label="Person (name or email)", required=False, max_length=200)
    child = forms.CharField(label="Child or young person's name", required=False, max_length=200)
    date_from = DateField(label="From", required=False, help_text="For example, 1 9 2026")
    date_to = DateField(label="To", required=False, help_text="For example, 30 9 2026")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data
