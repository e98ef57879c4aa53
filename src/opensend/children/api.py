"""Children's records in the API: list and read, within policy, every read audited."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from opensend.access.policy import policy_required

from . import selectors
from .policies import child_policy

router = Router(tags=["children"])


class OrganisationRef(Schema):
    id: int
    name: str


class ChildSummaryOut(Schema):
    id: int
    first_name: str
    last_name: str
    date_of_birth: dt.date
    responsible_la: OrganisationRef
    current_setting: OrganisationRef | None


class ChildOut(ChildSummaryOut):
    middle_names: str
    preferred_name: str
    sex: str
    ethnicity: str
    upn: str
    uln: str
    upn_unknown: str
    nhs_number: str
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    version: int


class ChildPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[ChildSummaryOut]


class ChildListQuery(Schema):
    q: str = Field("", max_length=100, description="Name, UPN, ULN or NHS number")
    page: int = Field(1, ge=1)
    per_page: int = Field(25, ge=1, le=100)


@router.get("", response=ChildPageOut, summary="List children and young people you may see")
@policy_required(child_policy, "list")
def list_children(request: HttpRequest, filters: Query[ChildListQuery]) -> ChildPageOut:
    page = selectors.child_page(
        request.auth,  # type: ignore[attr-defined]
        query=filters.q,
        page=filters.page,
        per_page=filters.per_page,
    )
    return ChildPageOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        results=[ChildSummaryOut.from_orm(c) for c in page.object_list],
    )


@router.get("/{child_id}", response=ChildOut, summary="Read one child's record")
@policy_required(child_policy, "view")
def get_child(request: HttpRequest, child_id: int) -> ChildOut:
    child = selectors.child_get(request.auth, child_id)  # type: ignore[attr-defined]
    return ChildOut.from_orm(child)
