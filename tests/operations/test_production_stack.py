"""The production stack, started as a council would start it (`bin/serve-prod`), on this machine's
PostgreSQL: gunicorn serves hashed static files with long cache lifetimes, a parent signs in and
posts a message, and the task worker (not the web process) sends the caseworker's email.

Run by `make test-prod` (called from `.ci/run`); it needs PostgreSQL at 127.0.0.1:5432.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432"
DB = "opensend_prodstack"
DEMO_PASSWORD = "opensend-demo-2026"

pytestmark = pytest.mark.prodstack


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Browser:
    """A minimal HTTP client that keeps cookies by name, Secure ones included (the stack runs on
    plain HTTP on loopback, where a real browser would be behind the council's TLS proxy)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        response.body = response.read()  # type: ignore[attr-defined]
        conn.close()
        return response

    def csrf(self, path: str) -> str:
        page = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)  # type: ignore[attr-defined]
        assert match, f"no CSRF token on {path}"
        return match.group(1).decode()


def _sql(query: str, *params: object) -> list[tuple]:
    with psycopg.connect(f"{PG}/{DB}", autocommit=True) as conn:
        return conn.execute(query, params).fetchall()  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Browser, Path]]:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    tmp = tmp_path_factory.mktemp("prodstack")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opensend.config.settings.production",
        "PYTHONPATH": str(ROOT / "src"),
        "SECRET_KEY": "prodstack-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"{PG}/{DB}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp / "emails"),
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "INFO",
        "PYTHON": sys.executable,
    }
    env.pop("TASKS_BACKEND", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True)
    log = (tmp / "stack.log").open("w")
    proc = subprocess.Popen(
        [str(ROOT / "bin" / "serve-prod")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    browser = Browser(port)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if browser.request("GET", "/readyz").status == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None, (tmp / "stack.log").read_text()
            assert time.monotonic() < deadline, "the stack did not become ready in 300 s"
            time.sleep(1)
        yield browser, tmp
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=60)
        log.close()


def test_static_files_have_hashed_names_and_a_long_cache_lifetime(stack: tuple[Browser, Path]) -> None:
    browser, _ = stack
    page = browser.request("GET", "/")
    assert page.status == 200
    css = re.search(rb'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.body)  # type: ignore[attr-defined]
    assert css, "the page does not link the hashed stylesheet"
    response = browser.request("GET", css.group(1).decode())
    assert response.status == 200
    assert "max-age=315360000" in (response.getheader("Cache-Control") or "")


def test_health_endpoints(stack: tuple[Browser, Path]) -> None:
    browser, _ = stack
    assert browser.request("GET", "/healthz").status == 200
    ready = browser.request("GET", "/readyz")
    assert ready.status == 200
    assert b'"database": "ok"' in ready.body and b'"task_queue": "ok"' in ready.body  # type: ignore[attr-defined]


def test_a_parent_signs_in_and_the_worker_sends_the_caseworkers_email(stack: tuple[Browser, Path]) -> None:
    browser, tmp = stack
    token = browser.csrf("/account/sign-in/")
    signed_in = browser.request(
        "POST",
        "/account/sign-in/",
        {"csrfmiddlewaretoken": token, "email": "parent@opensend.test", "password": DEMO_PASSWORD},
    )
    assert signed_in.status == 302, signed_in.body  # type: ignore[attr-defined]
    assert browser.request("GET", "/").status == 200

    (case_id,) = _sql(
        "SELECT c.id FROM casework_assessmentrequest c "
        "JOIN children_familylink f ON f.child_id = c.child_id "
        "JOIN accounts_user u ON u.id = f.user_id "
        "WHERE u.email = 'parent@opensend.test' ORDER BY c.id LIMIT 1"
    )[0]
    # Let the worker finish what seeding the demo queued, so the next email is ours.
    deadline = time.monotonic() + 120
    while _sql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
    )[0][0]:
        assert time.monotonic() < deadline, "the worker did not drain the queue in 120 s"
        time.sleep(0.5)
    before = {p.name for p in (tmp / "emails").glob("*")} if (tmp / "emails").exists() else set()
    token = browser.csrf(f"/casework/your-requests/{case_id}/")
    posted = browser.request(
        "POST",
        f"/advice/cases/{case_id}/messages/",
        {"csrfmiddlewaretoken": token, "body": "We have a new report from the speech therapist."},
    )
    assert posted.status == 302, posted.body  # type: ignore[attr-defined]

    deadline = time.monotonic() + 60
    new: list[Path] = []
    while time.monotonic() < deadline and not new:
        new = (
            [p for p in (tmp / "emails").glob("*") if p.name not in before]
            if (tmp / "emails").exists()
            else []
        )
        time.sleep(0.5)
    assert new, "no email was written within 60 s of the message"
    mail = "".join(p.read_text() for p in new)
    assert "To: caseworker@opensend.test" in mail or "To: manager@opensend.test" in mail, mail
    assert "message" in mail.lower()

    # The email went out from the worker process: its task result is finished by a worker.
    rows = _sql(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
        "WHERE task_path LIKE %s ORDER BY enqueued_at DESC LIMIT 1",
        "%send_notification%",
    )
    assert rows and rows[0][0] == "SUCCESSFUL" and rows[0][1], rows


def test_a_backup_restores_into_an_empty_database_with_the_data_and_files(
    stack: tuple[Browser, Path],
) -> None:
    """The documented backup and restore (docs/operations.md), run on the stack's database."""
    _, tmp = stack
    media = tmp / "media"
    (media / "letters").mkdir(parents=True, exist_ok=True)
    (media / "letters" / "kept.txt").write_text("a stored letter")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{DB}", "MEDIA_ROOT": str(media)}
    done = subprocess.run(
        [str(ROOT / "bin" / "backup"), str(tmp / "backups")],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    folder = Path(done.stdout.strip().splitlines()[-1])
    assert (folder / "database.dump").stat().st_size > 0

    restored = "opensend_prodstack_restored"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {restored} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {restored}")
    restore_env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{restored}",
        "MEDIA_ROOT": str(tmp / "restored-media"),
    }
    subprocess.run(
        [str(ROOT / "bin" / "restore"), str(folder)], env=restore_env, check=True, capture_output=True
    )

    count = "SELECT count(*), max(id) FROM children_child"
    with psycopg.connect(f"{PG}/{restored}") as conn:
        restored_children = conn.execute(count).fetchone()
        parent = conn.execute(
            "SELECT count(*) FROM accounts_user WHERE email = 'parent@opensend.test'"
        ).fetchone()
    assert restored_children == tuple(_sql(count)[0])
    assert restored_children[0] > 0 and parent == (1,)
    assert (tmp / "restored-media" / "letters" / "kept.txt").read_text() == "a stored letter"

    # A second restore into the now-full database is refused, so nothing is overwritten.
    again = subprocess.run(
        [str(ROOT / "bin" / "restore"), str(folder)], env=restore_env, capture_output=True, text=True
    )
    assert again.returncode == 1 and "restore into an empty database" in again.stderr
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {restored} WITH (FORCE)")
