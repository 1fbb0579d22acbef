"""``baokan serve``: build the demo archive into an empty index, then serve with waitress."""
from __future__ import annotations

import errno
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

from indexer.errors import BaokanError
from indexer import index_exists
from indexer import Archive

DEMO_PAGES = Path(__file__).with_name("demo_pages")


def _say(message: str) -> None:
    print(f"baokan: {message}", file=sys.stderr, flush=True)


def index_is_empty(index_dir: str) -> bool:
    """True when there is no index or it holds no records."""
    if not index_exists(index_dir):
        return True
    from indexer import archive_stats

    return archive_stats(Archive(index_dir)).records == 0


def build_demo_archive(index_dir: str, pages: Path = DEMO_PAGES) -> int:
    """Ingest the sample pages shipped in ``webapp/demo_pages/``; returns the records added."""
    from indexer import ingest

    _say(f"索引为空，正在用示例版面建立演示档案：{pages} -> {index_dir}")
    report = ingest([str(pages)], index_dir)
    for line in report.summary_lines():
        _say(line)
    return report.records_added


def raise_open_file_limit() -> None:
    """Lift the soft limit on open files to the hard one.

    Each server thread keeps its own searcher, and a searcher holds some 16 files
    per index segment: a large uncompacted index under 8 threads needs thousands,
    past the usual soft default of 1,024 (Elasticsearch asks for 65,535 likewise).
    """
    try:
        import resource
    except ImportError:  # not on POSIX
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else max(soft, 65535), hard))
        except (ValueError, OSError):
            pass


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on, as one line for the user; None when it can.

    Binds (and releases) every address the host resolves to, as waitress will, with the
    same SO_REUSEADDR: a port another process listens on is refused here, before any
    demo ingest and before the site is announced.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, OverflowError) as exc:
        return f"无法监听 {host}:{port}：主机名无法解析（{getattr(exc, 'strerror', None) or exc}）"
    for family, socktype, proto, _, address in infos:
        try:
            with socket.socket(family, socktype, proto) as probe:
                if sys.platform != "win32":
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
        except OSError as exc:
            return listen_error(host, port, exc)
    return None


def listen_error(host: str, port: int, exc: OSError) -> str:
    """One line for an OSError from binding ``host:port``."""
    if exc.errno == errno.EADDRINUSE:
        return f"端口 {port} 已被占用（address already in use）；用 --port 换一个端口"
    if exc.errno == errno.EACCES:
        return f"无权监听端口 {port}（permission denied）；用 --port 换一个 1024 以上的端口"
    return f"无法监听 {host}:{port}：{exc.strerror or exc}"


def serve(index_dir: str, host: str = "127.0.0.1", port: int = 8000, threads: int = 8, workers: int = 1) -> int:
    """Serve the site (production WSGI server, not Flask's debug one); returns an exit status.

    ``workers`` > 1 serves from that many processes (see ``serve_workers``).
    """
    import waitress

    from webapp import create_app

    problem = port_problem(host, port)
    if problem:  # before the demo ingest and before "serving …"
        _say(problem)
        return 1
    raise_open_file_limit()
    try:
        if index_is_empty(index_dir):
            build_demo_archive(index_dir)
    except BaokanError as exc:
        _say(f"无法建立演示档案：{exc}")
        return 1
    from indexer import warm_up

    warm_up()  # rjieba's dictionary and the character map load now, not during the first visitor's search
    if workers > 1:
        return serve_workers(index_dir, host, port, threads, workers)
    app = create_app({"INDEX_DIR": index_dir})
    open_snapshot(app)
    _say(f"serving http://{host}:{port}/  (index: {index_dir})")
    try:
        # ident: the Server header says "baokan", no version.
        waitress.serve(app, host=host, port=port, threads=threads, ident="baokan")
    except OSError as exc:  # taken between the check and waitress's own bind
        _say(listen_error(host, port, exc))
        return 1
    return 0


def open_snapshot(app: Any) -> None:
    """Open the index and its facet columns now, not in the first visitor's request.

    The snapshot is this (main) thread's; it keeps the per-segment facet rows and columns
    cached, so each server thread's own snapshot then opens in milliseconds. A missing or
    locked index is left to the requests, which answer 503 as they would anyway.
    """
    from indexer import warm_up
    from webapp import get_archive

    with app.app_context():
        try:
            warm_up(get_archive())
        except BaokanError:
            pass


class WorkerHeader:
    """WSGI middleware: ``X-Baokan-Worker: 2`` on every response, naming the process that answered."""

    def __init__(self, app: Any, number: int) -> None:
        self.app, self.header = app, ("X-Baokan-Worker", str(number))

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response(status, [*headers, self.header], exc_info)

        return self.app(environ, start)


def serve_workers(index_dir: str, host: str, port: int, threads: int, workers: int) -> int:
    """Pre-fork serving: one listening socket, ``workers`` processes accepting on it.

    Searching is CPU-bound Python, so one process uses one core whatever its thread
    count; N processes use N. The master binds the socket and loads rjieba's
    dictionary and the normalisation table before forking (the children share those
    pages), then only waits: each child opens the index itself (its own ``Archive``,
    so its own file handles) and, like the single process, sees each new commit at its
    next request. A child that dies is replaced; SIGTERM or Ctrl-C stops them all.
    """
    import signal
    import threading

    import waitress

    from webapp import create_app

    try:
        sockets = []
        for family, socktype, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                                      flags=socket.AI_PASSIVE):
            sock = socket.socket(family, socktype, proto)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
            sock.listen(1024)
            sock.setblocking(False)
            sockets.append(sock)
    except OSError as exc:
        _say(listen_error(host, port, exc))
        return 1
    master = os.getpid()

    def run_child(number: int) -> None:
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the master, which stops us

        def watch_master() -> None:  # the master killed outright (kill -9): do not linger
            while os.getppid() == master:
                time.sleep(1)
            os._exit(0)

        threading.Thread(target=watch_master, daemon=True).start()
        flask_app = create_app({"INDEX_DIR": index_dir})
        open_snapshot(flask_app)  # before accepting: a worker's first request does not open the index
        app = WorkerHeader(flask_app, number)
        waitress.create_server(app, sockets=sockets, threads=threads, ident="baokan").run()
        os._exit(0)

    children: dict[int, int] = {}  # pid -> worker number

    def spawn(number: int) -> None:
        pid = os.fork()
        if pid == 0:
            try:
                run_child(number)
            finally:
                os._exit(1)
        children[pid] = number

    stopping = False

    def stop(*_: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for number in range(1, workers + 1):
        spawn(number)
    _say(f"serving http://{host}:{port}/  (index: {index_dir}; {workers} 个进程，每个 {threads} 个线程)")
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        number = children.pop(pid, None)
        if number is not None and not stopping:
            _say(f"工作进程 {number}（pid {pid}）意外退出（状态 {os.waitstatus_to_exitcode(status)}），正在重启")
            time.sleep(0.5)  # a child that cannot start must not spin the master
            spawn(number)
    for sock in sockets:
        sock.close()
    return 0
