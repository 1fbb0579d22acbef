"""HTTP benchmark: requests/s and latency of ``/api/search`` under the production server.

(Not ``bench/http.py``: a file of that name shadows the standard library's
``http`` package for every script in this directory, and whoosh imports urllib.)

Starts ``baokan serve`` (waitress) on 127.0.0.1 with a free port and the given
index, waits for it, warms it with one pass over the query mix, then runs
``--clients`` threads (urllib, keep-alive not used: one connection per request,
as a browser without keep-alive would) cycling through the mix until
``--requests`` requests or ``--seconds`` seconds, whichever comes first.
Loopback only. The server's process memory (PSS) is sampled during the load.

    nice -n 10 python bench/http_load.py --index bench/out/ix10k/ours --meta bench/out/c10k/meta.json \\
        --clients 16 --requests 800 --seconds 120 --out bench/out/http10k.json
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import code_state, percentile, tree_memory_kb  # noqa: E402
from query import query_mix  # noqa: E402

HOST = "127.0.0.1"  # loopback only


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def url_for(port: int, spec: dict[str, Any]) -> str:
    params = {"q": spec["q"]}
    for key in ("region", "date_from", "date_to", "sort", "page"):
        if key in spec:
            params[key] = str(spec[key])
    return f"http://{HOST}:{port}/api/search?{urllib.parse.urlencode(params)}"


def fetch(url: str, timeout: float = 60) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError):
        status = 0
    return status, (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--index", required=True)
    p.add_argument("--meta", required=True)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--requests", type=int, default=800)
    p.add_argument("--seconds", type=float, default=120)
    p.add_argument("--threads", type=int, default=None, help="baokan serve --threads (default: its own)")
    p.add_argument("--workers", type=int, default=1, help="baokan serve --workers (server processes)")
    p.add_argument("--out")
    p.add_argument("--server-log", default="bench/out/http-server.log", help="the server's stderr")
    args = p.parse_args(argv)
    mix = query_mix(json.loads(Path(args.meta).read_text("utf-8")))
    port = free_port()
    # ``baokan``'s entry point through the interpreter, so PYTHONPATH can choose the code tree measured
    cmd = [sys.executable, "-c", "import sys; from indexer.cli import main; sys.exit(main(sys.argv[1:]))",
           "serve", "--index-dir", args.index, "--host", HOST,
           "--port", str(port), "--workers", str(args.workers)] + (["--threads", str(args.threads)] if args.threads else [])
    Path(args.server_log).parent.mkdir(parents=True, exist_ok=True)
    server_log = open(args.server_log, "w", encoding="utf-8")
    server = subprocess.Popen(cmd, stdout=server_log, stderr=server_log, text=True)
    result: dict[str, Any] = {"index": args.index, "clients": args.clients, "command": " ".join(cmd), "code": code_state(),
                              "loadavg_start": os.getloadavg()}
    try:
        deadline = time.monotonic() + 120
        while True:
            status, _ = fetch(f"http://{HOST}:{port}/api/stats", timeout=30)
            if status == 200:
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: see {args.server_log}")
            time.sleep(0.5)
        result["startup_s"] = round(120 - (deadline - time.monotonic()), 1)
        result["server_pss_mb_idle"] = round(tree_memory_kb(server.pid)[0] / 1024)
        result["warmup_ms"] = {spec["kind"]: round(fetch(url_for(port, spec))[1], 1) for spec in mix}
        urls = [(spec["kind"], url_for(port, spec)) for spec in mix]
        samples: list[tuple[str, int, float]] = []
        lock = threading.Lock()
        counter = iter(range(args.requests))
        stop_at = time.monotonic() + args.seconds
        peak_pss = [0]

        def client(n: int) -> None:
            while time.monotonic() < stop_at:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                kind, url = urls[(i + n) % len(urls)]
                status, ms = fetch(url)
                with lock:
                    samples.append((kind, status, ms))

        def sample_memory() -> None:
            while any(t.is_alive() for t in threads):
                peak_pss[0] = max(peak_pss[0], tree_memory_kb(server.pid)[0])
                time.sleep(0.2)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        sampler = threading.Thread(target=sample_memory)
        sampler.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        sampler.join()
        result["server_pss_mb_after"] = round(tree_memory_kb(server.pid)[0] / 1024)
        ok = [ms for _, status, ms in samples if status == 200]
        result.update({
            "requests": len(samples), "ok": len(ok), "errors": len(samples) - len(ok),
            "statuses": sorted({s for _, s, _ in samples}),
            "errors_by_kind": {kind: sum(1 for k, s, _ in samples if k == kind and s != 200) for kind, _ in urls
                               if any(k == kind and s != 200 for k, s, _ in samples)},
            "seconds": round(elapsed, 1),
            "requests_per_s": round(len(samples) / elapsed, 2),
            "p50_ms": round(percentile(ok, 50), 1) if ok else None,
            "p95_ms": round(percentile(ok, 95), 1) if ok else None,
            "p99_ms": round(percentile(ok, 99), 1) if ok else None,
            "server_peak_pss_mb": round(peak_pss[0] / 1024),
            "p95_by_kind_ms": {kind: round(percentile([ms for k, s, ms in samples if k == kind and s == 200], 95), 1)
                               for kind, _ in urls if any(k == kind and s == 200 for k, s, _ in samples)},
        })
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    result["loadavg_end"] = os.getloadavg()
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
