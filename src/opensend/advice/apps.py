from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "opensend.advice"
    label = "advice"
