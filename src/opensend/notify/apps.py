from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "opensend.notify"
    label = "notify"
