"""Cases for tests: made through the ORM with the dates the services would store."""

import datetime as dt

import factory

from opensend.casework.codes import RequestSource, Status
from opensend.casework.deadlines import next_deadline
from opensend.casework.models import AssessmentRequest, CaseEvent
from tests.factories import ChildFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentRequest

    child = factory.SubFactory(ChildFactory)
    local_authority = factory.LazyAttribute(lambda o: o.child.responsible_la)
    source = RequestSource.FAMILY
    received_on = dt.date(2026, 1, 5)
    consent_given = True
    consent_recorded_on = dt.date(2026, 1, 5)
    reasons = "Finds reading and writing very hard"
    status = Status.RECEIVED
    next_rule = factory.LazyAttribute(lambda o: next_deadline(o.status, o.received_on)[0])
    next_due_on = factory.LazyAttribute(lambda o: next_deadline(o.status, o.received_on)[1])


class CaseEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(CaseFactory)
    kind = "stage_changed"
    title = "Stage: Considering whether to assess"
