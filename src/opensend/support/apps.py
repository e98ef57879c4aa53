from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "opensend.support"
    label = "support"
    verbose_name = "SEN support"

    def ready(self) -> None:
        from opensend.access.actions import register

        from .audit import SupportAudit

        register(SupportAudit)

        from opensend.notify.registry import Category, Kind
        from opensend.notify.registry import register as register_kind

        register_kind(
            Kind(
                id="support.started",
                category=Category.CASEWORK,
                subject="{{ setting_name }} is giving {{ child_name }} SEN support",
                required=("child_name", "setting_name", "starts_on"),
                body_template="support/email/support_started.txt",
                description="To the family when a setting puts their child on SEN support.",
            )
        )

        from django.http import Http404

        from opensend.children.links import ChildLink
        from opensend.children.links import register as register_child_link

        from .selectors import child_get_for_plans

        def shows_for(principal, child):
            try:
                child_get_for_plans(principal, child.pk)
            except Http404:
                return False
            return True

        register_child_link(ChildLink("SEN support plans", "support:child-plans", shows_for, order=20))
