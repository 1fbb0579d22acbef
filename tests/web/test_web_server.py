"""App factory configuration and ``baokan serve``: demo archive into an empty index, then waitress."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import free_port

import webapp.server
from indexer.index.store import index_exists
from webapp import create_app, get_archive
from webapp.server import DEMO_PAGES


def test_config_defaults_then_environment_then_test_config(monkeypatch, tmp_path):
    monkeypatch.delenv("BAOKAN_INDEX_DIR", raising=False)
    monkeypatch.delenv("FLASK_INDEX_DIR", raising=False)
    assert create_app().config["INDEX_DIR"] == "index_data"
    monkeypatch.setenv("FLASK_INDEX_DIR", str(tmp_path / "flask"))
    assert create_app().config["INDEX_DIR"] == str(tmp_path / "flask")
    monkeypatch.setenv("BAOKAN_INDEX_DIR", str(tmp_path / "baokan"))
    assert create_app().config["INDEX_DIR"] == str(tmp_path / "baokan")
    monkeypatch.setenv("BAOKAN_PAPER", "焦作晚报")
    app = create_app({"INDEX_DIR": str(tmp_path / "test")})
    assert app.config["INDEX_DIR"] == str(tmp_path / "test") and app.config["PAPER"] == "焦作晚报"
    assert app.json.ensure_ascii is False


def test_an_app_dropped_without_closing_closes_its_index_files(seed_index_dir):
    """A Flask app sits in reference cycles; its archive's files must be closed when the cycle
    is collected, not left to the file objects' finalizers (a ResourceWarning, in no set order)."""
    import gc
    import warnings

    unraisable: list[str] = []
    hook, sys.unraisablehook = sys.unraisablehook, lambda u: unraisable.append(repr(u.exc_value))
    gc.disable()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            for _ in range(5):  # the finalizers' order varies: several rounds make the old bug certain
                app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir)})
                assert app.test_client().get("/search?q=焦作").status_code == 200
                del app
                gc.collect()
    finally:
        gc.enable()
        sys.unraisablehook = hook
    assert [str(w.message) for w in caught] == [] and unraisable == []


def test_one_archive_per_app_opened_lazily(app, tmp_path):
    with app.app_context():
        assert get_archive() is get_archive()
        assert get_archive().index_dir == app.config["INDEX_DIR"]
    other = create_app({"INDEX_DIR": str(tmp_path / "missing")})  # creating an app opens nothing
    with other.app_context():
        assert get_archive().index_dir == str(tmp_path / "missing")


def test_new_records_are_searchable_without_a_restart(tmp_path):
    from indexer.index.ingest import ingest

    from helpers import SEED_PAGES

    index_dir = tmp_path / "index"
    ingest([str(SEED_PAGES[0])], str(index_dir), workers=1)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    before = client.get("/api/stats").json["records"]
    assert client.get("/api/search", query_string={"q": "项目谋划"}).json["total"] == 0
    ingest([str(SEED_PAGES[1])], str(index_dir), workers=1)
    assert client.get("/api/search", query_string={"q": "项目谋划"}).json["total"] > 0
    assert client.get("/api/stats").json["records"] > before
    assert "项目谋划" in client.get("/search", query_string={"q": "项目谋划"}).text


def test_demo_pages_are_shipped():
    pages = sorted(p.name for p in DEMO_PAGES.iterdir())
    assert {"000_26f9c0bf5d7a20f6.txt", "004_16b43a71a00cea4c.txt", "sample"} <= set(pages)
    assert any((DEMO_PAGES / "sample").glob("*_示例数据.txt"))  # the invented pages, in the subfolder
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8")
    assert '"demo_pages/sample/*"' in pyproject  # package data globs do not descend into folders


def test_serve_builds_the_demo_archive_into_an_empty_index(monkeypatch, tmp_path):
    served = {}

    def fake_serve(app, **kwargs):
        served["app"], served["kwargs"] = app, kwargs

    monkeypatch.setattr("waitress.serve", fake_serve)
    index_dir = str(tmp_path / "fresh")
    port = free_port()  # serve() binds the port first: a fixed one could be taken on this machine
    assert webapp.server.serve(index_dir=index_dir, host="127.0.0.1", port=port, threads=3) == 0
    assert index_exists(index_dir)
    assert served["kwargs"] == {"host": "127.0.0.1", "port": port, "threads": 3, "ident": "baokan"}
    client = served["app"].test_client()
    stats = client.get("/api/stats").json
    assert stats["records"] > 0
    assert client.get("/api/search", query_string={"q": "巡察"}).json["total"] > 0
    # a second start finds the archive and does not ingest again
    monkeypatch.setattr(webapp.server, "build_demo_archive", lambda *a, **k: pytest.fail("ingested twice"))
    assert webapp.server.serve(index_dir=index_dir, port=free_port()) == 0


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_baokan_serve_runs_a_real_server(tmp_path):
    """The CLI on a fresh index directory: demo archive, then waitress answers pages and API."""
    port = free_port()
    env = {**os.environ, "BAOKAN_INDEX_DIR": ""}
    baokan = Path(sys.executable).with_name("baokan")
    cmd = [str(baokan)] if baokan.exists() else [sys.executable, "-m", "indexer.cli"]
    import resource

    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]

    def low_soft_limit() -> None:  # as a default systemd/login session would give (1,024); 256 here
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))

    proc = subprocess.Popen([*cmd, "serve", "--index-dir", str(tmp_path / "idx"), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, preexec_fn=low_soft_limit)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stderr.read().decode() if proc.poll() is not None else "timeout")
                time.sleep(0.3)
        assert status == 200
        assert "焦作日报档案检索" in body.decode()
        assert headers["Server"] == "baokan"  # no version
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        status, _, body = _get(f"http://127.0.0.1:{port}/api/search?q=%E5%B7%A1%E5%AF%9F")
        assert status == 200 and json.loads(body)["total"] > 0
        status, _, body = _get(f"http://127.0.0.1:{port}/api/search?page=-1")
        assert status == 400 and json.loads(body)["ok"] is False
        limits = Path(f"/proc/{proc.pid}/limits").read_text()
        soft = next(line.split()[3] for line in limits.splitlines() if line.startswith("Max open files"))
        assert soft == (str(hard) if hard != resource.RLIM_INFINITY else "65535")  # lifted at start
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_baokan_serve_on_a_busy_port_says_so_and_exits(tmp_path):
    """Another process listens on the port: one clear line, a non-zero status, no traceback,
    no "serving …" announced and no demo archive built first."""
    env = {**os.environ, "BAOKAN_INDEX_DIR": ""}
    baokan = Path(sys.executable).with_name("baokan")
    cmd = [str(baokan)] if baokan.exists() else [sys.executable, "-m", "indexer.cli"]
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run([*cmd, "serve", "--index-dir", str(tmp_path / "idx"), "--port", str(port)],
                              capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines == [f"baokan: 端口 {port} 已被占用（address already in use）；用 --port 换一个端口"], done.stderr
    assert not (tmp_path / "idx").exists()  # refused before the demo ingest
