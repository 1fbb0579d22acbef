"""Ingest benchmark: baokan's ingest against the naive baseline, on the same corpus, in one run.

For each system: a fresh build of CORPUS, then a daily increment (DAY's pages)
into a copy of the built index. Every step runs as its own process (baokan's
through its real CLI, ``baokan ingest --json``), measured from outside: wall
time, peak memory of the whole process tree (workers included), index size.

    nice -n 10 python bench/ingest.py --corpus bench/out/c10k --day bench/out/day \\
        --work bench/out/ix10k --out bench/out/ingest10k.json [--compact]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import code_state, dir_bytes, run_measured  # noqa: E402

PY = sys.executable
BAOKAN = str(Path(PY).with_name("baokan"))
HERE = Path(__file__).resolve().parent


def corpus_bytes(root: str) -> int:
    return sum(p.stat().st_size for p in Path(root).rglob("*.txt"))


def step(name: str, cmd: list[str], index_dir: str, input_bytes: int, log: Any) -> dict[str, Any]:
    log(f"{name}: {' '.join(cmd)}")
    m = run_measured(cmd)
    if m.returncode not in (0, 3):  # 3: some files skipped (reported in the JSON)
        raise SystemExit(f"{name} failed ({m.returncode}):\n{m.stderr[-3000:]}")
    report = json.loads(m.stdout[m.stdout.index("{"):])
    records = report.get("records_added", report.get("records", 0))
    size = dir_bytes(index_dir)
    out = {
        "step": name, "records": records, "input_mb": round(input_bytes / 1e6, 2),
        "wall_s": round(m.wall_s, 2), "inner_s": report.get("seconds"),
        "cpu_s": round(m.cpu_s, 1), "records_per_cpu_s": round(records / max(m.cpu_s, 1e-9), 1),
        "records_per_s": round(records / m.wall_s, 1), "mb_per_s": round(input_bytes / 1e6 / m.wall_s, 3),
        "peak_pss_mb": round(m.peak_pss_mb), "peak_rss_sum_mb": round(m.peak_rss_sum_mb),
        "max_rss_mb": round(m.max_rss_mb), "index_mb": round(size / 1e6, 1),
        "report": {k: v for k, v in report.items() if k not in ("skipped", "files_without_records")},
        "skipped": len(report.get("skipped", [])),
    }
    log(json.dumps(out, ensure_ascii=False))
    return out


def by_step(results: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in results["steps"] if s["step"] == name)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", required=True)
    p.add_argument("--day", required=True, help="one day's pages (bench/corpus.py --day)")
    p.add_argument("--work", required=True, help="directory for the indexes (recreated)")
    p.add_argument("--out", required=True, help="JSON results file")
    p.add_argument("--systems", default="ours,naive")
    p.add_argument("--workers", type=int, default=None, help="baokan ingest --workers")
    p.add_argument("--compact", action="store_true", help="then `baokan compact` the built index (measured too)")
    args = p.parse_args(argv)

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    logf = open(work / "ingest.log", "a", encoding="utf-8")

    def log(msg: str) -> None:
        line = f"{time.strftime('%H:%M:%S')} {msg}"
        print(line, flush=True)
        logf.write(line + "\n")
        logf.flush()

    total = corpus_bytes(args.corpus)
    day_bytes = corpus_bytes(args.day)
    results: dict[str, Any] = {"corpus": args.corpus, "corpus_mb": round(total / 1e6, 2), "day": args.day,
                               "nproc": os.cpu_count(), "code": code_state(), "loadavg_start": os.getloadavg(), "steps": []}
    for system in args.systems.split(","):
        ix = work / system
        inc = work / f"{system}_inc"
        for d in (ix, inc):
            shutil.rmtree(d, ignore_errors=True)
        if system == "ours":
            extra = ["--workers", str(args.workers)] if args.workers else []
            build = [BAOKAN, "ingest", args.corpus, "--index-dir", str(ix), "--rebuild", "--json", *extra]
            increment = [BAOKAN, "ingest", args.day, "--index-dir", str(inc), "--json", *extra]
        else:
            build = [PY, str(HERE / "naive.py"), "build", args.corpus, str(ix)]
            increment = [PY, str(HERE / "naive.py"), "add", args.day, str(inc)]
        results["steps"].append(step(f"{system} build", build, str(ix), total, log))
        shutil.copytree(ix, inc)
        r = step(f"{system} increment", increment, str(inc), day_bytes, log)
        r["index_mb_before"] = results["steps"][-1]["index_mb"]
        results["steps"].append(r)
        shutil.rmtree(inc, ignore_errors=True)
        if system == "ours" and args.compact:
            r = step("ours compact", [BAOKAN, "compact", "--index-dir", str(ix), "--json"], str(ix), total, log)
            r["index_mb_before"] = by_step(results, "ours build")["index_mb"]
            results["steps"].append(r)
    results["loadavg_end"] = os.getloadavg()
    by = {s["step"]: s for s in results["steps"]}
    if "ours build" in by and "naive build" in by:
        o, n = by["ours build"], by["naive build"]
        results["ratios_ours_to_naive"] = {
            "build_time": round(o["wall_s"] / n["wall_s"], 2),
            "build_cpu": round(o["cpu_s"] / n["cpu_s"], 2),
            "peak_pss": round(o["peak_pss_mb"] / n["peak_pss_mb"], 2),
            "index_size": round(o["index_mb"] / n["index_mb"], 2),
            "increment_time": round(by["ours increment"]["wall_s"] / by["naive increment"]["wall_s"], 2),
            "increment_cpu": round(by["ours increment"]["cpu_s"] / by["naive increment"]["cpu_s"], 2),
        }
        if "ours compact" in by:
            results["ratios_ours_to_naive"]["index_size_compacted"] = round(by["ours compact"]["index_mb"] / n["index_mb"], 2)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    log(json.dumps(results.get("ratios_ours_to_naive", {})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
