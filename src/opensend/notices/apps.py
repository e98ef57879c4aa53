from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "opensend.notices"
    label = "notices"
    verbose_name = "Statutory decision notices"

    def ready(self) -> None:
        from opensend.access.actions import register
        from opensend.casework import sections
        from opensend.casework.services import register_notice_writer
        from opensend.children import links
        from opensend.notify.registry import register as register_kind

        from .audit import NoticesAudit
        from .notifications import NOTIFY_KIND
        from .sections import CHILD_LINK, FAMILY_SECTION, STAFF_SECTION
        from .services import case_notice

        register(NoticesAudit)
        register_kind(NOTIFY_KIND)
        # Every appealable decision on a case goes through `services.notice_issue` (ADR 0151).
        register_notice_writer(case_notice)
        sections.register(FAMILY_SECTION)
        sections.register(STAFF_SECTION)
        links.register(CHILD_LINK)
