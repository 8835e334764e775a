"""Gunicorn's access log: deploy/gunicorn.conf.py's ``logger_class``.

Partners' tokens are masked, and readers' beacons are not logged at all: a beacon's line would
tie the story read or the words searched for to an address and a browser, which the Reach
counts promise never to keep (reach/beacon.py).
"""

from typing import Any

from gunicorn.glogging import Logger

from newsroom.token_masking import TOKEN_HEADERS, mask_header, mask_query_string, mask_query_tokens
from reach import BEACON_PATH

# The atoms a log format can name that hold a token header's value: `{authorization}i`
# among the request's headers, `{http_authorization}e` in its WSGI environment.
_HEADER_ATOMS = {f"{{{header.lower()}}}i" for header in TOKEN_HEADERS} | {
    f"{{http_{header.lower().replace('-', '_')}}}e" for header in TOKEN_HEADERS
}
_QUERY_STRING_ATOMS = {"q", "{query_string}e"}


class TokenMaskingLogger(Logger):
    """Gunicorn's logger, with every atom of the access log that may hold a token masked."""

    def access(self, resp: Any, req: Any, environ: dict, request_time: Any) -> None:
        if environ.get("PATH_INFO") == BEACON_PATH:
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for name, value in atoms.items():
            if not isinstance(value, str):
                continue
            if name in _HEADER_ATOMS:
                atoms[name] = mask_header(value)
            elif name in _QUERY_STRING_ATOMS:
                atoms[name] = mask_query_string(value)
            else:
                atoms[name] = mask_query_tokens(value)  # the request line, the referrer, ...
        return atoms
