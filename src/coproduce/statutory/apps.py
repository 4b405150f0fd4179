from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "coproduce.statutory"
    label = "statutory"
    verbose_name = "The statutory process and its clock"
