from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class AccessConfig(AppConfig):
    name = "opensend.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self) -> None:
        from . import triggers
        from .actions import register
        from .models import AuditAction

        register(AuditAction)
        connection_created.connect(triggers.register_sqlite_function, dispatch_uid="opensend.audit.sqlite")
        post_migrate.connect(triggers.after_migrate, sender=self, dispatch_uid="opensend.audit.triggers")
