"""Partners' feed tokens kept out of logs and error reports: wherever a request is written down.

A partner presents its token as ``?token=``, in ``Authorization: Bearer`` or in
``X-Partner-Token`` (search/syndication/feeds/access.py). This module names those places
again rather than importing them: logging is configured before Django's apps load, and
gunicorn's logger runs outside Django altogether.
"""

import logging
import re
from typing import Any
from urllib.parse import unquote_plus

from django.http import HttpRequest, QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

TOKEN_PARAMETER = "token"  # noqa: S105  a name, not a secret
TOKEN_HEADERS = ("Authorization", "X-Partner-Token")
MASK = "***"
MIN_SECRET_LENGTH = 8  # issued tokens are far longer (search/models)

# A query parameter, wherever a URL is written: its name, then its value up to the next
# parameter, the fragment, the end of a quoted request line or of a repr.
_PARAMETER = re.compile(r"(?P<lead>[?&;])(?P<name>[^=&;#\s\"']+)=(?P<value>[^&;#\s\"']*)")


_TRACEBACK = logging.Formatter()


def _is_token_parameter(name: str) -> bool:
    # Django decodes parameter names, so `?%74oken=` reaches the feed as `token`.
    return unquote_plus(name).lower() == TOKEN_PARAMETER


def mask_query_tokens(text: str) -> str:
    """``text`` with the value of every ``token`` parameter of a URL in it replaced by ``***``.

    ``text`` is anything that may hold a URL: a request line, a path with its query, a
    request's repr, a log message.
    """
    if "=" not in text:
        return text

    def mask(match: re.Match[str]) -> str:
        if not _is_token_parameter(match["name"]):
            return match[0]
        return f"{match['lead']}{match['name']}={MASK}"

    return _PARAMETER.sub(mask, text)


def mask_query_string(query_string: str) -> str:
    """A query string alone (``QUERY_STRING``), its ``token`` masked."""
    return mask_query_tokens("?" + query_string)[1:]


def mask_header(value: str) -> str:
    """A token header's value, its scheme kept (``Bearer ***``) so a log still says which."""
    scheme, _space, credentials = value.partition(" ")
    return f"{scheme} {MASK}" if credentials else MASK


def presented_secrets(request: HttpRequest) -> set[str]:
    """Every value this request carries where a partner's token may be: each must be masked."""
    secrets = {value for value in request.GET.getlist(TOKEN_PARAMETER) if value}
    for header in TOKEN_HEADERS:
        value = request.headers.get(header, "")
        credentials = value.partition(" ")[2] if header == "Authorization" else value
        secrets.update(part for part in (value.strip(), credentials.strip()) if part)
    return secrets


def _masked(value: str, secrets: set[str]) -> str:
    # Longest first: a header's whole value contains the credentials alone. A value too short
    # to be a token is no secret, and replacing it everywhere would garble the report.
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= MIN_SECRET_LENGTH:
            value = value.replace(secret, MASK)
    return mask_query_tokens(value)


class MaskPartnerTokens(logging.Filter):
    """A logging filter that masks tokens in a record's message and arguments.

    ``django.server`` logs the request line with its query; any record may carry a URL or a
    request among its arguments, or in the message of the exception it reports.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_query_tokens(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: self._masked_argument(arg) for key, arg in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(self._masked_argument(arg) for arg in record.args)
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text once set: the traceback is written masked.
            record.exc_text = mask_query_tokens(_TRACEBACK.formatException(record.exc_info))
        return True

    @staticmethod
    def _masked_argument(argument: Any) -> Any:
        if argument is None or isinstance(argument, int | float):
            return argument  # keeps %d and %.2f working
        text = str(argument)
        masked = mask_query_tokens(text)
        return masked if masked != text else argument


class PartnerTokenReporterFilter(SafeExceptionReporterFilter):
    """Django's error-report filter, which also masks partners' tokens.

    Django already hides META keys that name an AUTH or a TOKEN (``HTTP_AUTHORIZATION``,
    ``HTTP_X_PARTNER_TOKEN``); the query string, raw URIs, the referrer and the frames'
    local variables can still hold the token itself.
    """

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        secrets = presented_secrets(request) if hasattr(request, "META") else set()
        meta = {
            key: _masked(value, secrets) if isinstance(value, str) else value
            for key, value in super().get_safe_request_meta(request).items()
        }
        if isinstance(meta.get("QUERY_STRING"), str):
            meta["QUERY_STRING"] = mask_query_string(meta["QUERY_STRING"])
        return meta

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        secrets = presented_secrets(request) if request is not None else set()
        cleansed = []
        for name, value in variables:
            try:
                text = value if isinstance(value, str) else repr(value)
            except Exception:  # a broken __repr__ is the reporter's to show, not ours
                cleansed.append((name, value))
                continue
            masked = _masked(text, secrets)
            cleansed.append((name, masked if masked != text else value))
        return cleansed

    def get_safe_query(self, request: HttpRequest) -> QueryDict:
        """The request's query parameters, the token's value masked."""
        query = request.GET.copy()
        if TOKEN_PARAMETER in query:
            query.setlist(TOKEN_PARAMETER, [MASK] * len(query.getlist(TOKEN_PARAMETER)))
        return query

    def get_safe_uri(self, request: HttpRequest, uri: str) -> str:
        return _masked(uri, presented_secrets(request))


class PartnerTokenExceptionReporter(ExceptionReporter):
    """Error reports (the technical 500 page, admins' error mail) with the token masked.

    Django's reporter shows the query, the request's URL and the exception's message as they
    came, not through its filter: this one masks them, then masks the token wherever else the
    finished report holds it (in a line of source, say).
    """

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        if self.request is not None and isinstance(self.filter, PartnerTokenReporterFilter):
            data["request_GET_items"] = self.filter.get_safe_query(self.request).items()
            data["request_insecure_uri"] = self.filter.get_safe_uri(
                self.request, data["request_insecure_uri"]
            )
        if isinstance(data.get("exception_value"), str):
            data["exception_value"] = self._masked(data["exception_value"])
        return data

    def get_traceback_html(self) -> SafeString:
        # Masking replaces tokens, URL-safe text, in escaped HTML: it stays safe.
        return mark_safe(self._masked(super().get_traceback_html()))  # noqa: S308

    def get_traceback_text(self) -> SafeString:
        return mark_safe(self._masked(super().get_traceback_text()))  # noqa: S308

    def _masked(self, text: str) -> str:
        secrets = presented_secrets(self.request) if self.request is not None else set()
        return _masked(text, secrets)
