from django.apps import AppConfig


class TargetedConfig(AppConfig):
    name = "opensend.targeted"
    label = "targeted"
