"""Roles a person can hold, and which organisation kinds each role belongs to."""

from django.db import models


class OrganisationKind(models.TextChoices):
    NATIONAL_BODY = "national_body", "National body"
    REGION = "region", "Region"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    EDUCATION_SETTING = "education_setting", "Education setting"
    HEALTH_BODY = "health_body", "Health body"
    SOCIAL_CARE_TEAM = "social_care_team", "Social care team"
    MEDIATION_SERVICE = "mediation_service", "Mediation service"


class Role(models.TextChoices):
    LA_CASEWORKER = "la_caseworker", "LA caseworker"
    LA_SEND_MANAGER = "la_send_manager", "LA SEND manager"
    PANEL_MEMBER = "panel_member", "Panel member"
    SENCO = "senco", "Setting SENCo"
    HEALTH_PROFESSIONAL = "health_professional", "Health professional"
    SOCIAL_CARE_PROFESSIONAL = "social_care_professional", "Social care professional"
    MEDIATOR = "mediator", "Mediator"
    ANALYST_LA = "analyst_la", "Analyst (local authority)"
    ANALYST_REGIONAL = "analyst_regional", "Analyst (regional)"
    ANALYST_NATIONAL = "analyst_national", "Analyst (national)"
    PARENT_CARER = "parent_carer", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    SYSTEM_ADMIN = "system_admin", "System administrator"
    # Adds and ends other people's memberships of one organisation; sees no child's record.
    ORGANISATION_MANAGER = "organisation_manager", "Organisation manager"


# Family roles come from a relationship to a child, not from a membership of an organisation.
FAMILY_ROLES = frozenset({Role.PARENT_CARER, Role.YOUNG_PERSON})
STAFF_ROLES = frozenset(Role) - FAMILY_ROLES
LA_STAFF_ROLES = frozenset({Role.LA_CASEWORKER, Role.LA_SEND_MANAGER})
ANALYST_ROLES = frozenset({Role.ANALYST_LA, Role.ANALYST_REGIONAL, Role.ANALYST_NATIONAL})
GRANT_ROLES = frozenset({Role.HEALTH_PROFESSIONAL, Role.SOCIAL_CARE_PROFESSIONAL, Role.MEDIATOR})
# Who manages an organisation's memberships, and is told of every change of access there (ADR 0170).
MANAGER_ROLES = frozenset({Role.LA_SEND_MANAGER, Role.ORGANISATION_MANAGER})
# Roles that open children's records or papers. Nobody may give one to themselves; the others see
# aggregates only (analysts) or no personal data about children at all.
CHILD_DATA_ROLES = LA_STAFF_ROLES | GRANT_ROLES | {Role.SENCO, Role.PANEL_MEMBER}

# Which organisation kind a membership in each staff role must be with.
ROLE_ORGANISATION_KINDS: dict[str, frozenset[str]] = {
    Role.LA_CASEWORKER: frozenset({OrganisationKind.LOCAL_AUTHORITY}),
    Role.LA_SEND_MANAGER: frozenset({OrganisationKind.LOCAL_AUTHORITY}),
    Role.PANEL_MEMBER: frozenset({OrganisationKind.LOCAL_AUTHORITY}),
    Role.SENCO: frozenset({OrganisationKind.EDUCATION_SETTING}),
    Role.HEALTH_PROFESSIONAL: frozenset({OrganisationKind.HEALTH_BODY}),
    Role.SOCIAL_CARE_PROFESSIONAL: frozenset(
        {OrganisationKind.SOCIAL_CARE_TEAM, OrganisationKind.LOCAL_AUTHORITY}
    ),
    Role.MEDIATOR: frozenset({OrganisationKind.MEDIATION_SERVICE}),
    Role.ANALYST_LA: frozenset({OrganisationKind.LOCAL_AUTHORITY}),
    Role.ANALYST_REGIONAL: frozenset({OrganisationKind.REGION}),
    Role.ANALYST_NATIONAL: frozenset({OrganisationKind.NATIONAL_BODY}),
    Role.SYSTEM_ADMIN: frozenset({OrganisationKind.NATIONAL_BODY}),
    Role.ORGANISATION_MANAGER: frozenset(OrganisationKind),
}
