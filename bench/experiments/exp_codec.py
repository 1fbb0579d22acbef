"""Experiment: does a different Whoosh codec setting cut baokan's ingest cost?

The ingest profile is dominated by Whoosh writing one postings block per term
(the bigram field has many rare terms): ``_write_block``, ``zlib.compress`` and
``pickle.dumps`` per block. ``compression=0`` skips zlib. This runs ``indexer.index.ingest.ingest`` unchanged except for the codec
passed to the writer (single process, so CPU time is the whole cost), and
checks the same queries return the same totals.

    nice -n 10 python bench/experiments/exp_codec.py PAGES_DIR WORK_DIR
"""
from __future__ import annotations

import json
import logging
import shutil
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")

# inlinelimit > 1 cannot be tried: whoosh-reloaded 2.7.5 crashes at commit
# (whoosh3.py:744 calls terminfo.set_inline, the method is named set_inlined).
VARIANTS = {
    "default (compression=3)": {},
    "compression=0": {"compression": 0},
}


def main(argv: list[str]) -> int:
    import jieba
    from whoosh.codec.whoosh3 import W3Codec

    import indexer.index.ingest as ingest_mod
    from indexer.searching.service import SearchQuery, search
    from indexer.searching.snapshot import Archive

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    pages, work = argv
    original = ingest_mod.open_writer
    results = {}
    for name, kwargs in VARIANTS.items():
        def open_writer(ix, wait, kwargs=kwargs):  # the one change: the codec
            writer = original(ix, wait)
            if kwargs:
                writer.cancel()
                writer = ix.writer(limitmb=256, codec=W3Codec(**kwargs))
            return writer

        ingest_mod.open_writer = open_writer
        ix_dir = Path(work) / name.split(" ")[0].replace(",", "").replace("=", "")
        shutil.rmtree(ix_dir, ignore_errors=True)
        c0, t0 = time.process_time(), time.monotonic()
        report = ingest_mod.ingest([pages], str(ix_dir), workers=1)
        cpu, wall = time.process_time() - c0, time.monotonic() - t0
        size = sum(p.stat().st_size for p in ix_dir.iterdir())
        archive = Archive(str(ix_dir))
        totals = {q: search(archive, SearchQuery(q=q)).total for q in ("发展", "科技 企业", '"重点项目"', "达文化传")}
        results[name] = {"records": report.records_added, "cpu_s": round(cpu, 1), "wall_s": round(wall, 1),
                         "index_mb": round(size / 1e6, 1), "totals": totals}
        print(name, json.dumps(results[name], ensure_ascii=False), flush=True)
    Path(work, "exp_codec.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
