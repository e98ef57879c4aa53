from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "opensend.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        from opensend.access.actions import register

        from .audit import OperationsAudit

        register(OperationsAudit)
