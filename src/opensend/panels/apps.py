from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "opensend.panels"
    label = "panels"
