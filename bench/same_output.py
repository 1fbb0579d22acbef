"""Do two code trees give the same search pages? Totals, hits in order with titles and snippets, facets.

Each tree (``git archive REV | tar -x -C DIR``) runs in a fresh process with it first on
``PYTHONPATH`` and writes every page of a fixed set of searches as JSON (``took_ms``
dropped): the peers' ten query kinds and 250 random ones (words, names, AND, OR, NOT,
phrases, headline prefixes), each plain, with a region filter and a sort, and with a
date range and a later page. The pages must be equal byte for byte.

    python bench/same_output.py --index bench/out/peers20k/ours --corpus bench/out/c20k \\
        --tree /tmp/before --tree /tmp/after
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = ["发展", "科技", "企业", "创新", "工作", "项目", "焦作", "建设", "市", "达文化传", "重点项目", "文化"]
REGIONS = ["孟州市", "温县", "示范区", "沁阳市"]


def searches(meta: dict, n: int, seed: int) -> list[dict]:
    """The search requests: the peers' mix and ``n`` random ones, three variants each."""
    sys.path.insert(0, str(HERE))
    from peers import query_mix, query_string

    people = list(meta["people_by_rank"].values())
    rng = random.Random(seed)
    texts = [query_string(spec) for spec in query_mix(meta)]
    for _ in range(n):
        k = rng.random()
        if k < 0.3:
            texts.append(rng.choice(WORDS + people[:300]))
        elif k < 0.5:
            texts.append(" ".join(rng.sample(WORDS, 2)))
        elif k < 0.65:
            texts.append(" OR ".join(rng.sample(people[:500], 2)))
        elif k < 0.75:
            texts.append(rng.choice(WORDS) + " -" + rng.choice(WORDS))
        elif k < 0.85:
            texts.append('"' + rng.choice(WORDS) + '"')
        else:
            texts.append("标题:" + rng.choice(WORDS))
    out = []
    for q in texts:
        out.append({"q": q})
        out.append({"q": q, "region": rng.choice(REGIONS), "sort": rng.choice(["relevance", "newest", "oldest"])})
        out.append({"q": q, "date_from": "2000-01-01", "date_to": "2004-12-31", "page": rng.randint(1, 4)})
    return out


def dump(index: str, requests: list[dict], out: str) -> None:
    """Run in the tree's process: every page as JSON."""
    os.environ["BAOKAN_RESULT_CACHE"] = "0"
    from indexer import Archive, SearchQuery, search

    archive = Archive(index)
    pages = []
    for request in requests:
        page = search(archive, SearchQuery(page_size=10, **request)).to_dict()
        page.pop("took_ms")
        pages.append(page)
    Path(out).write_text(json.dumps(pages, ensure_ascii=False), "utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--index", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--tree", action="append", required=True)
    p.add_argument("--random", type=int, default=250)
    p.add_argument("--seed", type=int, default=3)
    p.add_argument("--dump", nargs=2, help=argparse.SUPPRESS)  # requests file, output file (the child's part)
    args = p.parse_args(argv)
    if args.dump:
        dump(args.index, json.loads(Path(args.dump[0]).read_text("utf-8")), args.dump[1])
        return 0
    requests = searches(json.loads(Path(args.corpus, "meta.json").read_text("utf-8")), args.random, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        req = Path(tmp, "requests.json")
        req.write_text(json.dumps(requests, ensure_ascii=False), "utf-8")
        outputs = []
        for n, tree in enumerate(args.tree):
            out = Path(tmp, f"pages{n}.json")
            env = {**os.environ, "PYTHONPATH": str(Path(tree).resolve())}
            subprocess.run([sys.executable, __file__, "--index", str(Path(args.index).resolve()), "--corpus",
                            args.corpus, "--tree", tree, "--dump", str(req), str(out)], env=env, cwd="/tmp", check=True)
            outputs.append(out.read_bytes())
    same = all(o == outputs[0] for o in outputs[1:])
    print(json.dumps({"searches": len(requests), "trees": args.tree, "identical": same,
                      "bytes": [len(o) for o in outputs]}, ensure_ascii=False))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
