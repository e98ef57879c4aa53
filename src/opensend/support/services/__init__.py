"""Every write to SEN support records: each checks policy, validates, writes, appends the child's
timeline and audits, in one transaction."""

from .concerns import concern_escalate, concern_record
from .plans import ProvisionInput, plan_open, plan_outcome_add, plan_provision_add, plan_review_record
from .register import register_entry_add, register_entry_end
from .setting import local_provision_add, senco_record_set

__all__ = [
    "ProvisionInput",
    "concern_escalate",
    "concern_record",
    "local_provision_add",
    "plan_open",
    "plan_outcome_add",
    "plan_provision_add",
    "plan_review_record",
    "register_entry_add",
    "register_entry_end",
    "senco_record_set",
]
