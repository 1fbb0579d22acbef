"""The ``baokan`` command: a thin layer of argument parsing over the library."""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Sequence

from indexer.errors import BaokanError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_DAMAGED = 2  # check/backup: the index (or the copy) is damaged
EXIT_SKIPPED = 3  # ingest/parse finished, but some input files were skipped


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _err(message: str) -> None:
    sys.stderr.write(f"baokan: {message}\n")


def _cmd_parse(args: argparse.Namespace) -> int:
    from indexer import load_gazetteer
    from indexer import load_manifest
    from indexer import parse_file

    gazetteer = load_gazetteer(args.gazetteer)
    manifest = load_manifest(args.manifest) if args.manifest else None
    status = EXIT_OK
    for path in args.files:
        try:
            if args.explain:
                _explain(path, manifest, gazetteer)
                continue
            page = parse_file(path, manifest=manifest, gazetteer=gazetteer)
        except BaokanError as exc:
            _err(str(exc))
            status = EXIT_SKIPPED
            continue
        for record in page.records:
            if args.json:
                _print_json(record.to_dict())
            else:
                kind = "图片" if record.kind == "caption" else "文章"
                sys.stdout.write(f"{record.id}\t{kind}\t{record.pub_date or '-'}\t{record.region or '-'}\t{record.title}\n")
        if args.debug:
            for part in page.dropped:
                sys.stderr.write(f"dropped\t{page.source}\t{json.dumps(part, ensure_ascii=False)}\n")
    return status


def _explain(path: str, manifest: object, gazetteer: object) -> None:
    """``baokan parse --explain``: "  12  headline  followed by a dateline or byline (+4)  温县举办太极拳比赛"."""
    from indexer import explain_file

    page, lines = explain_file(path, manifest=manifest, gazetteer=gazetteer)
    out = sys.stdout
    out.write(f"== {page.source}: {len(page.records)} records ({page.meta.paper or '-'} {page.meta.pub_date or '-'} "
              f"{page.meta.page or ''})\n")
    if page.meta.staff:
        out.write("     staff: " + "  ".join(f"{role}：{name}" for role, name in page.meta.staff) + "\n")
    for line in lines:
        text = line.text.strip()
        text = text if len(text) <= 40 else text[:39] + "…"
        out.write(f"{line.number:>4}  {line.role:<12}  {text}\n      {'':<12}  └ {line.reason}\n")


DEFAULT_INDEX_DIR = "index_data"


def _index_dir(args: argparse.Namespace) -> str:
    import os

    return args.index_dir or os.environ.get("BAOKAN_INDEX_DIR") or DEFAULT_INDEX_DIR


def _backend(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """``--backend`` if given; else ``--index-dir``; else $BAOKAN_BACKEND; else Whoosh in $BAOKAN_INDEX_DIR/index_data."""
    import os

    if getattr(args, "backend", None):
        spec = args.backend
    elif args.index_dir:
        spec = "whoosh:" + args.index_dir
    else:
        spec = os.environ.get("BAOKAN_BACKEND") or "whoosh:" + _index_dir(args)
    if spec.startswith("whoosh:") and spec != "whoosh:":  # the embedded index: the cluster package stays unloaded
        from indexer import WhooshBackend

        return WhooshBackend(spec[len("whoosh:"):])
    from indexer import open_backend

    return open_backend(spec)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from indexer import load_gazetteer
    from indexer import Progress
    from indexer import load_manifest

    gazetteer = load_gazetteer(args.gazetteer)
    manifest = load_manifest(args.manifest) if args.manifest else None
    report = _backend(args).ingest(args.paths, manifest=manifest, gazetteer=gazetteer, rebuild=args.rebuild,
                                   workers=args.workers, progress=None if args.json else Progress())
    if args.json:
        _print_json(report.to_dict())
    else:
        for line in report.summary_lines():
            sys.stderr.write(line + "\n")
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def _cmd_compact(args: argparse.Namespace) -> int:
    from indexer import compact_index

    report = compact_index(_index_dir(args))
    if args.json:
        _print_json(report.to_dict())
    else:
        for line in report.summary_lines():
            sys.stderr.write(line + "\n")
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    from indexer import SearchQuery

    # --region 温县 --region 孟州市: records of either, as region=温县&region=孟州市 on the site
    params = {"q": args.query, "region": args.region or [], "date_from": args.date_from or "",
              "date_to": args.date_to or "", "kind": args.kind or [], "reporter": args.reporter or [],
              "photographer": args.photographer or [], "correspondent": args.correspondent or [],
              "section": args.section or [], "sort": args.sort, "page": str(args.page),
              "page_size": str(args.page_size)}
    page = _backend(args).search(SearchQuery.from_params(params))
    if args.json:
        _print_json(page.to_dict())
        return EXIT_OK
    out = sys.stdout
    out.write(f"检索式：{page.understood or '（全部）'}  共 {page.total} 条  第 {page.query.page}/{page.pages} 页  "
              f"{page.took_ms:.0f} 毫秒\n")
    for note in page.notes:
        out.write(f"提示：{note}\n")
    for n, hit in enumerate(page.hits, (page.query.page - 1) * page.query.page_size + 1):
        plain = re.sub(r"</?mark>", "", hit.snippet_html)
        out.write(f"{n:>4}. [{hit.pub_date or '日期不详'}] {hit.title or '（图片）'}  {hit.region or ''}  "
                  f"{'、'.join(hit.reporters)}  id={hit.id}\n      {html.unescape(plain)}\n")
    return EXIT_OK


def _cmd_stats(args: argparse.Namespace) -> int:
    from indexer import FIELD_LABELS

    stats = _backend(args).stats()
    if args.json:
        _print_json(stats.to_dict())
        return EXIT_OK
    out = sys.stdout
    out.write(f"记录 {stats.records} 条  日期 {stats.date_range[0] or '-'} 至 {stats.date_range[1] or '-'}  "
              f"索引 {stats.index_bytes / 1e6:.1f} MB\n")
    for name, counts in (("kind", stats.by_kind), ("region", stats.by_region), ("year", stats.by_year)):
        out.write(f"{FIELD_LABELS[name]}：" + "  ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    return EXIT_OK


def _emit(args: argparse.Namespace, data: dict[str, object], lines: list[str]) -> None:
    """A report on stdout: its JSON with --json, else its Chinese summary lines."""
    if args.json:
        _print_json(data)
    else:
        sys.stdout.write("".join(line + "\n" for line in lines))


def _cmd_check(args: argparse.Namespace) -> int:
    from indexer import check_index, repair_index

    index_dir = _index_dir(args)
    if args.repair:
        repaired = repair_index(index_dir)
        report = check_index(index_dir)
        _emit(args, {"repair": repaired.to_dict(), "check": report.to_dict()},
              repaired.summary_lines() + report.summary_lines())
    else:
        report = check_index(index_dir)
        _emit(args, report.to_dict(), report.summary_lines())
    return EXIT_OK if report.ok else EXIT_DAMAGED


def _cmd_backup(args: argparse.Namespace) -> int:
    from indexer import backup_index

    report = backup_index(_index_dir(args), args.dest, copy=args.copy)
    _emit(args, report.to_dict(), report.summary_lines())
    return EXIT_OK if report.check.ok else EXIT_DAMAGED


def _cmd_restore(args: argparse.Namespace) -> int:
    from indexer import restore_index

    report = restore_index(args.source, _index_dir(args))
    _emit(args, report.to_dict(), report.summary_lines())
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    # The CLI is the composition root: the web layer is imported only for this command.
    from webapp.server import serve

    if args.backend:  # the app reads BAOKAN_BACKEND (webapp.get_backend); the demo archive is Whoosh's only
        import os

        os.environ["BAOKAN_BACKEND"] = args.backend
    return serve(index_dir=_index_dir(args), host=args.host, port=args.port, threads=args.threads,
                 workers=args.workers)


def _cmd_cluster_init(args: argparse.Namespace) -> int:
    from indexer import write_cluster

    layout = write_cluster(args.dir, args.nodes, args.base_port, args.host, args.query_timeout_ms)
    if args.json:
        _print_json({"url": layout.url, "configs": [str(c) for c in layout.configs], "start": str(layout.start),
                     "stop": str(layout.stop)})
        return EXIT_OK
    for node, conf in zip(layout.nodes, layout.configs):
        sys.stderr.write(f"{node.label}：{conf}\n")
    sys.stderr.write(f"启动：sh {layout.start}    停止：sh {layout.stop}\n")
    sys.stdout.write(f"--backend {layout.url}\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baokan", description="焦作日报 archive search: parse, index, search, serve.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse page files into records (JSON Lines with --json)")
    p.add_argument("files", nargs="+", help="page text files")
    p.add_argument("--json", action="store_true", help="one JSON object per record")
    p.add_argument("--manifest", help="CSV or JSON sidecar mapping file -> date, page, paper")
    p.add_argument("--gazetteer", help="region gazetteer JSON (default: the bundled 焦作 one)")
    p.add_argument("--debug", action="store_true", help="report dropped boilerplate/layout on stderr")
    p.add_argument("--explain", action="store_true",
                   help="print every line with the role it got (headline, byline, body, ...) and the main reason")
    p.set_defaults(func=_cmd_parse)

    def index_dir_arg(p: argparse.ArgumentParser, backend: bool = True) -> None:
        p.add_argument("--index-dir", help=f"index directory (default: $BAOKAN_INDEX_DIR or {DEFAULT_INDEX_DIR})")
        if backend:
            p.add_argument("--backend", help="whoosh:DIR (default) or sphinx://host:port,… (a cluster; "
                                             "see `baokan cluster init`); default $BAOKAN_BACKEND")

    p = sub.add_parser("ingest", help="parse and index page files and directories")
    p.add_argument("paths", nargs="+", help="page files or directories (searched recursively)")
    index_dir_arg(p)
    p.add_argument("--manifest", help="CSV or JSON sidecar mapping file -> date, page, paper")
    p.add_argument("--gazetteer", help="region gazetteer JSON (default: the bundled 焦作 one)")
    p.add_argument("--rebuild", action="store_true", help="discard the index and build it anew")
    p.add_argument("--workers", type=int, default=None, help="parser processes (default: up to 2)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("compact", help="merge the index's segments into one (after a bulk ingest)")
    index_dir_arg(p, backend=False)
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=_cmd_compact)

    p = sub.add_parser("search", help="search the index")
    p.add_argument("query", help='query, e.g. \'吕沛 "项目谋划" -灾后 标题:示范区 日期:2021-11\'')
    index_dir_arg(p)
    p.add_argument("--region", action="append", help="repeat for any of several")
    p.add_argument("--from", dest="date_from", help="YYYY[-MM[-DD]]")
    p.add_argument("--to", dest="date_to", help="YYYY[-MM[-DD]]")
    p.add_argument("--kind", choices=["article", "caption"], action="append")
    p.add_argument("--reporter", action="append", help="repeat for any of several")
    p.add_argument("--photographer", action="append", help="repeat for any of several")
    p.add_argument("--correspondent", action="append", help="repeat for any of several")
    p.add_argument("--section", action="append", help="repeat for any of several")
    p.add_argument("--sort", default="relevance", choices=["relevance", "newest", "oldest"])
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--page-size", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_search)

    p = sub.add_parser("stats", help="what the index holds")
    index_dir_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser("check", help="verify every file, term, posting and record of the index (exit 2 on damage)")
    index_dir_arg(p)
    p.add_argument("--repair", action="store_true",
                   help="fall back to the newest commit that checks clean; list the files to ingest again")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("backup", help="copy the current commit to DEST (while serving and ingesting), then check it")
    p.add_argument("dest", help="a new or empty directory; the backup is itself an index directory")
    index_dir_arg(p)
    p.add_argument("--copy", action="store_true", help="copy every file (default: hard links on the same file system)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_backup)

    p = sub.add_parser("restore", help="make a backup the index's new commit (no ingest may be running)")
    p.add_argument("source", help="a backup directory made by baokan backup")
    index_dir_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_restore)

    p = sub.add_parser("serve", help="serve the search site (builds the demo archive into an empty index)")
    index_dir_arg(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--workers", type=int, default=1, choices=range(1, 65), metavar="N",
                   help="server processes sharing the port and the index (one core each; default 1)")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("cluster", help="run the archive on a Sphinx/Manticore cluster (see docs/cluster.md)")
    cluster = p.add_subparsers(dest="cluster_command", required=True)
    p = cluster.add_parser("init", help="write searchd configs for N nodes, start.sh and stop.sh; print the --backend URL")
    p.add_argument("--nodes", type=int, required=True, help="number of searchd nodes (one shard each)")
    p.add_argument("--dir", required=True, help="directory for the configs and the nodes' data")
    p.add_argument("--base-port", type=int, default=9306, help="SphinxQL port of node 1; node i uses base+10(i-1)")
    p.add_argument("--host", default="127.0.0.1", help="address the nodes listen on")
    p.add_argument("--query-timeout-ms", type=int, default=10_000,
                   help="how long a node waits for another node's shard before the query fails naming it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_cluster_init)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except BaokanError as exc:
        _err(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:  # `baokan parse … | head`: the reader went away
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: one line for users, the traceback with BAOKAN_DEBUG=1
        import os

        if os.environ.get("BAOKAN_DEBUG"):
            raise
        _err(f"内部错误 {type(exc).__name__}: {exc}（设置 BAOKAN_DEBUG=1 查看详情）")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
