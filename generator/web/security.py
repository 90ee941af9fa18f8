"""Guards in front of the app: body size, same-origin POSTs, password (ASGI middleware).

Written as plain ASGI so that a body over the limit is refused while it streams
in, before any of it is parsed, and so that the guards hold for every route.
"""

from __future__ import annotations

import base64
import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


async def _answer(
    send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps({"detail": message}, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse a request body over `limit` bytes with 413 (announced or streamed)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = (
            f"tệp gửi lên quá lớn (tối đa {self.limit // (1024 * 1024)} MB)"
            if self.limit >= 1024 * 1024
            else f"tệp gửi lên quá lớn (tối đa {self.limit} byte)"
        )
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await _answer(send, 413, message)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return msg

        async def watched(msg: Message) -> None:
            nonlocal started
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _answer(send, 413, message)


class SameOrigin:
    """Refuse POSTs a page of another site sends (the browser names it in `Origin`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE_METHODS:
            origin = _header(scope, b"origin")
            host = _header(scope, b"host")
            site = _header(scope, b"sec-fetch-site")
            foreign = site == "cross-site" or (
                origin is not None and (origin == "null" or urlsplit(origin).netloc != host)
            )
            if foreign:
                await _answer(send, 403, "không nhận yêu cầu gửi từ trang của nơi khác")
                return
        await self.app(scope, receive, send)


class Password:
    """HTTP Basic authentication with one shared password (any user name)."""

    def __init__(self, app: ASGIApp, password: str) -> None:
        self.app, self.password = app, password.encode()

    def _allowed(self, scope: Scope) -> bool:
        value = _header(scope, b"authorization") or ""
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            _, _, given = base64.b64decode(token, validate=True).partition(b":")
        except ValueError:
            return False
        return hmac.compare_digest(given, self.password)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._allowed(scope):
            await _answer(
                send,
                401,
                "cần mật khẩu",
                [(b"www-authenticate", b'Basic realm="vanban", charset="UTF-8"')],
            )
            return
        await self.app(scope, receive, send)
