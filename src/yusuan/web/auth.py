"""Signing in and out: ``/login`` and ``/logout`` for the pages, ``/api/session`` for the API.

Failed sign-ins are counted per client address and per username (``ratelimit``); past the
limit the answer is 429 with Retry-After, before the password is even checked. A correct
password clears the username's count, never the address's, so signing in to one's own account
does not buy more guesses at another.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from yusuan.store.accounts import Viewer, sign_in, sign_out, viewer
from yusuan.web.ratelimit import LoginLimiter
from yusuan.web.render import templates
from yusuan.web.session import SESSION_COOKIE, clear_session_cookie, current, set_session_cookie

router = APIRouter()
ROLE_NAMES = {"admin": "管理员", "reviewer": "审核人", "staff": "部门填报人"}
WRONG = "用户名或密码不正确。"
MAX_PASSWORD = 1024


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)


def viewer_data(who: Viewer | None) -> dict[str, Any] | None:
    if who is None:
        return None
    return {
        "username": who.username,
        "role": who.role,
        "role_name": ROLE_NAMES.get(who.role, who.role),
        "region_id": who.region_id,
        "department_id": who.department_id,
    }


def _limited(request: Request, seconds: int) -> Response:
    from yusuan.web.app import error_response

    minutes = max(1, round(seconds / 60))
    response = error_response(request, 429, f"登录失败次数过多，请约 {minutes} 分钟后再试。")
    response.headers["Retry-After"] = str(seconds)
    return response


def _attempt(request: Request, username: str, password: str) -> str | Response | None:
    """A session token; None for a wrong password; a 429 response when rate-limited."""
    limiter: LoginLimiter = request.app.state.login_limiter
    user_key = "user:" + username.strip().casefold()
    keys = ["addr:" + (request.client.host if request.client else "-"), user_key]
    wait = limiter.retry_after(keys)
    if wait:
        return _limited(request, wait)
    token = sign_in(request.app.state.store, username.strip(), password[:MAX_PASSWORD])
    if token is None:
        limiter.failed(keys)
        return None
    limiter.succeeded(user_key)
    # A browser holds one session: signing in again ends the one it had.
    sign_out(request.app.state.store, request.cookies.get(SESSION_COOKIE))
    return token


def _local(target: str) -> str:
    """Only a path on this site may be gone to after signing in (no open redirect)."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def _login_page(request: Request, next_path: str, error: str | None = None, status: int = 200) -> HTMLResponse:
    context = {"next": _local(next_path), "error": error}
    return templates.TemplateResponse(request, "login.html", context, status_code=status)


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _login_page(request, next)


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=MAX_PASSWORD)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    outcome = _attempt(request, username, password)
    if isinstance(outcome, Response):
        return outcome
    if outcome is None:
        return _login_page(request, next, WRONG, 401)
    response = RedirectResponse(_local(next), status_code=303)
    set_session_cookie(response, request, outcome)
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    sign_out(request.app.state.store, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(response, request)
    return response


@router.get("/api/session", summary="当前登录的账号与 CSRF 令牌")
def who_am_i(request: Request) -> dict[str, Any]:
    """The signed-in account (or null) and the token every POST/DELETE must carry in ``X-CSRF-Token``."""
    return {"user": viewer_data(current(request)), "csrf": request.state.csrf}


@router.post("/api/session", summary="登录")
def api_login(request: Request, credentials: Credentials) -> Response:
    """Sign in; the session cookie is set and the session's CSRF token returned. Needs the
    pre-login token from ``GET /api/session`` in ``X-CSRF-Token``."""
    from yusuan.web.app import error_response

    outcome = _attempt(request, credentials.username, credentials.password)
    if isinstance(outcome, Response):
        return outcome
    if outcome is None:
        return error_response(request, 401, WRONG, "wrong_credentials")
    who = viewer(request.app.state.store, outcome)
    response = JSONResponse({"user": viewer_data(who), "csrf": who.csrf if who else None})
    set_session_cookie(response, request, outcome)
    return response


@router.delete("/api/session", summary="退出登录")
def api_logout(request: Request) -> Response:
    sign_out(request.app.state.store, request.cookies.get(SESSION_COOKIE))
    response = JSONResponse({"user": None})
    clear_session_cookie(response, request)
    return response
