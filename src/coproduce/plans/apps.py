from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "coproduce.plans"
    label = "plans"
    verbose_name = "EHC plans"
