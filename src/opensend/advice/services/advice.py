"""Writing advice: a draft saved as often as the adviser likes, then submitted once and never changed.
A correction is a new version that refers to the one it corrects."""

import dataclasses
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.advice.audit import AdviceAudit
from opensend.advice.codes import AdviceStatus, NeedArea, RequestStatus
from opensend.advice.models import Advice, AdviceRequest
from opensend.advice.policies import advice_policy
from opensend.casework.services.common import case_event
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict, NotFound

from .common import family_case_link, family_of, la_contacts, staff_case_link, tell
from .requests import end_grant

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
}
ALLOWED_WORDS = "a PDF or Word document (DOCX), smaller than 10MB"
PROVISION_KEYS = ("area", "what", "who", "how_often", "how_long")
MAX_PROVISION = 20


@dataclasses.dataclass
class AdviceContent:
    """What an adviser writes. Any part may be empty in a draft; a submission needs something."""

    needs_cognition: str = ""
    needs_communication: str = ""
    needs_semh: str = ""
    needs_sensory_physical: str = ""
    provision: list[dict[str, str]] = dataclasses.field(default_factory=list)
    outcomes: str = ""

    def cleaned_provision(self) -> list[dict[str, str]]:
        rows = []
        for row in self.provision[: MAX_PROVISION + 1]:
            clean = {key: str(row.get(key, "") or "").strip()[:500] for key in PROVISION_KEYS}
            if not any(clean[key] for key in PROVISION_KEYS[1:]):
                continue
            if clean["area"] and clean["area"] not in NeedArea.values:
                raise ApplicationError("Choose the area of need the provision is for", field="provision")
            if not clean["what"]:
                raise ApplicationError("Say what the provision is", field="provision")
            if not (clean["how_often"] and clean["how_long"]):
                raise ApplicationError(
                    f"Say how often and for how long “{clean['what'][:60]}” is needed (for example "
                    "“30 minutes, 3 times a week” and “for a year”)",
                    field="provision",
                )
            rows.append(clean)
        if len(rows) > MAX_PROVISION:
            raise ApplicationError(f"Give at most {MAX_PROVISION} pieces of provision", field="provision")
        return rows


def check_document(file: UploadedFile) -> tuple[str, str]:
    """(safe name, content type) of an advice document, or an error saying what is allowed."""
    name = PurePath(file.name or "").name[-200:]
    extension = PurePath(name).suffix.lower()
    if not name or not file.size:
        raise ApplicationError("The selected file is empty", field="document")
    if extension not in ALLOWED:
        raise ApplicationError(f"The selected file must be {ALLOWED_WORDS}", field="document")
    if file.size > MAX_UPLOAD_BYTES:
        raise ApplicationError("The selected file must be smaller than 10MB", field="document")
    content_type, magic = ALLOWED[extension]
    file.seek(0)
    head = file.read(len(magic))
    file.seek(0)
    if head != magic:
        raise ApplicationError(
            f"The selected file is not a real {extension[1:].upper()} file. It must be {ALLOWED_WORDS}",
            field="document",
        )
    return name, content_type


def _locked_request(by: Principal, request: AdviceRequest) -> AdviceRequest:
    locked = (
        AdviceRequest.objects.select_for_update(of=("self",))
        .select_related("case", "case__caseworker", "child", "adviser", "organisation")
        .filter(pk=request.pk)
        .first()
    )
    if locked is None or not advice_policy.can(by, "write", locked):
        raise NotFound()
    return locked


def _submitted_twice(request: AdviceRequest) -> Conflict:
    last = request.versions.filter(status=AdviceStatus.SUBMITTED).order_by("-number").first()
    when = (
        f" on {timezone.localtime(last.submitted_at):%-d %B %Y at %-I:%M%p}"
        if last and last.submitted_at
        else ""
    )
    return Conflict(
        f"This advice was already submitted{when}, so it has not been submitted twice. Nothing you "
        "wrote has been lost. To change submitted advice, start a correction",
        extra={"advice_id": last.pk if last else None},
    )


def _draft(by: Principal, request: AdviceRequest, expected_version: int | None) -> Advice:
    draft = request.versions.select_for_update(of=("self",)).filter(status=AdviceStatus.DRAFT).first()
    if draft is None:
        if request.status != RequestStatus.REQUESTED:
            raise _submitted_twice(request)
        number = (request.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        return Advice(request=request, number=number, author=by.user, author_name=actor_name(by))
    if expected_version is not None and draft.version != expected_version:
        raise Conflict(
            "Someone else saved this advice while you were writing. Nothing has been saved: your "
            "text is still in the form. Check the advice as it is now, then save again",
            extra={"current_version": draft.version},
        )
    return draft


def _write(by: Principal, draft: Advice, content: AdviceContent | None, file: UploadedFile | None) -> Advice:
    if content is not None:
        draft.provision = content.cleaned_provision()
        for field in (
            "needs_cognition",
            "needs_communication",
            "needs_semh",
            "needs_sensory_physical",
            "outcomes",
        ):
            setattr(draft, field, getattr(content, field).strip()[:20_000])
    if file is not None:
        name, content_type = check_document(file)
        draft.document.save(name, file, save=False)
        draft.document_name, draft.document_type, draft.document_size = name, content_type, file.size or 0
    draft.author, draft.author_name = by.user, actor_name(by)
    draft.updated_at = timezone.now()
    if draft.pk is not None:
        draft.version += 1
    draft.save()
    return draft


@transaction.atomic
def advice_draft_save(
    *,
    by: Principal,
    request: AdviceRequest,
    content: AdviceContent | None = None,
    file: UploadedFile | None = None,
    expected_version: int | None = None,
) -> Advice:
    """Save the adviser's work so far. Only the people who may write it can see a draft."""
    request = _locked_request(by, request)
    draft = _write(by, _draft(by, request, expected_version), content, file)
    audit.record(by, AdviceAudit.DRAFT_SAVED, child_id=request.child_id, obj=draft)
    return draft


@transaction.atomic
def advice_submit(
    *,
    by: Principal,
    request: AdviceRequest,
    content: AdviceContent | None = None,
    file: UploadedFile | None = None,
    expected_version: int | None = None,
) -> Advice:
    """Submit the advice (with what was typed, if given). Refused if it was submitted already."""
    request = _locked_request(by, request)
    draft = _write(by, _draft(by, request, expected_version), content, file)
    if not draft.has_content:
        raise ApplicationError(
            "Write the advice, or upload a document, before you submit it", field="needs_cognition"
        )
    now = timezone.now()
    draft.status, draft.submitted_at = AdviceStatus.SUBMITTED, now
    draft.save(update_fields=["status", "submitted_at"])
    correction = draft.supersedes_id is not None
    if not correction:
        request.status, request.received_on = RequestStatus.SUBMITTED, clock.today()
        request.save(update_fields=["status", "received_on", "updated_at"])
        end_grant(by=by, request=request, why="their advice has been received")
    kind = request.get_advice_type_display()
    case = request.case
    case_event(
        case=case,
        by=by,
        kind="advice_corrected" if correction else "advice_received",
        title=f"{'Corrected ' if correction else ''}{kind} advice received from {request.adviser_name}",
    )
    audit.record(by, AdviceAudit.SUBMITTED, child_id=request.child_id, obj=draft)
    context: dict[str, Any] = {
        "child_name": case.child.full_name,
        "advice_type": kind,
        "from_name": request.adviser_name,
    }
    tell(
        la_contacts(case),
        kind="advice.received",
        context=context,
        link=staff_case_link(case, "advice"),
        case=case,
    )
    tell(
        family_of(case.child),
        kind="advice.received",
        context=context,
        link=family_case_link(case, "advice"),
        case=case,
    )
    return draft


@transaction.atomic
def advice_correction_start(*, by: Principal, advice: Advice) -> Advice:
    """A new draft version, copied from the submitted one it will correct. The original stays."""
    request = _locked_request(by, advice.request)
    if request.versions.filter(status=AdviceStatus.DRAFT).exists():
        raise ApplicationError(
            "A correction is already being written: continue that one", field="needs_cognition"
        )
    latest = request.versions.filter(status=AdviceStatus.SUBMITTED).order_by("-number").first()
    if latest is None or latest.pk != advice.pk:
        raise ApplicationError("Only the latest submitted advice can be corrected", field="needs_cognition")
    copy = Advice.objects.create(
        request=request,
        number=latest.number + 1,
        supersedes=latest,
        needs_cognition=latest.needs_cognition,
        needs_communication=latest.needs_communication,
        needs_semh=latest.needs_semh,
        needs_sensory_physical=latest.needs_sensory_physical,
        provision=latest.provision,
        outcomes=latest.outcomes,
        document=latest.document.name,
        document_name=latest.document_name,
        document_type=latest.document_type,
        document_size=latest.document_size,
        author=by.user,
        author_name=actor_name(by),
    )
    audit.record(by, AdviceAudit.CORRECTION_STARTED, child_id=request.child_id, obj=copy)
    return copy
