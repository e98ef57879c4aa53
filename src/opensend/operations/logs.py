"""Structured logs: one JSON object per line with the time, level, logger, message, the request id
and the signed-in user's id. Never personal data: no names, emails, addresses or request bodies,
only what the code's own log messages say and the ids that let an operator find the audit rows."""

import datetime as dt
import json
import logging

from opensend.core import request_context


class RequestContextFilter(logging.Filter):
    """Puts the current request's id and user id on every record, or empty strings outside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        ctx = request_context.current()
        record.request_id = ctx.request_id if ctx else ""
        record.user_id = ctx.user_id if ctx and ctx.user_id is not None else ""
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "user_id": getattr(record, "user_id", ""),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
