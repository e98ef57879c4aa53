"""Rendering a kind's subject and body as plain text.

Email is plain text, so the templates run in an engine with autoescaping off (a child called
O'Neill must not arrive as O&#x27;Neill). The engine finds templates where the site's does.
"""

import functools
from typing import Any

from django.conf import settings
from django.template import Context, Engine, engines

from .registry import Kind


@functools.cache
def _text_engine() -> Engine:
    site = engines["django"].engine  # type: ignore[attr-defined]
    return Engine(
        dirs=list(site.dirs),
        app_dirs=site.app_dirs,
        libraries=site.libraries,
        builtins=[],
        autoescape=False,
        debug=False,
        string_if_invalid="",
    )


def render_subject(kind: Kind, context: dict[str, Any]) -> str:
    text = _text_engine().from_string(kind.subject).render(Context(context, autoescape=False))
    # A subject is one line, however the context was typed.
    return " ".join(text.split())[:250]


def render_body(kind: Kind, context: dict[str, Any]) -> str:
    text = _text_engine().get_template(kind.template_name).render(Context(context, autoescape=False))
    return _tidy(text)


def render_email_text(*, body: str, link: str, preferences_link: str) -> str:
    """The whole email as Django's mail backends send it: body, link, and how to change what you get."""
    context = {
        "body": body,
        "link": link,
        "preferences_link": preferences_link,
        "service_name": getattr(settings, "SERVICE_NAME", "OpenSEND"),
    }
    template = _text_engine().get_template("notify/email/_email.txt")
    return _tidy(template.render(Context(context, autoescape=False)))


def absolute_url(link: str) -> str:
    """A link for an email: full URLs stay, paths are made absolute with SITE_URL."""
    if link.startswith(("https://", "http://")):
        return link
    if not link.startswith("/"):
        raise ValueError(f"A notification link must be a path starting with / or a full URL, not {link!r}")
    site = (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")
    return site + link


def _tidy(text: str) -> str:
    """Trailing spaces off each line and no more than one blank line in a row."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out) + "\n"
