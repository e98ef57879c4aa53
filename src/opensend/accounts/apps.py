from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opensend.accounts"
    label = "accounts"
