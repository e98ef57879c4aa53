from django.apps import AppConfig


class TargetedConfig(AppConfig):
    name = "opensend.targeted"
    label = "targeted"
    verbose_name = "Targeted help and alternative provision"

    def ready(self) -> None:
        from opensend.access.actions import register

        from .audit import TargetedAudit

        register(TargetedAudit)

        from opensend.children.links import ChildLink
        from opensend.children.links import register as register_child_link

        from .policies import outreach_policy
        from .selectors import can_see_child_page

        register_child_link(
            ChildLink(
                "Targeted help and alternative provision",
                "targeted:child",
                lambda principal, child: (
                    outreach_policy.can(principal, "list") and can_see_child_page(principal, child)
                ),
                order=30,
            )
        )
