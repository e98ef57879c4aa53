from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "opensend.panels"
    label = "panels"
    verbose_name = "Multi-agency panels"

    def ready(self) -> None:
        from opensend.access.actions import register
        from opensend.casework import sections
        from opensend.casework.policies import register_visibility

        from .audit import PanelsAudit
        from .policies import papers_visibility
        from .sections import FAMILY_SECTION, STAFF_SECTION

        register(PanelsAudit)
        register_visibility("panels", papers_visibility)
        from opensend.casework.policies import register_move_authority

        from .policies import chair_may_record_decision

        register_move_authority("panels", chair_may_record_decision)
        from opensend.casework.policies import register_decision_maker

        from .policies import council_has_panel

        register_decision_maker("panels", council_has_panel)
        sections.register(FAMILY_SECTION)
        sections.register(STAFF_SECTION)
