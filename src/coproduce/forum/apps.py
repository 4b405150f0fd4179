from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "coproduce.forum"
    label = "forum"
    verbose_name = "Parent carer forum, boards and workstreams"
