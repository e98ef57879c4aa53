from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "opensend.portal"
    label = "portal"
