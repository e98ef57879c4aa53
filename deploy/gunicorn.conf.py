"""gunicorn settings for OpenSEND's web process. Each value can be set in the environment."""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
# Two workers per core is plenty for a service that waits mostly on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Restart workers now and then so that a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Access lines carry no query string (search terms may be names) and no client details beyond the
# address; the application's own JSON logs carry the request id.
accesslog = "-"
access_log_format = '{"time": "%(t)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": %(B)s, "duration_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
