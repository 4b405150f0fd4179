from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "coproduce.progress"
    label = "progress"
    verbose_name = "Progress between reviews"
