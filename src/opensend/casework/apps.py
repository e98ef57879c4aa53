from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "opensend.casework"
    label = "casework"
    verbose_name = "EHC needs assessment casework"

    def ready(self) -> None:
        from opensend.access.actions import register

        from .audit import CaseworkAudit

        register(CaseworkAudit)

        from opensend.children.links import register_provider

        from .selectors import child_page_links

        register_provider("casework", child_page_links, order=10)
