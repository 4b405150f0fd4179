from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "coproduce.records"
    label = "records"
    verbose_name = "Information rights"
