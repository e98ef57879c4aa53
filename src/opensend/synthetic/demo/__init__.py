"""The demo area. `area` seeds Barnet's settings, people and children; each other module here adds
one app's records on top of it, and `seed_demo` runs them in order.

Demo data is a client of the domain apps: it imports them, and they never import it (the import
contract in docs/architecture.md).
"""

from .area import (
    DEMO_LA_CODE,
    DEMO_PASSWORD,
    DEMO_TOTP_KEY_HEX,
    PARENT_EMAIL,
    SETTINGS,
    AlreadySeeded,
    SeedResult,
    remove_demo,
    seed_demo,
)

__all__ = [
    "DEMO_LA_CODE",
    "DEMO_PASSWORD",
    "DEMO_TOTP_KEY_HEX",
    "PARENT_EMAIL",
    "SETTINGS",
    "AlreadySeeded",
    "SeedResult",
    "remove_demo",
    "seed_demo",
]
