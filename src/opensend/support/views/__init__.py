"""Pages for SEN support, by section: a setting's register and concerns, support plans, and the
LA's area view with ordinarily available provision. Each view declares its policy; selectors scope
and audit every read; forms that change anything go through `core.http.form_page`."""

from .area import la_census, la_view, local_provision_add, ordinarily_available
from .plans import child_plans, outcome_add, plan_detail, plan_open, provision_add, review_add
from .setting import (
    census,
    concern_add,
    concern_escalate,
    concerns,
    home,
    register,
    register_add,
    register_end,
    senco,
)

__all__ = [
    "census",
    "child_plans",
    "concern_add",
    "concern_escalate",
    "concerns",
    "home",
    "la_census",
    "la_view",
    "local_provision_add",
    "ordinarily_available",
    "outcome_add",
    "plan_detail",
    "plan_open",
    "provision_add",
    "register",
    "register_add",
    "register_end",
    "review_add",
    "senco",
]
