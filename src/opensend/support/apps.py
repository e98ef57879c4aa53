from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "opensend.support"
    label = "support"
