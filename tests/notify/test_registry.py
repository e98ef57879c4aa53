import datetime as dt

import pytest

from opensend.notify import registry
from opensend.notify.rendering import render_body, render_subject

SAMPLE = {
    "child_name": "Siobhan O'Neill",
    "la_name": "Leeds City Council",
    "received_on": dt.date(2027, 1, 4),
    "decision_due": dt.date(2027, 2, 15),
    "respond_by": dt.date(2027, 1, 25),
    "decision": "we will carry out an EHC needs assessment",
    "reasons": "The evidence shows she may need more support than her school can give.",
    "next_steps": "We will ask for advice.",
    "stage": "advice requested",
    "advice_type": "Educational psychology",
    "due_on": dt.date(2027, 3, 1),
    "from_name": "Dr Rhys Evans",
    "sender_name": "Sam Patel",
    # Emails about access name no child: the person who made the change carries the apostrophe.
    "by_name": "Siobhan O'Neill",
}


@pytest.mark.parametrize("kind", list(registry.kinds()), ids=lambda k: k.id)
def test_every_kind_renders_what_changed_and_what_to_do_in_plain_text(kind):
    context = {key: _sample(key) for key in kind.required}
    subject = render_subject(kind, context)
    body = render_body(kind, context)
    assert "Siobhan O'Neill" in subject + body, "no HTML escaping in plain-text email"
    assert "&#" not in subject + body
    assert "\n" not in subject
    assert "sign in" in body.lower(), "every email says where to go to act on it"
    assert "new information" not in body.lower()
    assert kind.description


def _sample(key: str) -> object:
    """A realistic value for a context key: the shared samples, else a date for `*_on`/`*_by`."""
    if key in SAMPLE:
        return SAMPLE[key]
    if key.endswith(("_on", "_by")):
        return dt.date(2027, 3, 1)
    return f"sample {key.replace('_', ' ')}"


def test_every_kind_uses_every_context_key_it_requires():
    for kind in registry.kinds():
        context = {key: _sample(key) for key in kind.required}
        rendered = render_subject(kind, context) + render_body(kind, context)
        for key in kind.required:
            value = context[key]
            shown = value.strftime("%-d %B %Y") if isinstance(value, dt.date) else str(value)
            assert shown in rendered, f"{kind.id} requires {key} but never shows it"


def test_registering_the_same_id_differently_is_refused():
    kind = registry.get("message.received")
    registry.register(kind)  # the same kind again is harmless (apps' ready() can run twice)
    clash = registry.Kind(id=kind.id, category=registry.Category.REMINDERS, subject="Other")
    with pytest.raises(ValueError, match="already registered"):
        registry.register(clash)


def test_apps_can_register_their_own_kinds_with_a_template_string_subject():
    kind = registry.Kind(
        id="test.custom",
        category=registry.Category.CASEWORK,
        subject="Plan for {{ child_name }} is ready",
        body_template="notify/email/message.received.txt",
        required=("child_name", "sender_name"),
    )
    registry.register(kind)
    try:
        assert registry.get("test.custom").template_name == "notify/email/message.received.txt"
        assert not registry.get("test.custom").mandatory
    finally:
        registry.unregister("test.custom")
    with pytest.raises(LookupError):
        registry.get("test.custom")
