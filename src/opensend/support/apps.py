from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "opensend.support"
    label = "support"
    verbose_name = "SEN support"

    def ready(self) -> None:
        from opensend.access.actions import register

        from .audit import SupportAudit

        register(SupportAudit)

        from django.http import Http404

        from opensend.children.links import ChildLink
        from opensend.children.links import register as register_child_link

        from .selectors import child_get_for_plans

        def shows_for(principal, child):  # type: ignore[no-untyped-def]
            try:
                child_get_for_plans(principal, child.pk)
            except Http404:
                return False
            return True

        register_child_link(ChildLink("SEN support plans", "support:child-plans", shows_for, order=20))
