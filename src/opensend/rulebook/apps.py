from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "opensend.rulebook"
    label = "rulebook"
    verbose_name = "Rule book"
