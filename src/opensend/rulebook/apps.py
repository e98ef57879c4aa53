from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "opensend.rulebook"
    label = "rulebook"
    verbose_name = "Rule book"

    def ready(self) -> None:
        from opensend.access.actions import register

        from .audit import RulebookAudit

        register(RulebookAudit)
