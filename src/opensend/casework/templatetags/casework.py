import datetime as dt

from django import template

from opensend.casework.deadlines import CaseDeadline

register = template.Library()


@register.filter
def deadline_state(deadline: CaseDeadline, today: dt.date) -> str:
    """'done', 'due', 'overdue' or 'excused' on `today`."""
    return deadline.status_on(today)
