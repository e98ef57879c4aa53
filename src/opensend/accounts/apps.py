from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opensend.accounts"
    label = "accounts"

    def ready(self) -> None:
        from opensend.access.actions import register

        from . import signals  # noqa: F401  (stamps the sign-in time on each new session)
        from .audit import AccountsAudit

        register(AccountsAudit)
