"""The request id in every log line: RequestIdMiddleware (middleware.py)
sets it, settings.LOGGING's request_id filter writes it. Imports nothing of
the app, as logging is configured before the apps load."""

import contextvars
import logging

request_id_var = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True
