import pytest

from tests.notify import fakes


@pytest.fixture(autouse=True)
def _reset_fake_backends():
    for backend in (fakes.AlwaysFailing, fakes.Rejecting, fakes.FailsTwiceThenSends):
        backend.calls = 0


@pytest.fixture
def send_after_commit(django_capture_on_commit_callbacks):
    """Run what would run after commit (the test's own transaction never commits)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
