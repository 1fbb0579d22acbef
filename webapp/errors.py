"""Every error becomes a response here, in one place: an HTML page or ``{"ok": false, ...}``.

``BaokanError`` subclasses map to status codes by class; HTTP errors (404, 405…)
get the same two shapes; anything unexpected is logged and answered with a
plain 500 page that shows no traceback, path or version. Security headers are
added to every response, errors included.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import (BaokanError, ClusterUnavailable, IndexDamaged, IndexMissing, IndexProblem, InvalidInput,
                            RecordNotFound)

STATUS_BY_ERROR: tuple[tuple[type[BaokanError], int], ...] = (
    (InvalidInput, 400),  # QueryError: page=abc, 未知地区, 检索式过长…
    (RecordNotFound, 404),
    (IndexProblem, 503),  # index missing, locked or built with other settings
)

HTTP_MESSAGES = {
    400: "请求无效",
    404: "页面不存在",
    405: "不支持这种请求方法",
    413: "请求过大",
    414: "网址过长",
    431: "请求头过大",
    500: "服务器内部错误，请稍后再试",
    503: "服务暂时不可用",
}

TITLES = {400: "请求有误", 404: "未找到", 405: "请求方法不允许", 503: "服务暂时不可用"}

# The site's own CSS/JS only; inline SVG charts use attributes, never style="".
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def wants_json() -> bool:
    """The API, the exports and the citation downloads answer errors in JSON; pages answer in HTML."""
    path = request.path
    return (path.startswith("/api/") or path == "/api" or path.startswith("/export.")
            or path.endswith((".ris", ".bib")))


def error_response(message: str, status: int) -> Response:
    """The one error body: ``{"ok": false, "error": "...", "status": N}`` or the error page."""
    if wants_json():
        response = jsonify({"ok": False, "error": message, "status": status})
    else:
        q = request.args.get("q", "")
        html = render_template("error.html", message=message, status=status,
                               title=TITLES.get(status, "出错了"), q=q[:1000])
        response = Response(html, mimetype="text/html")
    response.status_code = status
    return response


def status_of(exc: BaokanError) -> int:
    for cls, status in STATUS_BY_ERROR:
        if isinstance(exc, cls):
            return status
    return 500


def handle_baokan_error(exc: BaokanError) -> Response:
    status = status_of(exc)
    if status >= 500:
        # The message may name server paths ("/srv/index 中没有索引"): log it, show a generic one.
        current_app.logger.error("baokan error on %s: %s", request.path, exc)
        if isinstance(exc, IndexMissing):
            message = "档案索引尚未建立：请先运行 baokan ingest 或 baokan serve"
        elif isinstance(exc, IndexDamaged):
            message = "索引已损坏，暂时无法检索：请管理员运行 baokan check --repair，或用 baokan restore 从备份恢复"
        elif isinstance(exc, ClusterUnavailable):  # names the node by number, not by its address
            message = exc.public_message
        elif isinstance(exc, IndexProblem):
            message = "索引暂时不可用，请稍后再试"
        else:
            message = HTTP_MESSAGES[500]
        return error_response(message, status)
    return error_response(str(exc), status)


def handle_http_error(exc: HTTPException) -> HTTPException | Response:
    if exc.code is None or exc.code < 400:  # redirects (e.g. a missing trailing slash) pass through
        return exc
    response = error_response(HTTP_MESSAGES.get(exc.code, exc.name), exc.code)
    if exc.code == 405:  # keep "Allow: GET, HEAD, OPTIONS"
        for name, value in exc.get_headers():
            if name.lower() == "allow":
                response.headers["Allow"] = value
    return response


def handle_unexpected(exc: Exception) -> Response:
    current_app.logger.exception("unhandled error on %s", request.path)
    return error_response(HTTP_MESSAGES[500], 500)


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(BaokanError, handle_baokan_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
    app.after_request(add_security_headers)
