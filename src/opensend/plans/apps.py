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
            Kind(
                id="plan.review_invited",
                category=Category.STATUTORY,
                subject="Annual review of {{ child_name }}'s EHC plan on {{ meeting_on|date:'j F Y' }}",
                required=("child_name", "meeting_on", "advice_by"),
                body_template="plans/email/review_invited.txt",
                description="To the family, the SENCo and professionals invited to a review (regulation 20).",
            ),
            Kind(
                id="plan.review_decided",
                category=Category.STATUTORY,
                subject="Annual review of {{ child_name }}'s EHC plan: the council's decision",
                required=("child_name", "decision", "reasons"),
                body_template="plans/email/review_decided.txt",
                description="To the family when the council decides after a review (regulation 20(10)).",
            ),
            Kind(
                id="plan.amendment_notice",
                category=Category.STATUTORY,
                subject=(
                    "Proposed changes to {{ child_name }}'s EHC plan: comment by {{ reply_by|date:'j F Y' }}"
                ),
                required=("child_name", "reply_by", "final_by"),
                body_template="plans/email/amendment_notice.txt",
                description="To the family with an amendment notice (regulation 22(2)).",
            ),
            Kind(
                id="plan.amended_final_issued",
                category=Category.STATUTORY,
                subject="Amended EHC plan for {{ child_name }}",
                required=("child_name", "la_name", "issued_on"),
                body_template="plans/email/amended_final_issued.txt",
                description="To the family when the amended final plan is issued (regulation 22(3)).",
            ),
            Kind(
                id="plan.cease_decided",
                category=Category.STATUTORY,
                subject=(
                    "Decision to stop {{ child_name }}'s EHC plan: appeal by {{ appeal_by|date:'j F Y' }}"
                ),
                required=("child_name", "reasons", "appeal_by"),
                body_template="plans/email/cease_decided.txt",
                description="To the family when the council decides to cease the plan (regulation 31).",
            ),
            Kind(
                id="plan.transferred_in",
                category=Category.STATUTORY,
                subject="{{ child_name }}'s EHC plan has moved to {{ la_name }}",
                required=("child_name", "la_name", "review_by"),
                body_template="plans/email/transferred_in.txt",
                description="To the family when the new council receives the plan (regulation 15(4)).",
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
