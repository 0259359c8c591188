"""Hardening for the local app: security headers, Host and Origin checks, and an upload size limit.

A pure ASGI middleware (no BaseHTTPMiddleware) so it costs little per request.
"""

from __future__ import annotations

from typing import Iterable
from urllib.parse import urlsplit

__all__ = ["SecurityMiddleware", "CSP", "LOCAL_HOSTS", "MAX_UPLOAD_BYTES"]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make browsers send "Origin: null" on our own POSTs
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class _TooLarge(Exception):
    """The request body passed the limit."""


def _host_name(value: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1', '[::1]:80' -> '::1'."""
    try:
        return (urlsplit("//" + value).hostname or "").lower()
    except ValueError:
        return ""


class SecurityMiddleware:
    """Adds headers to every response; refuses foreign Host (DNS rebinding), cross-site POSTs and big bodies."""

    def __init__(self, app, allowed_hosts: Iterable[str] | None = LOCAL_HOSTS, max_body: int = MAX_UPLOAD_BYTES):
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower().strip("[]") for h in allowed_hosts}
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        problem = self._check(scope, headers)
        if problem:
            return await _plain(send, *problem)
        if scope["method"] == "HEAD":  # answer HEAD like GET; the server drops the body
            scope = {**scope, "method": "GET"}
        state = {"started": False, "too_large": False, "replaced": False}

        async def send_with_headers(message):
            if state["too_large"]:  # whatever the app made of the aborted body, the answer is 413
                if not state["replaced"] and message["type"] == "http.response.start":
                    state["replaced"] = state["started"] = True
                    await _plain(send, 413, f"request body over {self.max_body} bytes")
                return
            if message["type"] == "http.response.start":
                state["started"] = True
                message = dict(message)
                message["headers"] = list(message.get("headers") or []) + HEADERS
            await send(message)

        seen = 0

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body") or b"")
                if seen > self.max_body:
                    state["too_large"] = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counting_receive, send_with_headers)
        except Exception:
            if not state["too_large"]:
                raise
            if not state["started"]:
                await _plain(send, 413, f"request body over {self.max_body} bytes")

    def _check(self, scope, headers: dict[str, str]) -> tuple[int, str] | None:
        """Why the request is refused before reaching the app, if it is."""
        host = _host_name(headers.get("host", ""))
        if self.allowed is not None and host not in self.allowed:
            return 421, "unexpected Host header; this app answers only on its local address"
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc.lower() != headers.get("host", "").lower():
                return 403, "cross-origin request refused"
            if headers.get("sec-fetch-site") == "cross-site" or origin == "null":
                return 403, "cross-site request refused"
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return 413, f"request body over {self.max_body} bytes"
        return None


async def _plain(send, status: int, text: str) -> None:
    """A short text/plain response carrying the security headers."""
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + HEADERS})
    await send({"type": "http.response.body", "body": body})
