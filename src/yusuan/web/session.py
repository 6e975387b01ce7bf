"""Who is asking, and the CSRF check: a middleware in front of every page and API request.

It reads the session cookie and puts the signed-in person on ``request.state.viewer``
(``accounts.Viewer`` or None) and the CSRF token on ``request.state.csrf``, for endpoints and
templates alike. A state-changing request (POST, PUT, PATCH, DELETE) made with a session, or
a sign-in, must carry that token in the ``X-CSRF-Token`` header or a form field ``csrf``
(the first field of a multipart form, so that the file behind it need not be read first), else
it is refused with 403. Signed-in, the token is the session's; before signing in, it is a
random value in its own cookie that the login form repeats (double submit). A request with
neither session nor token can change nothing: the endpoints refuse it with 401.

Cookies are HttpOnly, SameSite=Lax, path /, and Secure when the request came over https.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from yusuan.store.accounts import SESSION_HOURS, Viewer, viewer
from yusuan.web.forms import FormError, MultipartForm

SESSION_COOKIE = "yusuan_session"
CSRF_COOKIE = "yusuan_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SIGN_IN_PATHS = frozenset({"/login", "/api/session"})
PEEK_LIMIT = 256 * 1024  # how much of a multipart form may come before the token
FORM_LIMIT = 1024 * 1024  # a url-encoded form, read whole
CSRF_REFUSED = "请求缺少有效的安全令牌（CSRF），请刷新页面后重试。"


def cookie(name: str, value: str, *, secure: bool, max_age: int | None = None) -> str:
    """A Set-Cookie value with the portal's flags."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    secure = request.url.scheme == "https"
    response.headers.append("set-cookie", cookie(SESSION_COOKIE, token, secure=secure, max_age=SESSION_HOURS * 3600))


def clear_session_cookie(response: Response, request: Request) -> None:
    response.headers.append("set-cookie", cookie(SESSION_COOKIE, "", secure=request.url.scheme == "https", max_age=0))


def current(request: Request) -> Viewer | None:
    """The signed-in person (set by the middleware)."""
    found: Viewer | None = getattr(request.state, "viewer", None)
    return found


class SessionMiddleware:
    """Sets ``request.state.viewer`` and ``request.state.csrf``; refuses unsafe requests without the token."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = request.cookies.get(SESSION_COOKIE)
        who = await anyio.to_thread.run_sync(viewer, scope["app"].state.store, token) if token else None
        cookies: list[str] = []
        secure = request.url.scheme == "https"
        if token and who is None:  # expired or signed out elsewhere
            cookies.append(cookie(SESSION_COOKIE, "", secure=secure, max_age=0))
        expected = who.csrf if who else request.cookies.get(CSRF_COOKIE, "")
        if who is None and len(expected) < 32:
            expected = secrets.token_urlsafe(32)
            if not scope["path"].startswith("/static/"):
                cookies.append(cookie(CSRF_COOKIE, expected, secure=secure))
        state = scope.setdefault("state", {})
        state["viewer"], state["csrf"] = who, expected
        if scope["method"] in UNSAFE and (who is not None or scope["path"] in SIGN_IN_PATHS):
            status, receive = await _check_csrf(scope, receive, expected)
            if status is not None:
                from yusuan.web.app import error_response  # the app imports this module

                message = CSRF_REFUSED if status == 403 else None
                response = error_response(request, status, message, "csrf" if status == 403 else None)
                await _with_cookies(response, send, cookies)(scope, receive)
                return
        await self.app(scope, receive, _sending(send, cookies) if cookies else send)


def _with_cookies(response: Response, send: Send, cookies: list[str]) -> Callable[[Scope, Receive], Awaitable[None]]:
    async def run(scope: Scope, receive: Receive) -> None:
        await response(scope, receive, _sending(send, cookies))

    return run


def _sending(send: Send, cookies: list[str]) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for value in cookies:
                headers.append("set-cookie", value)
        await send(message)

    return sending


async def _check_csrf(scope: Scope, receive: Receive, expected: str) -> tuple[int | None, Receive]:
    """None if the request carries the token, else the status to refuse it with; and the body to read on."""
    headers = Headers(scope=scope)
    sent = headers.get(CSRF_HEADER)
    if sent is not None:
        return (None if _same(sent, expected) else 403), receive
    content_type = headers.get("content-type", "")
    kind = content_type.lower()
    messages: list[Message] = []
    if kind.startswith("application/x-www-form-urlencoded"):
        body = bytearray()
        while True:
            message = await receive()
            messages.append(message)
            body.extend(message.get("body", b""))
            if len(body) > FORM_LIMIT:
                return 413, receive
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        sent = parse_qs(body.decode("utf-8", "replace")).get(CSRF_FIELD, [""])[0]
    elif kind.startswith("multipart/form-data"):
        try:
            form = MultipartForm(content_type)
            size = 0
            while CSRF_FIELD not in form.fields and not form.reached_file and size <= PEEK_LIMIT:
                message = await receive()
                messages.append(message)
                chunk = message.get("body", b"")
                size += len(chunk)
                await form.feed(chunk)
                if message["type"] != "http.request" or not message.get("more_body"):
                    break
        except FormError:
            return 403, receive
        sent = form.fields.get(CSRF_FIELD, "")
    if not sent or not _same(sent, expected):
        return 403, receive
    return None, _replaying(messages, receive)


def _same(sent: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    """A receive that gives back the messages already read, then the rest of the body."""

    async def replay() -> Message:
        if messages:
            return messages.pop(0)
        return await receive()

    return replay
