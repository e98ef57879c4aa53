"""The EHC plan's records, one module per part of its life (ADR 0122).

- `plan`: the plan, its working copy (sections) and the working copy's quality problems;
- `versions`: issued versions (immutable), their PDFs, and the family's comments on a draft;
- `reviews`, `amendments`, `ceasing`, `transfers`, `phases`: a plan in force.

Everything is importable from `opensend.plans.models`, as Django expects.
"""

from .amendments import Amendment
from .ceasing import AppealOutcome, CeaseReason, Ceasing
from .phases import PHASE_RULES, Phase
from .plan import Plan, PlanSection, PlanStatus, QualityProblem, SectionStatus
from .reviews import (
    Review,
    ReviewContribution,
    ReviewDecision,
    ReviewInvitation,
    ReviewOutcome,
    ReviewStatus,
)
from .transfers import PlanTransfer, TransferStatus
from .versions import (
    DRAFT_KINDS,
    FINAL_KINDS,
    CommentKind,
    PlanComment,
    PlanVersion,
    Rendering,
    VersionKind,
    VersionStatus,
)

__all__ = [
    "DRAFT_KINDS",
    "FINAL_KINDS",
    "PHASE_RULES",
    "Amendment",
    "AppealOutcome",
    "CeaseReason",
    "Ceasing",
    "CommentKind",
    "Phase",
    "Plan",
    "PlanComment",
    "PlanSection",
    "PlanStatus",
    "PlanTransfer",
    "PlanVersion",
    "QualityProblem",
    "Rendering",
    "Review",
    "ReviewContribution",
    "ReviewDecision",
    "ReviewInvitation",
    "ReviewOutcome",
    "ReviewStatus",
    "SectionStatus",
    "TransferStatus",
    "VersionKind",
    "VersionStatus",
]
