import pytest
from django.apps import apps
from django.utils.html import escape

from coproduce.core.privacy import PURPOSES, SPECIAL_CATEGORY_FIELDS


def test_every_special_category_field_in_the_register_exists():
    for name in SPECIAL_CATEGORY_FIELDS:
        app_label, model_name, field = name.split(".")
        model = apps.get_model(app_label, model_name)
        assert model._meta.get_field(field), name


def test_every_purpose_has_a_lawful_basis_and_a_retention_period():
    for purpose in PURPOSES:
        assert purpose.lawful_basis and purpose.kept_for and purpose.data


@pytest.mark.django_db
def test_the_privacy_page_shows_the_register(client):
    page = client.get("/privacy/").content.decode()
    for purpose in PURPOSES:
        assert escape(purpose.name) in page
