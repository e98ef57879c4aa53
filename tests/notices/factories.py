"""Factories for notices: a council's complete details for letters, and a stored notice."""

import datetime as dt

import factory

from opensend.core.letters import sha256
from opensend.notices.models import CouncilDetails, DecisionNotice
from tests.casework.factories import CaseFactory
from tests.factories import LocalAuthorityFactory


class CouncilDetailsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilDetails
        django_get_or_create = ("local_authority",)

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    mediation_adviser_name = "North London SEND Mediation Service"
    mediation_adviser_telephone = "020 7946 0000"
    mediation_adviser_email = "mediation@example.org"
    mediation_adviser_website = "https://mediation.example.org"
    mediation_contact_name = "SEND Mediation Officer"
    mediation_contact_telephone = "020 7946 0111"
    mediation_contact_email = "send.mediation@example.org"
    sendiass_name = "Northshire SENDIASS"
    sendiass_telephone = "020 7946 0222"
    sendiass_email = "sendiass@example.org"
    sendiass_website = "https://sendiass.example.org"
    disagreement_name = "Northshire Disagreement Resolution Service"
    disagreement_telephone = "020 7946 0333"
    disagreement_email = "resolve@example.org"
    disagreement_website = "https://resolve.example.org"
    local_offer_url = "https://localoffer.example.org/schools"
    schools_information = "Ask the SEND team for a printed list of schools."


class NoticeFactory(factory.django.DjangoModelFactory):
    """A notice row as `notice_issue` stores it, for tests about who may read notices (the letter's
    content is tested through the service)."""

    class Meta:
        model = DecisionNotice

    kind = "refuse_assess"
    case = factory.SubFactory(CaseFactory)
    child = factory.LazyAttribute(lambda o: o.case.child)
    local_authority = factory.LazyAttribute(lambda o: o.case.local_authority)
    decided_on = dt.date(2026, 3, 2)
    dated = dt.date(2026, 3, 2)
    reasons = "Needs are met at SEN support."
    mediation_by = dt.date(2026, 5, 2)
    appeal_by = dt.date(2026, 5, 2)
    rule_set = "england-2014"
    html = factory.LazyAttribute(
        lambda o: (
            "<html><body><!-- letter:start -->"
            f"<h1>Decision about {o.child}</h1><!-- letter:end --></body></html>"
        )
    )
    html_sha256 = factory.LazyAttribute(lambda o: sha256(o.html))
