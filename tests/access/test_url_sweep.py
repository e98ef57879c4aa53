"""Every URL pattern and every API operation declares its policy, and none leaks to an anonymous
visitor unless it is declared public.

A new view without `public`, `signed_in` or `policy_required` fails here before it can ship.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from opensend.api.api import api

# ninja's own documentation views: public by design (the OpenAPI document has no personal data).
NINJA_DOC_VIEWS = {"openapi-json", "openapi-view"}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace, p


def _app_patterns():
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace in ("admin", "api"):
            continue  # the admin site has its own gate; API operations are checked below
        yield route, pattern


def _concrete(route: str) -> str:
    path = re.sub(r"<int:[^>]+>", "999999", route)
    path = re.sub(r"<[^>]+>", "zzz", path)
    return "/" + path.replace("^", "").replace("$", "")


def test_every_url_pattern_declares_a_policy():
    missing = [route for route, p in _app_patterns() if not getattr(p.callback, "opensend_policy", None)]
    assert not missing, f"views without a declared policy: {missing}"


def test_every_api_operation_declares_a_policy():
    missing = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if not getattr(operation.view_func, "opensend_policy", None):
                    missing.append(f"{operation.methods} {prefix}{path}")
    assert not missing, f"API operations without a declared policy: {missing}"


@pytest.mark.django_db
def test_no_non_public_page_answers_an_anonymous_visitor(client):
    leaks = []
    for route, pattern in _app_patterns():
        if pattern.callback.opensend_policy == "public":
            continue
        url = _concrete(route)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code not in (302, 404, 405):
                leaks.append(f"{method.upper()} {url}: {response.status_code}")
            if response.status_code == 302:
                assert "/account/sign-in/" in response["Location"], url
    assert not leaks, leaks


@pytest.mark.django_db
def test_no_non_public_api_operation_answers_without_credentials(client):
    leaks = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if operation.view_func.opensend_policy == "public":
                    continue
                url = "/api/v1/" + (prefix.strip("/") + "/" + path.lstrip("/")).strip("/")
                url = re.sub(r"\{[^}]+\}", "1", url)
                for method in operation.methods:
                    response = client.generic(method, url)
                    if response.status_code != 401:
                        leaks.append(f"{method} {url}: {response.status_code}")
                    else:
                        assert response.json()["error"]["code"] == "unauthenticated"
    assert not leaks, leaks


@pytest.mark.django_db
def test_admin_is_closed_to_anyone_without_the_system_admin_role(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/sign-in/")
    assert b"Sign in to OpenSEND" in response.content
