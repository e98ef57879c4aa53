from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "opensend.advice"
    label = "advice"
    verbose_name = "Advice for EHC needs assessments, and case messages"

    def ready(self) -> None:
        from opensend.access.actions import register
        from opensend.casework.policies import register_visibility

        from .audit import AdviceAudit
        from .policies import adviser_case_q
        from .sections import register_sections

        register(AdviceAudit)
        register_visibility("advice", adviser_case_q)
        register_sections()

        from opensend.casework.services.cases import register_transition_hook

        from .services.requests import cancel_open_requests_when_case_closes

        register_transition_hook("advice", cancel_open_requests_when_case_closes)
