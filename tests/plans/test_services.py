import datetime as dt
import hashlib
import json

import pytest
import time_machine

from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.plans import selectors
from opensend.plans.models import CommentKind, PlanSection, PlanStatus, PlanVersion, Rendering
from opensend.plans.services import comment_add, draft_issue, final_issue, plan_start, section_save
from tests.casework.factories import CaseFactory
from tests.factories import MembershipFactory, UserFactory

from .conftest import TODAY, p


def test_a_plan_is_started_only_from_a_case_in_drafting(caseworker, child):
    case = CaseFactory(child=child, status="panel_issue")
    with pytest.raises(ApplicationError):
        plan_start(by=p(caseworker), case=case)


def test_another_councils_caseworker_cannot_start_the_plan(case):
    other = MembershipFactory(role="la_caseworker").user
    with pytest.raises(NotFound):
        plan_start(by=p(other), case=case)


def test_saving_a_stale_section_is_a_conflict_that_keeps_the_saved_version(plan, caseworker):
    section = PlanSection.objects.get(plan=plan, key="a")
    colleague = MembershipFactory(role="la_caseworker", organisation=plan.local_authority).user
    section_save(
        by=p(colleague), plan=plan, key="a", content={"about_me": "Hers"}, expected_version=section.version
    )
    with pytest.raises(Conflict) as exc:
        section_save(
            by=p(caseworker),
            plan=plan,
            key="a",
            content={"about_me": "Mine"},
            expected_version=section.version,
        )
    assert exc.value.extra["saved"]["about_me"] == "Hers"
    assert PlanSection.objects.get(plan=plan, key="a").content["about_me"] == "Hers"


def test_a_draft_with_problems_cannot_be_issued(plan, caseworker):
    section = PlanSection.objects.get(plan=plan, key="e")
    content = dict(section.content)
    content["outcomes"] = [dict(content["outcomes"][0], by_date=None), content["outcomes"][1]]
    section_save(by=p(caseworker), plan=plan, key="e", content=content, expected_version=section.version)
    with pytest.raises(ApplicationError) as exc:
        draft_issue(by=p(caseworker), plan=plan)
    assert [pr.rule for pr in exc.value.extra["problems"]] == ["outcome_dated"]


def test_issuing_the_draft_records_an_immutable_version_and_starts_a6(plan, caseworker, parent):
    version = draft_issue(by=p(caseworker), plan=plan)
    assert version.kind == "draft" and version.issued_on == TODAY
    # 15 days beginning with the day of service: 2 March is day 1, so 16 March.
    assert version.comments_due_on == dt.date(2026, 3, 16)
    assert version.content_hash == hashlib.sha256(version.canonical.encode("utf-8")).hexdigest()
    assert selectors.document(version)["sections"]["i"]["name"] == ""
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT_ISSUED and plan.current_version == version
    with pytest.raises(ApplicationError):
        version.canonical = "{}"
        version.save()
    assert PlanVersion.objects.get(pk=version.pk).canonical != "{}"
    from opensend.notify.models import Notification

    assert Notification.objects.filter(kind="plan.draft_issued", recipient=parent).exists()


def test_comments_after_the_window_are_kept_and_marked_late(plan, caseworker, parent):
    version = draft_issue(by=p(caseworker), plan=plan)
    on_time = comment_add(
        by=p(parent), version=version, kind="section", section="f", text="More therapy please"
    )
    with time_machine.travel(dt.datetime(2026, 3, 17, 9, tzinfo=dt.UTC), tick=False):
        late = comment_add(by=p(parent), version=version, kind="section", section="b", text="Also")
    assert not on_time.late and late.late
    assert version.comments.count() == 2


def test_the_final_waits_for_the_window_unless_the_family_has_finished(plan, caseworker, parent, setting):
    draft = draft_issue(by=p(caseworker), plan=plan)
    section = PlanSection.objects.get(plan=plan, key="i")
    section_save(
        by=p(caseworker),
        plan=plan,
        key="i",
        content={"name": "Oak School", "urn": "123456"},
        expected_version=section.version,
    )
    with pytest.raises(ApplicationError, match="until 16 March 2026"):
        final_issue(by=p(caseworker), plan=plan)
    comment_add(by=p(parent), version=draft, kind=CommentKind.FINISHED)
    final = final_issue(by=p(caseworker), plan=plan)
    plan.refresh_from_db()
    assert final.kind == "final" and final.number == 2 and final.supersedes == draft
    assert plan.made_on == TODAY and plan.named_setting == setting and plan.status == "final_issued"
    assert selectors.document(final)["plan"]["made_on"] == "2026-03-02"
    plan.case.refresh_from_db()
    assert plan.case.status == "plan_issued"
    assert (plan.case.assessment_outcome, plan.case.assessment_outcome_on) == ("Y", TODAY)
    assert (
        PlanVersion.objects.get(pk=draft.pk).status == "superseded"
        and PlanVersion.objects.get(pk=final.pk).status == "in_force"
    )


def test_the_pdf_is_made_after_issue_and_a_failure_is_retried(
    plan, caseworker, monkeypatch, django_capture_on_commit_callbacks
):
    from opensend.plans import render

    calls = {"n": 0}
    real = render.plan_pdf

    def flaky(html, title):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("renderer crashed")
        return real(html, title)

    monkeypatch.setattr(render, "plan_pdf", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        version = draft_issue(by=p(caseworker), plan=plan)
    rendering = Rendering.objects.get(version=version)
    # The immediate backend ran the first attempt (failed) and its retry (succeeded).
    assert rendering.status == "done" and rendering.attempts == 2
    assert bytes(rendering.pdf).startswith(b"%PDF")
    assert PlanVersion.objects.filter(pk=version.pk).exists()


def test_a_pdf_that_never_renders_is_marked_failed_but_the_issue_stands(
    plan, caseworker, monkeypatch, settings, django_capture_on_commit_callbacks
):
    from opensend.plans import render

    settings.PLANS_PDF_MAX_ATTEMPTS = 2
    monkeypatch.setattr(render, "plan_pdf", lambda html, title: (_ for _ in ()).throw(OSError("no fonts")))
    with django_capture_on_commit_callbacks(execute=True):
        version = draft_issue(by=p(caseworker), plan=plan)
    rendering = Rendering.objects.get(version=version)
    assert rendering.status == "failed" and "no fonts" in rendering.last_error
    assert version.html and plan.versions.count() == 1


def test_the_hash_is_the_sha256_of_the_canonical_json(plan, caseworker):
    version = draft_issue(by=p(caseworker), plan=plan)
    doc = selectors.document(version)
    # Computed here, not by the code under test: sorted keys, no spaces, UTF-8, then SHA-256.
    expected = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert version.canonical == expected
    assert version.content_hash == hashlib.sha256(expected.encode("utf-8")).hexdigest()


def test_the_family_cannot_comment_on_a_final_or_someone_elses_draft(plan, caseworker, parent):
    version = draft_issue(by=p(caseworker), plan=plan)
    stranger = UserFactory()
    with pytest.raises(NotFound):
        comment_add(by=p(stranger), version=version, kind="section", section="a", text="x")
