"""The portal's security, on SQLite and PostgreSQL: escaping, who may upload and delete, CSRF,
upload size and type limits, anonymous requests, the login rate limit, password hashes, cookies.

The store holds the reference document (埇桥区人民政府办公室) and a copy filed as 埇桥区财政局,
both in region 埇桥区, with an account for each role.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.conftest import REFERENCE
from yusuan.batch import Job, Outcome, work
from yusuan.store import renderings
from yusuan.store.accounts import add_account
from yusuan.store.db import Store
from yusuan.store.ingest import store_document
from yusuan.store.schema import Account, Filing, LoginSession, Revision
from yusuan.web.app import create_app
from yusuan.web.part import render_version
from yusuan.web.ratelimit import LoginLimiter
from yusuan.web.upload import UploadSettings

from .fixtures import build_formats as build

PASSWORD = "correct horse battery"
OWN = "埇桥区人民政府办公室"
OTHER = "埇桥区财政局"
MAX = 100_000  # the reference text is 41,862 bytes
SCRIPT = "<script>alert(1)</script>"


@functools.cache
def reference() -> Outcome:
    outcome = work(Job(REFERENCE, keep=True))
    assert outcome.document is not None and outcome.report is not None, outcome.error
    return outcome


def _file(store: Store, department: str, region: str = "埇桥区") -> int:
    outcome = reference()
    assert outcome.document is not None and outcome.report is not None
    document = dataclasses.replace(outcome.document, department=department)
    original = REFERENCE.read_bytes() + department.encode()
    return store_document(store, document, outcome.report, original, REFERENCE.name, region=region).filing_id


@dataclasses.dataclass
class Portal:
    store: Store
    client: TestClient
    uploads: Path  # the temporary folder uploads are streamed to
    own_filing: int
    other_filing: int

    def sign_in(self, username: str, client: TestClient | None = None) -> str:
        """Sign in through the API; the session's CSRF token."""
        client = client or self.client
        before = client.get("/api/session").json()["csrf"]
        response = client.post(
            "/api/session", json={"username": username, "password": PASSWORD}, headers={"X-CSRF-Token": before}
        )
        assert response.status_code == 200, response.text
        token: str = response.json()["csrf"]
        return token

    def revisions(self) -> int:
        with self.store.session() as session:
            return session.scalar(select(func.count()).select_from(Revision)) or 0

    def current_number(self, filing_id: int) -> int | None:
        with self.store.session() as session:
            filing = session.get_one(Filing, filing_id)
            return session.get_one(Revision, filing.current_id).number if filing.current_id else None

    def leftovers(self) -> list[Path]:
        return list(self.uploads.rglob("*"))


@pytest.fixture
def portal(store: Store, tmp_path: Path) -> Iterator[Portal]:
    own, other = _file(store, OWN), _file(store, OTHER)
    add_account(store, "staff", PASSWORD, "staff", department=OWN)
    add_account(store, "other", PASSWORD, "staff", department=OTHER)
    add_account(store, "reviewer", PASSWORD, "reviewer", region="埇桥区")
    add_account(store, "admin", PASSWORD, "admin")
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    app = create_app(store, uploads=UploadSettings(max_bytes=MAX, temp_dir=uploads))
    with TestClient(app) as client:
        yield Portal(store, client, uploads, own, other)


def upload(portal: Portal, token: str | None, name: str, content: bytes, **headers: str) -> httpx.Response:
    sent = {"X-CSRF-Token": token} if token else {}
    return portal.client.post("/api/uploads", files={"file": (name, content)}, headers={**sent, **headers})


def edited_reference() -> bytes:
    """The reference with one byte more: a new revision, not the same file again."""
    return REFERENCE.read_bytes() + b"\n"


# ---- names from documents are text ------------------------------------------------------------


def test_a_script_in_a_department_name_renders_as_text(portal: Portal) -> None:
    filing = _file(portal.store, SCRIPT, region=SCRIPT)  # a region of that name too
    with portal.store.session() as session:
        department = session.get_one(Filing, filing).department
        department_id, region_id = department.id, department.region_id
    pages = ["/", "/?q=script", f"/?q={SCRIPT}"]
    # Pages other engineers are adding: tested when they are there (a missing route is a bare 404).
    optional = [f"/departments/{department_id}", f"/regions/{region_id}", f"/filings/{filing}"]
    shown = []
    for url in pages + optional:
        response = portal.client.get(url, headers={"Accept": "text/html"})
        if url in optional and response.status_code == 404 and "没有找到。" in response.text:
            continue
        assert response.status_code == 200, (url, response.text[:300])
        assert SCRIPT not in response.text, url
        if "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text:
            shown.append(url)
    assert {"/", "/?q=script"} <= set(shown)  # the name is on the pages, escaped


def test_the_upload_result_page_escapes_the_department_name(portal: Portal) -> None:
    name = '埇桥区"&<>办公室'  # the text reader drops tags; these characters it keeps
    content = REFERENCE.read_bytes().replace(OWN.encode(), name.encode())
    token = portal.sign_in("admin")
    response = portal.client.post("/upload", data={"csrf": token}, files={"file": ("named.txt", content)})
    assert response.status_code == 200, response.text
    assert "埇桥区&#34;&amp;&lt;&gt;办公室" in response.text and name not in response.text


# ---- uploads ----------------------------------------------------------------------------------


def test_staff_upload_is_stored_and_the_uploader_sees_the_findings(portal: Portal) -> None:
    token = portal.sign_in("staff")
    response = upload(portal, token, "埇桥区.txt", edited_reference())
    assert response.status_code == 201, response.text
    data = response.json()
    assert (data["department"], data["year"], data["kind"], data["number"], data["new"]) == (OWN, 2023, "预算", 2, True)
    assert (data["errors"], data["warnings"]) == (4, 12)  # as docs/examples/yongqiao-2023-check.md
    assert all(f["message"] and f["severity"] in ("error", "warning", "info") for f in data["findings"])
    assert portal.current_number(portal.own_filing) == 2
    with portal.store.session() as session:
        revision = session.get_one(Revision, data["revision_id"])
        assert revision.uploader_id == session.scalar(select(Account.id).where(Account.username == "staff"))
        assert revision.filename == "埇桥区.txt"
    # Its part of the page was rendered and kept at once: the first view renders nothing.
    kept = renderings.load(portal.store, data["revision_id"])
    assert kept is not None and kept.version == render_version()
    # The page: the findings listed, in Chinese.
    page = portal.client.post("/upload", data={"csrf": token}, files={"file": ("v3.txt", edited_reference() + b"\n")})
    assert page.status_code == 200 and "已存为第 3 版" in page.text
    first = data["findings"][0]["message"]
    assert first.replace("“", "&#34;") in page.text or first in page.text
    assert portal.leftovers() == []


def test_a_reviewer_uploads_for_a_department_of_their_region(portal: Portal) -> None:
    token = portal.sign_in("reviewer")
    content = REFERENCE.read_bytes().replace(OWN.encode(), OTHER.encode())
    response = upload(portal, token, "czj.txt", content)
    assert response.status_code == 201, response.text
    assert response.json()["department"] == OTHER and portal.current_number(portal.other_filing) == 2


def test_a_reviewer_cannot_upload_for_a_department_outside_their_region(portal: Portal) -> None:
    token = portal.sign_in("reviewer")
    before = portal.revisions()
    content = REFERENCE.read_bytes().replace(OWN.encode(), "蚌埠市财政局".encode())
    response = upload(portal, token, "bengbu.txt", content)
    assert response.status_code == 403 and "不在您负责的地区" in response.json()["error"]["message"]
    assert portal.revisions() == before


def test_another_departments_staff_cannot_upload(portal: Portal) -> None:
    token = portal.sign_in("other")
    before = portal.revisions()
    response = upload(portal, token, "yongqiao.txt", edited_reference())
    assert response.status_code == 403, response.text
    assert response.json() == {
        "error": {
            "status": 403,
            "code": "forbidden",
            "message": f"文件是“{OWN}”的；您只能为本部门“{OTHER}”上传。",
        }
    }
    assert portal.revisions() == before and portal.leftovers() == []


def test_anonymous_upload_is_refused(portal: Portal) -> None:
    before = portal.revisions()
    response = upload(portal, None, "yongqiao.txt", edited_reference())
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    page = portal.client.get("/upload", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/upload"
    form = portal.client.post("/upload", files={"file": ("y.txt", edited_reference())}, headers={"Accept": "text/html"})
    assert form.status_code == 401 and "请先登录" in form.text and "<html" in form.text
    assert portal.revisions() == before


def test_an_oversized_upload_is_refused_by_its_declared_length(portal: Portal) -> None:
    token = portal.sign_in("staff")
    before = portal.revisions()
    response = upload(portal, token, "big.txt", edited_reference() + b" " * (MAX * 2))
    assert response.status_code == 413 and "上限为" in response.json()["error"]["message"]
    assert portal.revisions() == before and portal.leftovers() == []


def test_an_oversized_upload_is_refused_while_streaming(portal: Portal) -> None:
    """No Content-Length (chunked), or one that passes the early check: the stream is counted."""
    token = portal.sign_in("staff")
    before = portal.revisions()
    boundary = "yusuan-test-boundary"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'.encode()

    def body() -> Iterator[bytes]:
        yield head + edited_reference()
        for _ in range(10):
            yield b" " * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    response = portal.client.post(
        "/api/uploads",
        content=body(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-CSRF-Token": token},
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413, response.text
    # Just over the limit, with a Content-Length under the early check's allowance.
    response = upload(portal, token, "big.txt", edited_reference() + b" " * (MAX - 41_000))
    assert response.status_code == 413
    assert portal.revisions() == before and portal.leftovers() == []


@pytest.mark.parametrize(
    ("name", "content", "status", "reason"),
    [
        ("noise.txt", bytes(range(256)) * 40, 422, "含有二进制数据"),
        ("hello.txt", "各位同事：下周一上午九点开会。\n".encode(), 422, "看起来不是预算公开文件"),
        ("empty.txt", b"", 422, "文件为空"),
        ("secret.xlsx", None, 422, "已加密"),
        ("fake.pdf", REFERENCE.read_bytes(), 415, "与扩展名 .pdf 不符"),
        ("tool.exe", b"MZ\x90\x00", 415, "不支持这种文件类型"),
    ],
)
def test_unreadable_uploads_are_refused_with_a_reason_in_chinese(
    portal: Portal, tmp_path: Path, name: str, content: bytes | None, status: int, reason: str
) -> None:
    if content is None:
        content = build.encrypted_ole(tmp_path / name).read_bytes()
    token = portal.sign_in("staff")
    before = portal.revisions()
    response = upload(portal, token, name, content)
    assert response.status_code == status, response.text
    message = response.json()["error"]["message"]
    assert reason in message and "Traceback" not in message
    assert portal.revisions() == before and portal.leftovers() == []


# ---- deleting revisions -----------------------------------------------------------------------


def test_staff_delete_a_revision_and_the_current_one_moves_back(portal: Portal) -> None:
    token = portal.sign_in("staff")
    assert upload(portal, token, "v2.txt", edited_reference()).status_code == 201
    url = f"/api/filings/{portal.own_filing}/revisions/2"
    response = portal.client.delete(url, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    assert response.json()["current"] == 1 and portal.current_number(portal.own_filing) == 1
    with portal.store.session() as session:
        revision = session.scalars(select(Revision).where(Revision.filing_id == portal.own_filing)).all()[-1]
        assert revision.number == 2 and revision.deleted_at is not None and revision.deleted_by is not None
        assert revision.original  # kept, never erased
    assert portal.client.delete(url, headers={"X-CSRF-Token": token}).status_code == 409
    # The page twin, on the last one left: the filing has no current revision.
    page = portal.client.post(f"/filings/{portal.own_filing}/revisions/1/delete", data={"csrf": token})
    assert page.status_code == 200 and "已没有未删除的版本" in page.text
    assert portal.current_number(portal.own_filing) is None
    # Uploaded again, it is revision 3 and current.
    again = upload(portal, token, "v3.txt", edited_reference())
    assert again.json()["number"] == 3 and portal.current_number(portal.own_filing) == 3


def test_a_deleted_revision_is_shown_only_to_those_who_may_change_it(portal: Portal) -> None:
    token = portal.sign_in("staff")
    assert upload(portal, token, "v2.txt", edited_reference()).status_code == 201
    page = portal.client.get(f"/filings/{portal.own_filing}", headers={"accept": "text/html"}).text
    assert page.count('<form class="delete-revision"') == 2  # a delete button for each revision
    url = f"/api/filings/{portal.own_filing}/revisions/2"
    assert portal.client.delete(url, headers={"X-CSRF-Token": token}).status_code == 200
    shown = portal.client.get(f"/filings/{portal.own_filing}?revision=2", headers={"accept": "text/html"})
    assert shown.status_code == 200 and "已删除" in shown.text
    with TestClient(portal.client.app) as anonymous:
        hidden = anonymous.get(f"/filings/{portal.own_filing}?revision=2", headers={"accept": "text/html"})
        assert hidden.status_code == 404 and "第 2 版已删除" in hidden.text
        listing = anonymous.get(f"/filings/{portal.own_filing}", headers={"accept": "text/html"}).text
        assert "delete-revision" not in listing and f'href="/filings/{portal.own_filing}?revision=2"' not in listing
    other = TestClient(portal.client.app)
    portal.sign_in("other", other)
    assert other.get(f"/filings/{portal.own_filing}?revision=2", headers={"accept": "text/html"}).status_code == 404


def test_the_json_twin_shows_a_deleted_revision_only_to_those_who_may_change_it(portal: Portal) -> None:
    token = portal.sign_in("staff")
    assert upload(portal, token, "v2.txt", edited_reference()).status_code == 201
    url = f"/api/filings/{portal.own_filing}/revisions/2"
    assert portal.client.delete(url, headers={"X-CSRF-Token": token}).status_code == 200
    twin = f"/api/filings/{portal.own_filing}?revision=2"
    shown = portal.client.get(twin)
    assert shown.status_code == 200, shown.text
    data = shown.json()
    assert (data["revision"]["number"], data["revision"]["deleted"], data["revision"]["current"]) == (2, True, False)
    assert data["filing"]["revision"] == 1  # the current revision moved back to 1
    assert (data["audit"]["errors"], data["audit"]["warnings"]) == (4, 12)  # as docs/examples/yongqiao-2023-check.md
    for username in ("reviewer", "admin"):  # the region's reviewer and administrators may change it too
        with TestClient(portal.client.app) as other:
            portal.sign_in(username, other)
            assert other.get(twin).json()["revision"]["deleted"] is True
    with TestClient(portal.client.app) as anonymous:
        hidden = anonymous.get(twin)
        assert hidden.status_code == 404
        assert hidden.json() == {"error": {"status": 404, "code": "not_found", "message": "第 2 版已删除。"}}
        assert anonymous.get(f"/api/filings/{portal.own_filing}").json()["revision"]["number"] == 1
    with TestClient(portal.client.app) as other:
        portal.sign_in("other", other)
        assert other.get(twin).status_code == 404


def test_another_departments_staff_cannot_delete(portal: Portal) -> None:
    token = portal.sign_in("other")
    api = portal.client.delete(f"/api/filings/{portal.own_filing}/revisions/1", headers={"X-CSRF-Token": token})
    page = portal.client.post(f"/filings/{portal.own_filing}/revisions/1/delete", data={"csrf": token})
    assert (api.status_code, page.status_code) == (403, 403)
    assert portal.current_number(portal.own_filing) == 1
    with portal.store.session() as session:
        assert session.scalar(select(func.count()).where(Revision.deleted_at.is_not(None))) == 0
    missing = portal.client.delete("/api/filings/999999/revisions/1", headers={"X-CSRF-Token": token})
    assert missing.status_code == 404


def test_a_reviewer_deletes_in_their_region(portal: Portal) -> None:
    token = portal.sign_in("reviewer")
    response = portal.client.delete(f"/api/filings/{portal.other_filing}/revisions/1", headers={"X-CSRF-Token": token})
    assert response.status_code == 200 and response.json()["current"] is None


def test_anonymous_delete_is_refused(portal: Portal) -> None:
    response = portal.client.delete(f"/api/filings/{portal.own_filing}/revisions/1")
    assert response.status_code == 401 and portal.current_number(portal.own_filing) == 1


# ---- CSRF -------------------------------------------------------------------------------------


def test_requests_without_the_csrf_token_are_refused(portal: Portal) -> None:
    token = portal.sign_in("staff")
    before = portal.revisions()
    for sent in ({}, {"X-CSRF-Token": "wrong"}, {"X-CSRF-Token": ""}):
        response = portal.client.post("/api/uploads", files={"file": ("v.txt", edited_reference())}, headers=sent)
        assert response.status_code == 403 and response.json()["error"]["code"] == "csrf", sent
    # A form whose token is wrong, or comes after the file.
    wrong = portal.client.post("/upload", data={"csrf": "wrong"}, files={"file": ("v.txt", edited_reference())})
    assert wrong.status_code == 403
    boundary = "b0undary"
    late = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.txt"\r\n\r\n'.encode()
        + edited_reference()
        + f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}'.encode()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = portal.client.post(
        "/upload", content=late, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    assert response.status_code == 403
    delete = portal.client.delete(f"/api/filings/{portal.own_filing}/revisions/1")
    assert delete.status_code == 403
    assert portal.revisions() == before and portal.current_number(portal.own_filing) == 1
    # Signing out needs it too: without it, the session lives on.
    assert portal.client.post("/logout", data={}).status_code == 403
    assert portal.client.get("/api/session").json()["user"]["username"] == "staff"
    assert portal.client.post("/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert portal.client.get("/api/session").json()["user"] is None


def test_signing_in_needs_the_pre_login_token(portal: Portal) -> None:
    fresh = TestClient(portal.client.app)
    response = fresh.post("/api/session", json={"username": "staff", "password": PASSWORD})
    assert response.status_code == 403
    form = fresh.post("/login", data={"username": "staff", "password": PASSWORD, "csrf": "forged"})
    assert form.status_code == 403
    assert fresh.get("/api/session").json()["user"] is None


# ---- signing in -------------------------------------------------------------------------------


def test_login_page_signs_in_and_out(portal: Portal) -> None:
    client = portal.client
    page = client.get("/login?next=/upload")
    assert page.status_code == 200 and 'name="csrf"' in page.text
    csrf = client.cookies["yusuan_csrf"]
    wrong = client.post("/login", data={"username": "staff", "password": "nope", "csrf": csrf, "next": "/upload"})
    assert wrong.status_code == 401 and "用户名或密码不正确" in wrong.text
    response = client.post(
        "/login",
        data={"username": "staff", "password": PASSWORD, "csrf": csrf, "next": "/upload"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/upload"
    home = client.get("/")
    assert "staff" in home.text and 'action="/logout"' in home.text and 'href="/login"' not in home.text
    assert client.get("/upload").status_code == 200


def test_signing_in_again_ends_the_earlier_session(portal: Portal) -> None:
    portal.sign_in("staff")
    first = portal.client.cookies["yusuan_session"]
    portal.sign_in("reviewer")
    assert portal.client.cookies["yusuan_session"] != first
    with portal.store.session() as session:
        assert session.scalar(select(func.count()).select_from(LoginSession)) == 1
    stale = TestClient(portal.client.app, cookies={"yusuan_session": first})
    assert stale.get("/api/session").json()["user"] is None


def test_login_never_redirects_off_the_site(portal: Portal) -> None:
    client = portal.client
    client.get("/login")
    csrf = client.cookies["yusuan_csrf"]
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        data = {"username": "staff", "password": PASSWORD, "csrf": csrf, "next": target}
        response = client.post("/login", data=data, follow_redirects=False)
        assert response.headers["location"] == "/", target
        client.cookies.delete("yusuan_session")


def test_login_is_rate_limited(portal: Portal) -> None:
    client = portal.client
    csrf = client.get("/api/session").json()["csrf"]

    def attempt(username: str, password: str) -> httpx.Response:
        body = {"username": username, "password": password}
        return client.post("/api/session", json=body, headers={"X-CSRF-Token": csrf})

    for _ in range(5):
        assert attempt("staff", "wrong password").status_code == 401
    limited = attempt("staff", PASSWORD)  # even the right password, now
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
    assert 0 < int(limited.headers["Retry-After"]) <= 15 * 60
    assert attempt("admin", PASSWORD).status_code == 429  # the same address, another name


def test_the_limiter_counts_per_key_within_its_window() -> None:
    now = [0.0]
    limiter = LoginLimiter(limit=3, window=60, max_keys=4, clock=lambda: now[0])
    keys = ["addr:a", "user:u"]
    for _ in range(3):
        assert limiter.retry_after(keys) == 0
        limiter.failed(keys)
        now[0] += 10
    assert limiter.retry_after(keys) == 30 and limiter.retry_after(["user:v"]) == 0
    limiter.succeeded("user:u")
    assert limiter.retry_after(["user:u"]) == 0 and limiter.retry_after(["addr:a"]) == 30
    now[0] += 31
    assert limiter.retry_after(keys) == 0
    for key in ("k1", "k2", "k3", "k4", "k5"):
        limiter.failed([key])
    assert len(limiter._failures) <= 4


def test_passwords_are_stored_only_as_argon2_hashes(portal: Portal) -> None:
    portal.sign_in("staff")
    with portal.store.session() as session:
        hashes = session.scalars(select(Account.password_hash)).all()
        tokens = session.scalars(select(LoginSession.token_hash)).all()
    assert len(hashes) == 4 and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)
    cookie = portal.client.cookies["yusuan_session"]
    assert tokens and cookie not in tokens  # the session table holds only the token's hash


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_session_cookie_flags(portal: Portal, scheme: str) -> None:
    client = TestClient(portal.client.app, base_url=f"{scheme}://testserver")
    csrf = client.get("/api/session").json()["csrf"]
    response = client.post(
        "/api/session", json={"username": "staff", "password": PASSWORD}, headers={"X-CSRF-Token": csrf}
    )
    cookies = [c for c in response.headers.get_list("set-cookie") if c.startswith("yusuan_session=")]
    assert len(cookies) == 1
    flags = {part.strip().split("=")[0].lower() for part in cookies[0].split(";")[1:]}
    assert {"httponly", "path", "samesite", "max-age"} <= flags and "samesite=lax" in cookies[0].lower()
    assert ("secure" in flags) == (scheme == "https")
    assert "Path=/" in cookies[0]


def test_who_am_i(portal: Portal) -> None:
    assert portal.client.get("/api/session").json()["user"] is None
    portal.sign_in("reviewer")
    user: dict[str, Any] = portal.client.get("/api/session").json()["user"]
    assert (user["username"], user["role"], user["role_name"]) == ("reviewer", "reviewer", "审核人")
