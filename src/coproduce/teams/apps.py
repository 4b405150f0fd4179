from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "coproduce.teams"
    label = "teams"
    verbose_name = "Children, young people and their teams"
