"""Shared test helpers (no tests here): the sample pages, hostile input, real ``baokan`` processes, corpora, index reads.

Nothing of ours is mocked: every helper runs the real CLI in a subprocess or opens the
real index on disk.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import random
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from indexer.records import Caption, Record

DATA = Path(__file__).parent / "data"  # expected records, segmentation test pages
REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "webapp" / "demo_pages"  # the sample pages: one copy, served by the demo and read by the tests
SEED_NAMES = ("000_26f9c0bf5d7a20f6.txt", "004_16b43a71a00cea4c.txt")

SEED_000 = PAGES / "000_26f9c0bf5d7a20f6.txt"
SEED_004 = PAGES / "004_16b43a71a00cea4c.txt"
SEED_PAGES = (SEED_000, SEED_004)

# A hostile page: markup in the headline, the body and a photo caption must come out inert.
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'
XSS_TITLE = f"{XSS_SCRIPT}示范区{XSS_IMG}恶意标题测试"
XSS_PAGE = f"""焦作日报
2023年11月2日 星期四
第2版 综合

# {XSS_TITLE}

本报讯(记者 张三)11月1日上午,示范区召开会议。正文里有{XSS_SCRIPT}和{XSS_IMG}以及javascript:alert(1)这样的内容,用来检验网站是否正确转义。

会议强调,要把巡察整改工作抓实抓好,<b>加粗</b>不应生效。

<script>alert(2)</script>会场一角。本报记者 李四 摄
"""

SOAK = os.environ.get("BAOKAN_SOAK", "") not in ("", "0")


def baokan_cmd() -> list[str]:
    """The installed ``baokan`` entry point next to this interpreter, else ``python -m indexer.cli``."""
    script = Path(sys.executable).with_name("baokan")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "indexer.cli"]


def run_baokan(*args: str, timeout: float = 120, env: dict[str, str] | None = None,
               prefix: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
    """Run ``baokan ARGS`` to completion; stdout/stderr captured as text (undecodable bytes replaced)."""
    return subprocess.run([*prefix, *baokan_cmd(), *args], capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=REPO, text=True, errors="replace")


def seed_text(n: int) -> str:
    return (PAGES / SEED_NAMES[n % len(SEED_NAMES)]).read_text("utf-8")


def variant(text: str, tag: str) -> str:
    """The seed page with a unique marker in its first paragraphs, so its records differ from other copies."""
    text = text.replace("本报讯", f"本报讯（编号{tag}）", 1)
    return text.replace("会议", f"会议{tag}", 2)


def short_seed(n: int, chars: int = 1900) -> str:
    """The start of a seed page, cut at a blank line: a few records, cheap to parse."""
    text = seed_text(n)
    cut = text.rfind("\n\n", 0, chars)
    return text[:cut + 1] if cut > 0 else text


def make_corpus(root: Path, n_files: int, *, start: _dt.date = _dt.date(2021, 11, 1), tag: str = "K",
                short: bool = False) -> list[Path]:
    """``n_files`` dated page files (``2021-11-01_01.txt``…) made from the two seed pages, each one different."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_files):
        day = start + _dt.timedelta(days=i // 2)
        path = root / f"{day.isoformat()}_{i % 2 + 1:02d}.txt"
        page = short_seed(i) if short else seed_text(i)
        path.write_text(variant(page, f"{tag}{i:03d}"), "utf-8")
        paths.append(path)
    return sorted(paths)


def parse_records(paths: Sequence[Path]) -> dict[str, list[dict[str, Any]]]:
    """``baokan parse --json`` over the files: source name -> its records, in order."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not paths:
        return out
    proc = run_baokan("parse", "--json", *(str(Path(p).resolve()) for p in paths))
    assert proc.returncode == 0, proc.stderr
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        out[rec["source"]].append(rec)
    return dict(out)


def index_records(index_dir: Path) -> list[dict[str, Any]]:
    """Every live record in the index on disk (stored ``file`` plus the record's JSON)."""
    from whoosh import index as whoosh_index

    from indexer.index.store import INDEX_NAME

    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    rows = []
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for docnum, fields in reader.iter_docs():  # live documents only
            rows.append({"file": fields["file"], "id": fields["id"], "record": json.loads(fields["data"])})
    return rows


def stats_json(index_dir: Path) -> dict[str, Any]:
    proc = run_baokan("stats", "--index-dir", str(index_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def search_json(index_dir: Path, query: str, *extra: str) -> dict[str, Any]:
    proc = run_baokan("search", query, "--index-dir", str(index_dir), "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def rss_kb(pid: int) -> int:
    """VmRSS of a process, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def tree_rss_kb(pid: int) -> int:
    """VmRSS of a process plus its children (the ``baokan`` script may exec a child)."""
    total = rss_kb(pid)
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        for child in children.read_text().split():
            try:
                total += tree_rss_kb(int(child))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return total


# --- a real ``baokan serve`` (waitress) on loopback -------------------------------------


def free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_PRINTABLE_ASCII = "".join(chr(c) for c in range(33, 127))


class Server:
    """``baokan serve --index-dir D --port P`` on 127.0.0.1 in a subprocess (stop() ends it)."""

    def __init__(self, index_dir: Path, log: Path, threads: int = 8, workers: int = 1) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([*baokan_cmd(), "serve", "--index-dir", str(index_dir), "--host", "127.0.0.1",
                                      "--port", str(self.port), "--threads", str(threads), "--workers", str(workers)],
                                     stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO)
        self.log_path = log
        import time

        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = self.get("/api/stats", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"server did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)

    def get(self, path: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        """GET a path (already URL-encoded): status, headers, body; 4xx/5xx are returned, not raised."""
        import http.client

        from urllib.parse import quote

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", quote(path, safe=_PRINTABLE_ASCII))  # only non-ASCII, spaces, controls escaped
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def get_json(self, path: str, timeout: float = 30) -> tuple[int, Any]:
        status, _, body = self.get(path, timeout)
        return status, json.loads(body)

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.log_path.read_text(errors="replace")


# ---- generated records (search tests) ------------------------------------------

NAMES = ["李建光", "王晓东", "刘明", "张红梅", "赵小强", "郭月红", "邵俊华", "黄宁湘", "叶华", "吕沛", "官卫红"]
WORDS = ["示范区", "高新区", "项目", "建设", "发展", "科技", "创新", "企业", "MU5735", "ITO", "第5届", "0-6岁",
         "9244.2万元", "25311", "新能源", "工作汇报", "住建局", "产业园区", "焦作日报", "孟州市", "温县"]
FILLER = "的了在是和对为中上下大小多少年月日市县区镇村人民政府会议工作要求推进落实"


def generated_records(n: int, seed: int) -> list[Record]:
    """``n`` random records over a small vocabulary (names, words with digits and Latin), reproducible by ``seed``."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paras = []
        for _ in range(rng.randint(1, 4)):
            bits = [rng.choice(WORDS) if rng.random() < 0.3 else
                    (rng.choice(NAMES) if rng.random() < 0.2 else "".join(rng.choices(FILLER, k=rng.randint(1, 6))))
                    for _ in range(rng.randint(5, 30))]
            paras.append("".join(bits) + "。")
        out.append(Record(
            id=f"g{i:05d}", kind=rng.choice(["article", "article", "caption"]),
            title="".join(rng.choices(WORDS + NAMES, k=3)), body="\n".join(paras),
            reporters=tuple(rng.sample(NAMES, rng.randint(0, 2))),
            captions=(Caption("图为" + rng.choice(NAMES), (rng.choice(NAMES),)),) if rng.random() < 0.2 else (),
            region=rng.choice([None, "示范区", "温县", "孟州市", "焦作市"]),
            pub_date=f"{rng.randint(1995, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            section=rng.choice([None, None, "时评", "科技视界"]), source=f"gen{i // 10:04d}.txt",
        ))
    return out


def matching_ids(archive: Any, query: Any) -> list[str]:
    """The ids of every record ``query`` matches, in result order, through the public ``iter_results``."""
    from indexer import iter_results

    return [record.id for record in iter_results(archive, query)]


# ---- the browser (Playwright + system Chromium) ---------------------------------------
# Playwright is imported by the fixtures that launch it (tests/web/conftest.py), not here.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS_DIR = Path("/tmp/baokan-shots")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000
NO_HSCROLL = "document.scrollingElement.scrollWidth <= window.innerWidth + 1"


def require_browser() -> None:
    """Skip without ``/usr/bin/chromium``, or fail when ``BAOKAN_REQUIRE_BROWSER=1``."""
    import pytest

    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    message = f"{CHROMIUM} not found (apt-get install chromium)"
    if os.environ.get("BAOKAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"BAOKAN_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


@dataclass
class Guard:
    origin: str
    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_subresources: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        def on_dialog(dialog) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_request(request) -> None:
            if not request.url.startswith((self.origin + "/", "data:", "about:", "blob:")):
                self.outside_requests.append(request.url)

        def on_console(msg) -> None:
            # "Failed to load resource" also reports the deliberate 400/404 pages; the
            # response hook below checks subresources (CSS, JS, icon) on their own.
            if (msg.type == "error" and not msg.text.startswith("Failed to load resource")) \
                    or "Refused to" in msg.text:
                self.console_errors.append(msg.text)

        def on_response(response) -> None:
            if response.request.resource_type != "document" and response.status >= 400:
                self.bad_subresources.append(f"{response.status} {response.url}")

        def on_request_failed(request) -> None:
            # ERR_ABORTED: a load cut short by the next navigation (or a download), not a fault.
            if request.failure != "net::ERR_ABORTED":
                self.failed_requests.append(f"{request.url}: {request.failure}")

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("console", on_console)
        page.on("request", on_request)
        page.on("response", on_response)
        page.on("requestfailed", on_request_failed)

    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if "Refused to" in m or "Content Security Policy" in m]

    def check(self) -> None:
        assert not self.dialogs, f"a dialog opened (script ran): {self.dialogs}"
        assert not self.page_errors, f"script errors: {self.page_errors}"
        assert not self.csp_violations(), f"the site breaks its own CSP: {self.csp_violations()}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.outside_requests, f"requests to other hosts: {self.outside_requests}"
        assert not self.failed_requests, f"failed requests: {self.failed_requests}"
        assert not self.bad_subresources, f"subresources with an error status: {self.bad_subresources}"


class Session:
    """One browser context + page with a guard, a base URL and a screenshot helper."""

    def __init__(self, browser, base: str, shots: Path, **context_options) -> None:
        self.base = base
        self.shots = shots
        self.context = browser.new_context(base_url=base, accept_downloads=True, locale="zh-CN",
                                           **context_options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.guard = Guard(origin=base)
        self.guard.watch(self.page)

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        SHOTS_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, SHOTS_DIR / path.name)
        return path

    def close(self) -> None:
        self.context.close()


def query_of(url: str) -> dict[str, list[str]]:
    """The query string of a URL, parsed (name -> values)."""
    return parse_qs(urlsplit(url).query)


def total(page) -> int:
    """The result count a results page shows (``#total``)."""
    return int(page.locator("#total").inner_text())



# ---- the OpenAPI document (jsonschema, imported when a check runs) ----------------------


def validator(openapi, schema_name):
    """A validator for one component schema, resolving its $refs inside the document."""
    import pytest

    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry = Registry().with_resource("urn:openapi", Resource(contents=openapi, specification=DRAFT202012))
    schema = {"$ref": f"urn:openapi#/components/schemas/{schema_name}"}
    return jsonschema.Draft202012Validator(schema, registry=registry,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def assert_valid(openapi, schema_name, data):
    """``data`` matches the component schema ``schema_name`` of the OpenAPI document (the first errors shown)."""
    errors = sorted(validator(openapi, schema_name).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


# ---- the facet corpus (test_web_facets, test_browser_facets) ---------------------------

REGIONS = ("温县", "孟州市", "沁阳市", "博爱县")
REPORTERS = ("张三", "李六", "王芳", "刘洋")
CORRESPONDENTS = ("王五", "陈晨", None)
PHOTOGRAPHERS = ("赵七", "孙九")
# (date, topic): 春耕 only in March 2023 (one month, several days), 夏收 over 2023's months
DAYS = [("2022-05-10", "夏收"), ("2023-03-04", "春耕"), ("2023-03-05", "春耕"), ("2023-03-17", "春耕"),
        ("2023-03-28", "春耕"), ("2023-06-01", "夏收"), ("2023-06-15", "夏收"), ("2023-09-20", "夏收"),
        ("2024-01-08", "冬储")]
TOPICS = {"春耕": ("春耕生产推进会", "农资供应"), "夏收": ("夏收夏种工作会", "麦收进度"), "冬储": ("冬储物资调度会", "物资储备")}


def facet_page(n: int, day: str, topic: str) -> str:
    """One 焦作日报 page: two articles (reporter, maybe a correspondent) and a photo (photographer)."""
    y, m, d = (int(x) for x in day.split("-"))
    meeting, subject = TOPICS[topic]
    parts = [f"焦作日报\n{y}年{m}月{d}日 星期一\n第{n % 4 + 1}版 综合\n"]
    for k in range(2):
        region = REGIONS[(n + k) % len(REGIONS)]
        reporter = REPORTERS[(n + 2 * k) % len(REPORTERS)]
        corr = CORRESPONDENTS[(n + k) % len(CORRESPONDENTS)]
        credit = f"记者 {reporter}" + (f" 通讯员 {corr}" if corr else "")
        parts.append(f"# {region}召开{meeting}第{n}{k}号\n\n本报讯({credit}){m}月{d}日上午,{region}召开{meeting},"
                     f"部署{subject}工作。会议要求各乡镇抓好{subject}和技术指导,确保任务落实。\n\n"
                     f"会议强调,要把{topic}工作作为当前的重点工作抓实抓好。\n")
    region = REGIONS[(n + 2) % len(REGIONS)]
    parts.append(f"{region}田间{topic}忙第{n}景。本报记者 {PHOTOGRAPHERS[n % 2]} 摄\n")
    return "\n".join(parts)


# ---- the browse corpus (test_web_browse, test_browser_browse) --------------------------
# three days over two years, pages numbered out of file-name order (第1版, 第3版, 第10版), a second
# edition of page 1, a page without a page label, and an undated page


def browse_page_text(date: str | None, label: str | None, records: list[tuple[str, str, str]]) -> str:
    """A page in the paper's form: masthead lines, then "# 标题" and "本报讯(记者 X)…" per record."""
    head = ["焦作日报"] if date else []
    if date:
        y, m, d = date.split("-")
        head.append(f"{y}年{int(m)}月{int(d)}日")
    if label:
        head.append(label)
    parts = ["\n".join(head)] if head else []
    for title, reporter, body in records:
        if title:
            parts.append(f"# {title}\n\n本报讯(记者 {reporter}){body}\n\n{body[:20]}，相关工作正在推进。")
        else:  # a standalone photo: caption text with its credit
            parts.append(f"{body}本报记者 {reporter} 摄")
    return "\n\n".join(parts) + "\n"


BROWSE_PAGES: dict[str, tuple[str | None, str | None, list[tuple[str, str, str]]]] = {
    "a_20211112_1.txt": ("2021-11-12", "第1版 要闻", [
        ("市委召开常委会议研究冬季供暖", "徐金华", "11月11日,市委召开常委会议,研究部署冬季供暖保障工作。"),
        ("焦作至济源城际公交开通", "宋崇飞", "11月11日上午,焦作至济源城际公交正式开通运营。")]),
    "a_20211113_1.txt": ("2021-11-13", "第1版 要闻", [
        ("温县举办太极拳交流大会", "徐金华", "11月12日上午,温县太极拳交流大会在陈家沟开幕,各地爱好者参加交流。"),
        ("市区新增三处口袋公园", "宋崇飞", "近日,市区新增三处口袋公园,方便市民就近休闲健身。")]),
    "a_20211113_10.txt": ("2021-11-13", "第10版 副刊", [
        ("怀川秋色", "王晓", "秋天的怀川大地,山药飘香,柿子挂满枝头,处处是丰收的景象。")]),
    "a_20211113_3.txt": ("2021-11-13", "第3版 温县新闻", [
        ("温县铁棍山药进入采挖季", "李建光", "眼下,温县铁棍山药进入采挖季,田间地头一派繁忙。"),
        ("温县开展冬季消防安全检查", "付凯明", "近日,温县消防救援大队开展冬季消防安全检查。"),
        ("", "蒋鑫", "11月12日,温县农民在田间采挖铁棍山药。")]),
    "c_20211113_1.txt": ("2021-11-13", "第1版 要闻", [
        ("城乡一体化示范区召开项目观摩会", "郭树勋", "11月12日,示范区召开重点项目观摩会,现场查看项目进展。")]),
    "b_notes_20211113.txt": ("2021-11-13", None, [
        ("读者来信：希望增设公交站点", "赵凯", "读者来信反映,新建小区附近缺少公交站点,出行不便。")]),
    "a_20220305_2.txt": ("2022-03-05", "第2版 综合", [
        ("孟州市春耕生产全面展开", "付凯明", "3月4日,孟州市各乡镇春耕生产全面展开,农机具陆续下田。")]),
    "undated_notes.txt": (None, None, [
        ("修武县云台山景区开展安全演练", "王晓", "修武县云台山景区开展安全应急演练,提升应急处置能力。")]),
}
ISSUE_DAY = "2021-11-13"
# the pages of 2021-11-13 in order: by the number in the label, then the file name; unlabelled last
ISSUE_KEYS = ["1", "1-2", "3", "10", "b_notes_20211113"]


# ---- an ``ingest`` child process that a test can kill, stop and resume (tests/reliability/) ----------------

INGEST_CHILD = """
import sys
from indexer.index.ingest import ingest

def progress(done, total, written):
    print(done, total, written, flush=True)

report = ingest([sys.argv[1]], sys.argv[2], commit_every=int(sys.argv[3]), workers=2, progress=progress)
print("DONE", report.commits, flush=True)
"""


def group_alive(pgid: int) -> list[int]:
    """Pids of live (non-zombie) processes in a process group."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(entry))
    return alive


class IngestProcess:
    """One ``ingest(..., commit_every=N)`` child in its own session, its progress lines read by a thread
    (the CLI has no flag for the commit interval, so the child calls the library)."""

    def __init__(self, corpus: Path, index_dir: Path, commit_every: int) -> None:
        import queue
        import threading

        self.err_path = index_dir.parent / f"{index_dir.name}.stderr"
        with open(self.err_path, "w") as err:
            self.proc = subprocess.Popen([sys.executable, "-c", INGEST_CHILD, str(corpus), str(index_dir),
                                          str(commit_every)], stdout=subprocess.PIPE, stderr=err, text=True,
                                         cwd=REPO, start_new_session=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        with self.proc.stdout:
            for line in self.proc.stdout:
                self.lines.put(line.strip())
        self.lines.put(None)

    @property
    def stderr(self) -> str:
        return self.err_path.read_text(errors="replace")

    def wait_progress(self, k: int, timeout: float = 60) -> bool:
        """Wait until ``k`` more files were handed to the writer; False if the run ended first."""
        import queue
        import time

        deadline = time.monotonic() + timeout
        seen = 0
        while seen < k:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"ingest made no progress for {timeout} s") from None
            if line is None or line.startswith("DONE"):
                return False
            seen += 1
        return True

    def stop(self) -> bool:
        """SIGSTOP the whole process group (writer and workers) where it stands; True if it was running."""
        import signal

        if self.proc.poll() is not None:
            return False
        os.killpg(self.proc.pid, signal.SIGSTOP)
        return True

    def resume(self) -> None:
        import signal

        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGCONT)

    def kill(self) -> bool:
        """SIGKILL the ingest process (not its workers: they must go away by themselves). True if it was alive."""
        import signal
        import time

        alive = self.proc.poll() is None
        if alive:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.reader.join(timeout=30)
        deadline = time.monotonic() + 15
        while group_alive(self.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = group_alive(self.proc.pid)
        if left:  # clean up what we started, then fail: orphaned workers would keep the index lock
            os.killpg(self.proc.pid, signal.SIGKILL)
            raise AssertionError(f"ingest workers {left} outlived the killed ingest")
        return alive

    def finish(self, timeout: float = 300) -> None:
        import signal

        try:
            self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            self.reader.join(timeout=30)
        assert self.proc.returncode == 0, self.stderr
        assert "Traceback" not in self.stderr


# ---- a real Sphinx cluster: searchd processes on loopback (tests/cluster/) -------------------------------


def require_searchd() -> str:
    """The ``searchd`` binary; skips when it is missing, or fails when BAOKAN_REQUIRE_CLUSTER=1 or CI is set."""
    import pytest

    found = shutil.which("searchd")
    if found:
        return found
    message = "searchd is not installed (apt-get install sphinxsearch; .ci/run does it)"
    if os.environ.get("BAOKAN_REQUIRE_CLUSTER") == "1" or os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _ports_free(ports: Sequence[int]) -> bool:
    import socket

    for port in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


class LocalCluster:
    """``nodes`` real searchd on free loopback ports, configured by ``baokan cluster init`` into ``directory``."""

    def __init__(self, directory: Path, nodes: int = 2, query_timeout_ms: int = 1500,
                 edit_config: Callable[[str], str] | None = None) -> None:
        """``edit_config`` rewrites each node's searchd.conf before the nodes start (an older version's config)."""
        import time

        rng = random.Random()
        for _ in range(50):
            base = rng.randrange(20000, 60000, 10)
            if _ports_free([base + 10 * i + j for i in range(nodes) for j in (0, 1)]):
                break
        proc = run_baokan("cluster", "init", "--nodes", str(nodes), "--dir", str(directory), "--base-port", str(base),
                          "--query-timeout-ms", str(query_timeout_ms), "--json")
        assert proc.returncode == 0, proc.stderr
        self.layout = json.loads(proc.stdout)
        self.url: str = self.layout["url"]
        self.configs = [Path(c) for c in self.layout["configs"]]
        self.ports = [base + 10 * i for i in range(nodes)]
        if edit_config is not None:
            for config in self.configs:
                config.write_text(edit_config(config.read_text("utf-8")), "utf-8")
        started = subprocess.run(["sh", self.layout["start"]], capture_output=True, text=True, timeout=60)
        assert started.returncode == 0, started.stdout + started.stderr
        deadline = time.monotonic() + 20
        while not all(self.answers(n) for n in range(1, nodes + 1)):
            assert time.monotonic() < deadline, "searchd did not come up"
            time.sleep(0.05)

    def pid(self, node: int) -> int:
        return int((self.configs[node - 1].parent / "searchd.pid").read_text().strip())

    def answers(self, node: int) -> bool:
        """Does node ``node`` answer SphinxQL?"""
        import pymysql

        try:
            conn = pymysql.connect(host="127.0.0.1", port=self.ports[node - 1], connect_timeout=1, read_timeout=2)
        except pymysql.MySQLError:
            return False
        try:
            with conn.cursor() as cur:
                cur.execute("SHOW STATUS")
            return True
        except pymysql.MySQLError:
            return False
        finally:
            conn.close()

    def kill(self, node: int) -> None:
        """SIGKILL: the node dies as a machine would, with no shutdown."""
        import signal
        import time

        pid = self.pid(node)
        watchdog = int(Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[1])  # searchd's parent restarts it
        for victim in (watchdog, pid):
            os.kill(victim, signal.SIGKILL)
        while _alive(pid) or _alive(watchdog):
            time.sleep(0.02)

    def pause(self, node: int, paused: bool = True) -> None:
        """SIGSTOP / SIGCONT: a node that accepts connections but does not answer (a hung or overloaded machine)."""
        import signal

        os.kill(self.pid(node), signal.SIGSTOP if paused else signal.SIGCONT)

    def start(self, node: int) -> None:
        import time

        proc = subprocess.run(["searchd", "--config", str(self.configs[node - 1])], capture_output=True, text=True,
                              timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        deadline = time.monotonic() + 20
        while not self.answers(node):
            assert time.monotonic() < deadline, f"node {node} did not come back"
            time.sleep(0.05)

    def stop(self) -> None:
        for node in range(1, len(self.configs) + 1):
            try:
                self.pause(node, paused=False)
            except (OSError, ValueError):
                pass
        subprocess.run(["sh", self.layout["stop"]], capture_output=True, timeout=60)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie of ours is dead too
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


# ---- brute force over records: what a search must find (tests/searching, tests/cluster) -------------


def compact_text(text: str) -> str:
    """A text as a search term is looked for in it: normalised, whitespace removed."""
    from indexer.text.normalize import normalize_text

    return "".join(ch for ch in normalize_text(text) if not ch.isspace())


def searchable_texts(record: Record) -> list[str]:
    """The texts a search term can match, one per paragraph."""
    parts = [record.title, record.byline or "", *record.body.split("\n")]
    parts += [c.text for c in record.captions]
    parts += [*record.reporters, *record.correspondents, *record.photographers]
    parts += [p for c in record.captions for p in c.photographers]
    return [p for p in parts if p]


_compact_parts: dict[Record, list[str]] = {}


def record_contains(record: Record, term: str) -> bool:
    """Brute force: does the record contain ``term`` (normalised, whitespace ignored)?"""
    needle = compact_text(term)
    parts = _compact_parts.get(record)
    if parts is None:
        parts = _compact_parts[record] = [compact_text(part) for part in searchable_texts(record)]
    return any(needle in part for part in parts)


def brute_facets(records: Sequence[Record], term: str, filters: dict[str, str]) -> tuple[dict[str, Any], int]:
    """Facet counts (each with its own filter off) and the total, by brute force over the records."""
    from collections import Counter

    def passes(r: Record, skip: str) -> bool:
        checks = {
            "region": lambda: r.region == filters["region"],
            "kind": lambda: r.kind == filters["kind"],
            "reporter": lambda: filters["reporter"] in r.reporters,
            "section": lambda: r.section == filters["section"],
            "date": lambda: bool(r.pub_date) and filters["date_from"] <= r.pub_date <= filters["date_to"],
        }
        keys = [k for k in checks if (k in filters or (k == "date" and "date_from" in filters)) and k != skip]
        return all(checks[k]() for k in keys)

    matching = [r for r in records if not term or record_contains(r, term)]
    out: dict[str, Counter[str]] = {k: Counter() for k in ("region", "year", "month", "kind", "reporter", "section")}
    for r in matching:
        if passes(r, "region") and r.region:
            out["region"][r.region] += 1
        if passes(r, "date") and r.pub_date:
            out["year"][r.pub_date[:4]] += 1
            out["month"][r.pub_date[:7]] += 1
        if passes(r, "kind"):
            out["kind"][r.kind] += 1
        if passes(r, "reporter"):
            out["reporter"].update(r.reporters)
        if passes(r, "section") and r.section:
            out["section"][r.section] += 1
    return out, sum(1 for r in matching if passes(r, ""))
