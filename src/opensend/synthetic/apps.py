from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "opensend.synthetic"
    label = "synthetic"
