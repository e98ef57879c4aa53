"""Scheduled jobs: one run per slot, each job's function exists, runs are recorded, and the
administrators' page shows them."""

import datetime as dt
import logging

import pytest
from django.utils.module_loading import import_string

from opensend.access.models import AuditEvent
from opensend.accounts.roles import OrganisationKind, Role
from opensend.operations import services
from opensend.operations.jobs import BY_NAME, DAY, HOUR, JOBS, Job
from opensend.operations.models import JobRun
from tests.conftest import signed_in_client
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

NOON = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def test_a_daily_job_with_an_offset_has_one_slot_a_day_starting_at_its_time() -> None:
    job = Job(name="x", title="x", function="x", every=DAY, offset=HOUR + dt.timedelta(minutes=30))
    assert job.slot_at(NOON) == dt.datetime(2026, 11, 30, 1, 30, tzinfo=dt.UTC)
    assert job.slot_at(dt.datetime(2026, 11, 30, 1, 29, tzinfo=dt.UTC)) == dt.datetime(
        2026, 11, 29, 1, 30, tzinfo=dt.UTC
    )
    assert job.next_slot(NOON) == dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC)


def test_every_job_names_a_function_that_exists() -> None:
    for job in JOBS:
        assert callable(import_string(job.function)), job.name


@pytest.mark.django_db(transaction=True)
def test_each_slot_is_queued_once_and_run_by_the_worker(settings) -> None:
    first = services.schedule_due(NOON)
    assert {run.job for run in first} == set(BY_NAME)
    # The immediate task backend of the tests runs each job as it is queued.
    assert set(JobRun.objects.values_list("status", flat=True)) == {JobRun.Status.SUCCEEDED}
    assert services.schedule_due(NOON + dt.timedelta(minutes=4)) == []
    assert JobRun.objects.count() == len(JOBS)
    # A day later every job is due again.
    assert len(services.schedule_due(NOON + DAY)) == len(JOBS)


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_recorded_as_failed_with_its_error(monkeypatch, caplog) -> None:
    boom = Job(name="test.boom", title="Fails", function="tests.operations.test_jobs.fail", every=DAY)
    monkeypatch.setitem(BY_NAME, boom.name, boom)
    monkeypatch.setattr("opensend.operations.services.JOBS", (boom,))
    with caplog.at_level(logging.ERROR):
        services.schedule_due(NOON)
    assert "Scheduled job test.boom failed" in caplog.text
    run = JobRun.objects.get(job="test.boom")
    assert run.status == JobRun.Status.FAILED
    assert run.detail == "RuntimeError: the disk is full"
    assert run.finished_at is not None


def fail() -> None:
    raise RuntimeError("the disk is full")


def test_the_expired_sessions_job_deletes_only_expired_sessions(db) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    live = SessionStore()
    live.create()
    Session.objects.create(session_key="old" * 10, session_data="", expire_date=timezone.now() - DAY)
    assert import_string(BY_NAME["sessions.clear_expired"].function)() == "1 expired sessions deleted"
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def _admin():
    user = UserFactory(is_staff=True)
    MembershipFactory(
        user=user,
        role=Role.SYSTEM_ADMIN,
        organisation=OrganisationFactory(kind=OrganisationKind.NATIONAL_BODY),
    )
    return user


@pytest.mark.django_db(transaction=True)
def test_administrators_see_each_jobs_last_run_and_can_run_one_now() -> None:
    services.schedule_due(NOON)
    client = signed_in_client(_admin())
    page = client.get("/operations/jobs/")
    assert page.status_code == 200
    for job in JOBS:
        assert job.title in page.content.decode()
    assert page.content.decode().count("Succeeded") == len(JOBS)

    response = client.post("/operations/jobs/sessions.clear_expired/run/")
    assert response.status_code == 302
    run = JobRun.objects.filter(job="sessions.clear_expired", manual=True).get()
    assert run.status == JobRun.Status.SUCCEEDED
    assert AuditEvent.objects.filter(action="job.run_requested", object_id=str(run.pk)).exists()
    detail = client.get("/operations/jobs/sessions.clear_expired/")
    assert "(run by hand)" in detail.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.LA_SEND_MANAGER, Role.LA_CASEWORKER, Role.ANALYST_NATIONAL])
def test_other_staff_get_page_not_found(role) -> None:
    user = UserFactory()
    MembershipFactory(user=user, role=role)
    client = signed_in_client(user)
    assert client.get("/operations/jobs/").status_code == 404
    assert client.get("/operations/jobs/sessions.clear_expired/").status_code == 404
    assert client.post("/operations/jobs/sessions.clear_expired/run/").status_code == 404
    assert not JobRun.objects.exists()


@pytest.mark.django_db
def test_an_unknown_job_is_page_not_found_for_an_administrator() -> None:
    client = signed_in_client(_admin())
    assert client.get("/operations/jobs/no.such.job/").status_code == 404
    assert client.post("/operations/jobs/no.such.job/run/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_run_whose_task_was_lost_is_queued_again() -> None:
    """The queue was down when the run was created: the scheduler's next pass queues it again."""
    from django.utils import timezone

    run = JobRun.objects.create(job="sessions.clear_expired", slot=NOON)
    JobRun.objects.filter(pk=run.pk).update(queued_at=timezone.now() - dt.timedelta(minutes=16))
    fresh = JobRun.objects.create(job="tasks.prune", slot=NOON)
    services.schedule_due(timezone.now())
    run.refresh_from_db()
    fresh.refresh_from_db()
    assert run.status == JobRun.Status.SUCCEEDED
    assert fresh.status == JobRun.Status.QUEUED  # queued a minute ago: its task may still come
