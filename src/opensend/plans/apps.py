from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "opensend.plans"
    label = "plans"
    verbose_name = "EHC plans"

    def ready(self) -> None:
        from opensend.access.actions import register

        from .audit import PlansAudit

        register(PlansAudit)

        from opensend.notify.registry import Category, Kind
        from opensend.notify.registry import register as register_kind

        register_kind(
            Kind(
                id="plan.draft_issued",
                category=Category.STATUTORY,
                subject="Draft EHC plan for {{ child_name }}: comment by {{ reply_by|date:'j F Y' }}",
                required=("child_name", "reply_by"),
                body_template="plans/email/draft_issued.txt",
                description="To the family when a draft plan is issued (regulation 13(1)).",
            ),
            Kind(
                id="plan.final_issued",
                category=Category.STATUTORY,
                subject="Final EHC plan for {{ child_name }}",
                required=("child_name", "la_name", "issued_on"),
                body_template="plans/email/final_issued.txt",
                description="To the family when the final plan is issued (regulation 14).",
            ),
        )

        from opensend.casework.sections import CaseSection
        from opensend.casework.sections import register as register_section

        from .sections import family_context, staff_context

        register_section(
            CaseSection("plans", "staff", "plans/case_section_staff.html", staff_context, order=40)
        )
        register_section(
            CaseSection("plans", "family", "plans/case_section_family.html", family_context, order=40)
        )

        from opensend.children.links import register_provider

        from .sections import child_links

        register_provider("plans", child_links, order=30)
