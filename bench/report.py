"""Markdown tables from the benchmark JSON files (pasted into bench/RESULTS.md).

    python bench/report.py bench/out/ingest10k.json bench/out/query10k.json bench/out/http10k.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query import table as query_table  # noqa: E402


def ingest_table(data: dict[str, Any]) -> str:
    rows = ["| step | records | input MB | wall s | CPU s | records/s (wall) | records/CPU-s | MB/s | "
            "peak PSS MB (tree) | peak RSS sum MB | largest process MB | index MB | index MB / 1k records |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for s in data["steps"]:
        per_k = s["index_mb"] / max(s["records"], 1) * 1000 if "build" in s["step"] else None
        rows.append(f"| {s['step']} | {s['records']} | {s['input_mb']} | {s['wall_s']} | {s.get('cpu_s', '-')} "
                    f"| {s['records_per_s']} | {s.get('records_per_cpu_s', '-')} | {s['mb_per_s']} | {s['peak_pss_mb']} "
                    f"| {s['peak_rss_sum_mb']} | {s['max_rss_mb']} | {s['index_mb']} "
                    f"| {f'{per_k:.1f}' if per_k is not None else '(+' + str(round(s['index_mb'] - s.get('index_mb_before', 0), 1)) + ')'} |")
    ratios = data.get("ratios_ours_to_naive")
    if ratios:
        rows.append("")
        rows.append("Ratios baokan / naive: " + ", ".join(f"{k} {v}" for k, v in ratios.items()))
    rows.append(f"\nLoad average at start {tuple(round(x, 1) for x in data.get('loadavg_start', ()))}, "
                f"at end {tuple(round(x, 1) for x in data.get('loadavg_end', ()))}; code {data.get('code', '?')}")
    return "\n".join(rows)


def http_table(data: dict[str, Any]) -> str:
    rows = ["| clients | requests | ok | errors | seconds | requests/s | p50 ms | p95 ms | p99 ms | server peak PSS MB |",
            "|---|---|---|---|---|---|---|---|---|---|",
            f"| {data['clients']} | {data['requests']} | {data['ok']} | {data['errors']} | {data['seconds']} "
            f"| {data['requests_per_s']} | {data['p50_ms']} | {data['p95_ms']} | {data['p99_ms']} "
            f"| {data['server_peak_pss_mb']} |"]
    rows.append("\np95 by query kind (ms): " + ", ".join(f"{k} {v}" for k, v in data["p95_by_kind_ms"].items()))
    if data.get("errors_by_kind"):
        rows.append("Errors by query kind: " + ", ".join(f"{k} {v}" for k, v in data["errors_by_kind"].items()))
    return "\n".join(rows)


def main(paths: list[str]) -> int:
    for path in paths:
        data = json.loads(Path(path).read_text("utf-8"))
        print(f"<!-- {path} -->")
        if "steps" in data:
            print(ingest_table(data))
        elif "queries" in data:
            print(f"Warm rounds: {data.get('rounds')} in {data.get('warm_seconds')} s; load average "
                  f"{tuple(round(x, 1) for x in data.get('loadavg_start', ()))} -> "
                  f"{tuple(round(x, 1) for x in data.get('loadavg_end', ()))}; code {data.get('code', '?')}\n")
            print(query_table(data))
        elif "clients" in data:
            print(http_table(data))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
