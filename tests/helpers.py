"""Shared test helpers (no tests here): the sample pages, hostile input, real ``baokan`` processes, corpora, index reads.

Nothing of ours is mocked: every helper runs the real CLI in a subprocess or opens the
real index on disk.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import random
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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

    def __init__(self, index_dir: Path, log: Path, threads: int = 8) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([*baokan_cmd(), "serve", "--index-dir", str(index_dir), "--host", "127.0.0.1",
                                      "--port", str(self.port), "--threads", str(threads)],
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
