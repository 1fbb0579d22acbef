"""The ``baokan`` command: a thin layer of argument parsing over the library."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from indexer.errors import BaokanError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3  # ingest/parse finished, but some input files were skipped


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _err(message: str) -> None:
    sys.stderr.write(f"baokan: {message}\n")


def _cmd_parse(args: argparse.Namespace) -> int:
    from indexer.gazetteer import load_gazetteer
    from indexer.pagemeta import load_manifest
    from indexer.parse import parse_file

    gazetteer = load_gazetteer(args.gazetteer)
    manifest = load_manifest(args.manifest) if args.manifest else None
    status = EXIT_OK
    for path in args.files:
        try:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baokan", description="焦作日报 archive search: parse, index, search, serve.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse page files into records (JSON Lines with --json)")
    p.add_argument("files", nargs="+", help="page text files")
    p.add_argument("--json", action="store_true", help="one JSON object per record")
    p.add_argument("--manifest", help="CSV or JSON sidecar mapping file -> date, page, paper")
    p.add_argument("--gazetteer", help="region gazetteer JSON (default: the bundled 焦作 one)")
    p.add_argument("--debug", action="store_true", help="report dropped boilerplate/layout on stderr")
    p.set_defaults(func=_cmd_parse)
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


if __name__ == "__main__":
    sys.exit(main())
