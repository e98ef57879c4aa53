"""Notifications in the API: your own notifications, and which emails you get."""

import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from opensend.access.policy import policy_required
from opensend.access.principal import Principal

from . import selectors, services
from .policies import notification_policy, preference_policy

router = Router(tags=["notify"])


class NotificationOut(Schema):
    id: int
    reference: uuid.UUID
    kind: str
    category: str
    subject: str
    body: str
    link: str
    child_id: int | None
    status: str
    attempts: int
    created_at: dt.datetime
    sent_at: dt.datetime | None


class NotificationPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[NotificationOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1)
    per_page: int = Field(20, ge=1, le=100)


class PreferenceOut(Schema):
    category: str
    label: str
    description: str
    email: bool
    mandatory: bool
    mandatory_reason: str


class PreferencesOut(Schema):
    categories: list[PreferenceOut]


class PreferencesIn(Schema):
    email: dict[str, bool] = Field(
        ...,
        description="Email on (true) or off (false) per category id; categories left out keep their setting.",
        examples=[{"messages": False, "reminders": True}],
    )


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


def _preferences(principal: Principal) -> PreferencesOut:
    return PreferencesOut(
        categories=[
            PreferenceOut(
                category=row.id,
                label=row.category.label,
                description=row.category.description,
                email=row.email,
                mandatory=row.category.mandatory,
                mandatory_reason=row.category.mandatory_reason,
            )
            for row in selectors.preferences_for(principal)
        ]
    )


@router.get("", response=NotificationPageOut, summary="List the notifications sent to you")
@policy_required(notification_policy, "list")
def list_notifications(request: HttpRequest, query: Query[PageQuery]) -> NotificationPageOut:
    page = selectors.notification_page(_principal(request), page=query.page, per_page=query.per_page)
    return NotificationPageOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        results=[NotificationOut.from_orm(n) for n in page.object_list],
    )


@router.get("/preferences", response=PreferencesOut, summary="Which emails you get")
@policy_required(preference_policy, "view")
def get_preferences(request: HttpRequest) -> PreferencesOut:
    return _preferences(_principal(request))


@router.put("/preferences", response=PreferencesOut, summary="Choose which emails you get")
@policy_required(preference_policy, "edit")
def put_preferences(request: HttpRequest, payload: PreferencesIn) -> PreferencesOut:
    services.preferences_set(by=_principal(request), email=payload.email)
    return _preferences(_principal(request))


@router.get("/{notification_id}", response=NotificationOut, summary="Read one notification sent to you")
@policy_required(notification_policy, "view")
def get_notification(request: HttpRequest, notification_id: int) -> NotificationOut:
    return NotificationOut.from_orm(selectors.notification_get(_principal(request), notification_id))
