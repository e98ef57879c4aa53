"""Evidence uploads: checked for type (by name and by content) and size before they are stored."""

from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.casework.audit import CaseworkAudit
from opensend.casework.models import AssessmentRequest, CaseDocument, RequestDraft
from opensend.casework.policies import case_policy
from opensend.core.errors import ApplicationError, NotFound

from .common import case_event

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# extension -> (content type, the bytes the file starts with)
ALLOWED_TYPES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG"),
}
ALLOWED_WORDS = "a PDF, Word document (DOCX), JPG or PNG"


def check_upload(file: UploadedFile) -> tuple[str, str]:
    """(safe file name, content type), or an error that says what is allowed."""
    name = PurePath(file.name or "").name[-200:]
    extension = PurePath(name).suffix.lower()
    if not name or file.size == 0:
        raise ApplicationError("The selected file is empty", field="file")
    if extension not in ALLOWED_TYPES:
        raise ApplicationError(f"The selected file must be {ALLOWED_WORDS}", field="file")
    content_type, magic = ALLOWED_TYPES[extension]
    if (file.size or 0) > MAX_UPLOAD_BYTES:
        raise ApplicationError("The selected file must be smaller than 10MB", field="file")
    file.seek(0)
    head = file.read(len(magic))
    file.seek(0)
    if head != magic:
        raise ApplicationError(
            f"The selected file is not a real {extension[1:].upper()} file. It must be {ALLOWED_WORDS}",
            field="file",
        )
    return name, content_type


@transaction.atomic
def document_upload(
    *,
    by: Principal,
    file: UploadedFile,
    case: AssessmentRequest | None = None,
    draft: RequestDraft | None = None,
    description: str = "",
) -> CaseDocument:
    """Store a document on a case, or on the person's own draft request."""
    if (case is None) == (draft is None):
        raise ValueError("Give exactly one of case and draft")
    if case is not None:
        if not case_policy.can(by, "upload", case):
            raise NotFound()
        child_id = case.child_id
    else:
        assert draft is not None
        if by.user is None or draft.user_id != by.user.pk:
            raise NotFound()
        child_id = draft.child_id
    name, content_type = check_upload(file)
    document = CaseDocument(
        child_id=child_id,
        case=case,
        draft=draft,
        name=name,
        content_type=content_type,
        size=file.size or 0,
        description=description[:200],
        uploaded_by=by.user,
        uploaded_by_name=actor_name(by),
    )
    document.file.save(name, file, save=False)
    document.save()
    if case is not None:
        case_event(case=case, by=by, kind="document_uploaded", title=f"Document added: {name}")
    audit.record(by, CaseworkAudit.DOCUMENT_UPLOADED, child_id=child_id, obj=document)
    return document
