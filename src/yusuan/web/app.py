"""The portal application: ``create_app(store)``.

Pages (Chinese HTML) and their JSON twins under ``/api`` are built from the same query
functions; every error, page or API, has one envelope: ``{"error": {"status", "code", "message"}}``
for the API and the same fields on an HTML error page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from yusuan import __version__
from yusuan.store.db import Store
from yusuan.web import worker
from yusuan.web.ratelimit import LoginLimiter
from yusuan.web.render import templates
from yusuan.web.session import SessionMiddleware
from yusuan.web.upload import UploadSettings

STATIC = Path(__file__).parent / "static"
_MESSAGES = {
    400: "请求有误。",
    401: "请先登录。",
    403: "没有权限。",
    404: "没有找到。",
    405: "不支持这种请求方式。",
    413: "上传的文件过大。",
    415: "不支持这种文件类型。",
    422: "请求参数有误。",
    429: "尝试过于频繁，请稍后再试。",
}


def create_app(store: Store, *, uploads: UploadSettings | None = None, serving: bool = False) -> FastAPI:
    """The portal on ``store``; ``serving``: the app of a server process (``yusuan serve``), which
    ends the upload workers when it stops (tests' apps share them across tests instead)."""
    app = FastAPI(
        title="yusuan 预算公开门户",
        version=__version__,
        description="部门预算/决算公开文件的浏览、比较、审核与下载。每个页面都有对应的 JSON 接口（/api/…）。",
        lifespan=_ending_workers if serving else None,
    )
    app.state.store = store
    app.state.uploads = uploads or UploadSettings.from_env()
    app.state.login_limiter = LoginLimiter()
    app.add_middleware(SessionMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in _routers():
        app.include_router(router)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    return app


def app_from_environment() -> FastAPI:
    """The app on the store ``$YUSUAN_DATABASE_URL`` names: what each server process of
    ``yusuan serve --workers N`` builds for itself."""
    return create_app(Store(), serving=True)


@asynccontextmanager
async def _ending_workers(app: FastAPI) -> AsyncIterator[None]:
    yield
    await run_in_threadpool(worker.shutdown)


def _routers() -> list[APIRouter]:
    """Each part of the portal is a router in its own module."""
    from yusuan.web import auth, charts, compare, downloads, fdp, filings, pages, regions, revisions, upload

    return [
        pages.router,
        filings.router,
        downloads.router,
        charts.router,
        compare.router,
        regions.router,
        fdp.router,
        auth.router,
        upload.router,
        revisions.router,
    ]


def error_response(request: Request, status: int, message: str | None = None, code: str | None = None) -> Response:
    body = {"status": status, "code": code or _code(status), "message": message or _MESSAGES.get(status, "出错了。")}
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": body}, status_code=status)
    return templates.TemplateResponse(request, "error.html", {"error": body}, status_code=status)


def _code(status: int) -> str:
    return {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
        415: "unsupported_type",
        422: "invalid",
        429: "rate_limited",
    }.get(status, "error")


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    detail = (
        exc.detail if isinstance(exc.detail, str) and exc.detail not in ("Not Found", "Method Not Allowed") else None
    )
    return error_response(request, exc.status_code, detail)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    fields = "、".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors())
    return error_response(request, 422, f"请求参数有误：{fields}" if fields else None)
