from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _axes_reset() -> Iterator[None]:
    """The rule book has no sign-in, and most of its tests are pure: they must not need a database.

    This replaces the project-wide fixture of the same name, which resets sign-in lockouts in the
    database before every test.
    """
    yield
