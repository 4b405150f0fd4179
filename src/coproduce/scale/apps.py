from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "coproduce.scale"
    label = "scale"
    verbose_name = "Realistic data at scale"
