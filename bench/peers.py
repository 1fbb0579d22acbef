"""baokan beside the engines a user would pick instead, on the same records.

Peers (each built from baokan's own parse of the corpus: same ids, same text,
``indexer.index.schema.full_text`` normalised by ``normalize_text``):

* ``tantivy``: tantivy (Rust, PyPI ``tantivy``) with rjieba words: a ``words`` field
  of ``cut_for_search`` words (the AND of a query string's ``cut`` words), a ``body``
  field of ``cut`` words with positions for phrases and snippets, region/year/kind
  as fast fields (terms aggregations), the date as a fast integer. The compiled-engine
  yardstick: it misses substrings that are not whole words (``recall`` says how many).
* ``sqlite``: SQLite FTS5 with the ``trigram`` tokenizer: the exact-substring peer.
  A term of 3+ characters is ``fts MATCH '"term"'``; 1–2 characters need
  ``+body LIKE '%term%'`` (plain ``LIKE`` on an FTS5 trigram table silently returns
  nothing for patterns under 3 characters on SQLite 3.40; the unary ``+`` keeps the
  planner from routing it to the trigram index).
* ``naive``: Whoosh + jieba's bundled ChineseAnalyzer (``bench/naive.py``).
* ``ours``: baokan through ``indexer.search`` (``baokan ingest`` then ``baokan compact``).

Every query returns the total, 10 hits with snippets, and region/year/kind facet
counts. Recall: 200 random 2–6 character strings cut from the records' text, each
system's full match set against a brute-force scan of ``match_text`` (baokan's
definition of a substring match: normalised, whitespace ignored).

    python bench/peers.py build --corpus bench/out/c20k --work bench/out/peers20k --out bench/out/peers20k_build.json
    python bench/peers.py query --corpus bench/out/c20k --work bench/out/peers20k --rounds 15 \\
        --out bench/out/peers20k_query.json
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from proctree import code_state, dir_bytes, percentile, run_measured  # noqa: E402

PY = sys.executable
SYSTEMS = ("ours", "tantivy", "sqlite", "naive")
CLI = "import sys; from indexer.cli import main; sys.exit(main(sys.argv[1:]))"  # ``baokan`` itself
FACETS = ("region", "year", "kind")


# ---------------------------------------------------------------- records

def corpus_records(corpus: str) -> Iterator[dict[str, Any]]:
    """baokan's parse of every page, as ingest does it (same sources, so the same record ids)."""
    from indexer.index.ingest import iter_input_files
    from indexer.index.schema import full_text
    from indexer.newspaper.gazetteer import load_gazetteer
    from indexer.newspaper.parse import parse_file
    from indexer.text.normalize import normalize_text

    gazetteer = load_gazetteer(None)
    for path, source, error in iter_input_files([corpus]):
        if error:
            continue
        for r in parse_file(path, source=source, gazetteer=gazetteer).records:
            yield {"id": r.id, "title": r.title, "text": normalize_text(full_text(r)), "kind": r.kind,
                   "region": r.region or "", "year": (r.pub_date or "")[:4], "pub_date": r.pub_date or ""}


def date_int(pub_date: str) -> int:
    """"2004-12-31" -> 20041231 (0 when undated)."""
    return int(pub_date.replace("-", "")) if pub_date else 0


# ---------------------------------------------------------------- tantivy

def tantivy_schema() -> Any:
    import tantivy

    b = tantivy.SchemaBuilder()
    b.add_unsigned_field("n", stored=False, indexed=False, fast=True)
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("title", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("words", stored=False, tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("body", stored=True, tokenizer_name="whitespace")
    for name in FACETS:
        b.add_text_field(name, stored=False, fast=True, tokenizer_name="raw")
    b.add_integer_field("date", stored=False, indexed=True, fast=True)
    return b.build()


def rj_words(text: str, search: bool) -> list[str]:
    import rjieba

    cut = rjieba.cut_for_search if search else rjieba.cut
    return [w for w in (w.strip() for w in cut(text, True)) if w and any(c.isalnum() for c in w)]


def build_tantivy(corpus: str, out: str) -> dict[str, Any]:
    import tantivy

    os.makedirs(out, exist_ok=True)
    ix = tantivy.Index(tantivy_schema(), path=out)
    writer = ix.writer(heap_size=200_000_000, num_threads=2)
    ids = []
    for n, r in enumerate(corpus_records(corpus)):
        ids.append(r["id"])
        doc = tantivy.Document(id=r["id"], title=r["title"], words=" ".join(rj_words(r["text"], True)),
                               body=" ".join(rj_words(r["text"], False)), region=r["region"], year=r["year"],
                               kind=r["kind"])
        doc.add_unsigned("n", n)  # a plain int would be taken as i64 and panic the u64 column
        doc.add_integer("date", date_int(r["pub_date"]))
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    Path(out, "ids.json").write_text(json.dumps(ids), "utf-8")
    return {"records": len(ids)}


class Tantivy:
    def __init__(self, index_dir: str) -> None:
        import tantivy

        self.t = tantivy
        self.ix = tantivy.Index.open(index_dir)
        self.schema = self.ix.schema
        self.ids = json.loads(Path(index_dir, "ids.json").read_text("utf-8"))
        self.searcher = self.ix.searcher()

    def _term(self, field: str, text: str) -> Any:
        return self.t.Query.term_query(self.schema, field, text)

    def _string(self, s: str, phrase: bool) -> tuple[Any, list[str]]:
        """A query string's words: AND of ``words`` terms, or a phrase on ``body``."""
        from indexer.text.normalize import normalize_text

        words = rj_words(normalize_text(s), False) or [s]
        if phrase and len(words) > 1:
            return self.t.Query.phrase_query(self.schema, "body", words), words
        if len(words) == 1:
            return self._term("words", words[0]), words
        return self.t.Query.boolean_query([(self.t.Occur.Must, self._term("words", w)) for w in words]), words

    def query(self, spec: dict[str, Any]) -> tuple[Any, list[str]]:
        Occur = self.t.Occur
        if spec.get("any"):
            parts = [self._string(s, False) for s in spec["any"]]
            q = self.t.Query.boolean_query([(Occur.Should, p[0]) for p in parts])
            words = [w for p in parts for w in p[1]]
        else:
            parts = [self._string(s, spec.get("phrase", False)) for s in spec["all"]]
            q = parts[0][0] if len(parts) == 1 else self.t.Query.boolean_query([(Occur.Must, p[0]) for p in parts])
            words = [w for p in parts for w in p[1]]
        filters = []
        if spec.get("region"):
            filters.append(self._term("region", spec["region"]))
        if spec.get("date_from") or spec.get("date_to"):
            filters.append(self.t.Query.range_query(self.schema, "date", self.t.FieldType.Integer,
                                                    date_int(spec.get("date_from") or "0000-01-01"),
                                                    date_int(spec.get("date_to") or "9999-12-31")))
        if filters:
            q = self.t.Query.boolean_query([(Occur.Must, q)] + [(Occur.Must, f) for f in filters])
        return q, words

    def search(self, spec: dict[str, Any]) -> dict[str, Any]:
        q, words = self.query(spec)
        offset = (spec.get("page", 1) - 1) * 10
        if spec.get("sort") == "newest":
            res = self.searcher.search(q, 10, count=True, order_by_field="date", offset=offset, order=self.t.Order.Desc)
        else:
            res = self.searcher.search(q, 10, count=True, offset=offset)
        snip_q = self.t.Query.boolean_query([(self.t.Occur.Should, self._term("body", w)) for w in words])
        gen = self.t.SnippetGenerator.create(self.searcher, snip_q, self.schema, "body")
        hits = []
        for _, addr in res.hits:
            doc = self.searcher.doc(addr)
            hits.append((doc["id"][0], gen.snippet_from_doc(doc).to_html().replace(" ", "")))
        agg = self.searcher.aggregate(q, {f: {"terms": {"field": f, "size": 200}} for f in FACETS})
        facets = {f: {b["key"]: b["doc_count"] for b in agg[f]["buckets"]} for f in FACETS}
        return {"total": res.count, "hits": hits, "facets": facets}

    def ids_for(self, s: str) -> set[str]:
        q, _ = self._string(s, False)
        res = self.searcher.search(q, self.searcher.num_docs, count=False, order_by_field="n")
        return {self.ids[n] for n, _ in res.hits}


# ---------------------------------------------------------------- SQLite FTS5 trigram

def build_sqlite(corpus: str, out: str) -> dict[str, Any]:
    os.makedirs(out, exist_ok=True)
    db = sqlite3.connect(os.path.join(out, "fts.db"))
    db.executescript("""
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE docs(n INTEGER PRIMARY KEY, id TEXT, title TEXT, region TEXT, year TEXT, kind TEXT, pub_date TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(body, tokenize='trigram');
    """)
    n = -1
    for n, r in enumerate(corpus_records(corpus)):
        db.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?)", (n, r["id"], r["title"], r["region"], r["year"],
                                                               r["kind"], r["pub_date"]))
        db.execute("INSERT INTO fts(rowid, body) VALUES (?,?)", (n, r["text"]))
    db.executescript("""
        CREATE INDEX docs_region ON docs(region); CREATE INDEX docs_date ON docs(pub_date);
        INSERT INTO fts(fts) VALUES('optimize');
    """)
    db.commit()
    db.close()
    return {"records": n + 1}


class SQLite:
    def __init__(self, index_dir: str) -> None:
        from indexer.text.normalize import normalize_text

        self.norm = normalize_text
        self.db = sqlite3.connect(os.path.join(index_dir, "fts.db"), check_same_thread=False)

    def _term_sql(self, s: str) -> tuple[str, list[str]]:
        s = "".join(self.norm(s).split())
        if len(s) >= 3:
            return "SELECT rowid FROM fts WHERE fts MATCH ?", ['"' + s.replace('"', '""') + '"']
        return "SELECT rowid FROM fts WHERE +body LIKE ?", ["%" + s.replace("%", "").replace("_", "") + "%"]

    def _matched(self, spec: dict[str, Any]) -> tuple[str, list[str], str | None]:
        strings = spec.get("any") or spec["all"]
        parts = [self._term_sql(s) for s in strings]
        joiner = " UNION " if spec.get("any") else " INTERSECT "
        sql = joiner.join(p[0] for p in parts)
        args = [a for p in parts for a in p[1]]
        # one MATCH expression for the ranking and the snippet, when every term is 3+ characters
        match = None
        if all(p[0].endswith("MATCH ?") for p in parts):
            match = (" OR " if spec.get("any") else " AND ").join(p[1][0] for p in parts)
        return sql, args, match

    def search(self, spec: dict[str, Any]) -> dict[str, Any]:
        sql, args, match = self._matched(spec)
        where, wargs = ["docs.n IN m"], []
        if spec.get("region"):
            where.append("docs.region = ?")
            wargs.append(spec["region"])
        if spec.get("date_from") or spec.get("date_to"):
            where.append("docs.pub_date BETWEEN ? AND ?")
            wargs += [spec.get("date_from") or "0000", spec.get("date_to") or "9999"]
        cond = " AND ".join(where)
        db = self.db
        # the matching rows once (a LIKE is a scan of the whole table), then count, facets and hits from them
        db.execute("DROP TABLE IF EXISTS temp.m")
        db.execute("CREATE TEMP TABLE m(n INTEGER PRIMARY KEY)")
        db.execute(f"INSERT INTO temp.m {sql}", args)
        head, args = "", []
        total = db.execute(head + f"SELECT count(*) FROM docs WHERE {cond}", args + wargs).fetchone()[0]
        facets = {f: dict(db.execute(head + f"SELECT {f}, count(*) FROM docs WHERE {cond} GROUP BY {f}", args + wargs))
                  for f in FACETS}
        offset = (spec.get("page", 1) - 1) * 10
        if spec.get("sort") == "newest":
            order = "ORDER BY docs.pub_date DESC"
        else:
            order = "ORDER BY docs.n"
        if match and spec.get("sort") != "newest":
            rows = db.execute(head + f"SELECT docs.id, snippet(fts, 0, '<mark>', '</mark>', '…', 24) FROM fts "
                              f"JOIN docs ON docs.n = fts.rowid WHERE fts MATCH ? AND {cond} ORDER BY rank LIMIT 10 OFFSET ?",
                              args + [match] + wargs + [offset]).fetchall()
        else:  # no MATCH to rank or snip by: the text around the first term
            needle = "".join(self.norm((spec.get("any") or spec["all"])[0]).split())
            rows = db.execute(head + f"SELECT docs.id, substr(fts.body, max(1, instr(fts.body, ?) - 30), 90) FROM docs "
                              f"JOIN fts ON fts.rowid = docs.n WHERE {cond} {order} LIMIT 10 OFFSET ?",
                              [needle] + args + wargs + [offset]).fetchall()
        return {"total": total, "hits": rows, "facets": facets}

    def ids_for(self, s: str) -> set[str]:
        sql, args = self._term_sql(s)
        return {r[0] for r in self.db.execute(f"SELECT id FROM docs WHERE n IN ({sql})", args)}


# ---------------------------------------------------------------- naive Whoosh + jieba, and baokan

def query_string(spec: dict[str, Any]) -> str:
    """A query spec in the query language baokan and the naive setup both read: "a OR b", '"a" "b"', "a b"."""
    if spec.get("any"):
        return " OR ".join(spec["any"])
    if spec.get("phrase"):
        return " ".join(f'"{s}"' for s in spec["all"])
    return " ".join(spec["all"])


class Naive:
    def __init__(self, index_dir: str) -> None:
        from naive import NaiveSearch

        self.naive = NaiveSearch(index_dir)
        self.ids = [f["id"] for f in self.naive.searcher.all_stored_fields()]

    def search(self, spec: dict[str, Any]) -> dict[str, Any]:
        return self.naive.search({**spec, "naive_q": query_string(spec), "page_size": 10})

    def ids_for(self, s: str) -> set[str]:
        results = self.naive.searcher.search(self.naive.parser.parse(s), limit=None)
        return {self.ids[d] for d in results.docs()}


class Ours:
    def __init__(self, index_dir: str) -> None:
        from indexer import Archive, SearchQuery, iter_results, search

        self.archive = Archive(index_dir)
        self._search, self._iter, self._query = search, iter_results, SearchQuery

    def search(self, spec: dict[str, Any]) -> dict[str, Any]:
        q = self._query(q=query_string(spec), region=spec.get("region") or (), date_from=spec.get("date_from"),
                        date_to=spec.get("date_to"), sort=spec.get("sort", "relevance"), page=spec.get("page", 1),
                        page_size=10)
        page = self._search(self.archive, q)
        hits = [(h.id, h.snippet_html) for h in page.hits]
        return {"total": page.total, "hits": hits, "facets": {f: page.facets.get(f, {}) for f in FACETS}}

    def ids_for(self, s: str) -> set[str]:
        return {r.id for r in self._iter(self.archive, self._query(q=s))}


def open_system(name: str, index_dir: str) -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return {"ours": Ours, "tantivy": Tantivy, "sqlite": SQLite, "naive": Naive}[name](index_dir)


# ---------------------------------------------------------------- the query mix and recall strings

def query_mix(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Ten kinds; names come from the corpus' pools by rank (the same whatever the corpus size)."""
    people = meta["people_by_rank"]
    substring = meta["companies_by_rank"]["1"][4:8]  # "达文化传": part of a company name, not a word
    return [
        {"kind": "common word", "all": ["发展"]},
        {"kind": "rare name", "all": [people["3000"]]},
        {"kind": "4-char substring", "all": [substring]},
        {"kind": "quoted phrase", "all": ["重点项目"], "phrase": True},
        {"kind": "AND", "all": ["科技", "企业"]},
        {"kind": "OR", "any": [people["100"], people["1000"]]},
        {"kind": "region filter", "all": ["企业"], "region": "孟州市"},
        {"kind": "date range", "all": ["创新"], "date_from": "2000-01-01", "date_to": "2004-12-31"},
        {"kind": "sorted by date", "all": ["科技"], "sort": "newest"},
        {"kind": "page 5", "all": ["工作"], "page": 5},
    ]


_WORDY = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


def recall_strings(corpus: str, n: int, seed: int) -> tuple[list[str], dict[str, set[str]]]:
    """``n`` random 2–6 character strings cut from runs of CJK/letters/digits, and the ids containing each."""
    from indexer.text.grams import match_text

    records = [(r["id"], r["text"]) for r in corpus_records(corpus)]
    rng = random.Random(seed)
    strings: list[str] = []
    while len(strings) < n:
        _, text = rng.choice(records)
        runs = [m.group() for m in _WORDY.finditer(text) if len(m.group()) >= 2]
        if not runs:
            continue
        run = rng.choice(runs)
        length = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - length)
        s = run[start:start + length]
        if s not in strings:
            strings.append(s)
    texts = [(rid, match_text(text)) for rid, text in records]
    truth = {s: {rid for rid, t in texts if s in t} for s in strings}
    return strings, truth


# ---------------------------------------------------------------- commands

def cmd_build(args: argparse.Namespace) -> int:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"corpus": args.corpus, "code": code_state(), "loadavg_start": os.getloadavg(), "builds": {}}
    text_mb = sum(p.stat().st_size for p in Path(args.corpus).rglob("*.txt")) / 1e6
    results["corpus_mb"] = round(text_mb, 1)
    for name in args.systems.split(","):
        ix = work / name
        shutil.rmtree(ix, ignore_errors=True)
        if name == "ours":
            steps = [[PY, "-c", CLI, "ingest", args.corpus, "--index-dir", str(ix), "--rebuild", "--json"],
                     [PY, "-c", CLI, "compact", "--index-dir", str(ix), "--json"]]
        elif name == "naive":
            steps = [[PY, str(HERE / "naive.py"), "build", args.corpus, str(ix)]]
        else:
            steps = [[PY, __file__, "build-one", name, args.corpus, str(ix)]]
        out: dict[str, Any] = {"steps": []}
        for cmd in steps:
            load = os.getloadavg()[0]
            m = run_measured(cmd)
            if m.returncode not in (0, 3):
                raise SystemExit(f"{name}: {' '.join(cmd)} failed ({m.returncode}):\n{m.stderr[-3000:]}")
            out["steps"].append({"cmd": " ".join(cmd[3:] if cmd[1] == "-c" else cmd[1:]),
                                 "wall_s": round(m.wall_s, 1), "cpu_s": round(m.cpu_s, 1),
                                 "peak_pss_mb": round(m.peak_pss_mb), "size_mb_after": round(dir_bytes(ix) / 1e6, 1),
                                 "loadavg_before": round(load, 2)})
            print(name, out["steps"][-1], flush=True)
        out["wall_s"] = round(sum(s["wall_s"] for s in out["steps"]), 1)
        out["peak_pss_mb"] = max(s["peak_pss_mb"] for s in out["steps"])
        out["index_mb"] = round(dir_bytes(ix) / 1e6, 1)
        if name == "ours":  # the directory keeps the previous commit as a fallback; the current one alone:
            out["index_mb_current_commit"] = round(current_commit_bytes(str(ix)) / 1e6, 1)
        out["index_mb_as_built"] = out["steps"][0]["size_mb_after"]
        out["index_to_text"] = round(out["index_mb"] / text_mb, 2)
        results["builds"][name] = out
    results["loadavg_end"] = os.getloadavg()
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


def current_commit_bytes(index_dir: str) -> int:
    """``baokan stats``' index_bytes: the files of the index's current commit only."""
    out = subprocess.run([PY, "-c", CLI, "stats", "--index-dir", index_dir, "--json"], capture_output=True, text=True,
                         check=True)
    return int(json.loads(out.stdout)["index_bytes"])


def first_answer_cmd(name: str, index_dir: str) -> list[str]:
    """A fresh process that opens the index and prints the first answer (a common word with facets and snippets)."""
    if name == "ours":  # the CLI's entry point, so PYTHONPATH can pick the code tree measured
        return [PY, "-c", CLI, "search", "发展", "--index-dir", index_dir, "--page-size", "10", "--json"]
    return [PY, __file__, "first", name, index_dir]


def stats(samples: list[float]) -> dict[str, float]:
    return {"n": len(samples), "p50": round(percentile(samples, 50), 2), "p95": round(percentile(samples, 95), 2)}


def geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def cmd_query(args: argparse.Namespace) -> int:
    work = Path(args.work)
    meta = json.loads(Path(args.corpus, "meta.json").read_text("utf-8"))
    names = [n for n in args.systems.split(",") if (work / n).exists()]
    mix = query_mix(meta)
    results: dict[str, Any] = {"work": str(work), "code": code_state(), "loadavg_start": os.getloadavg(),
                               "systems": names, "queries": [dict(q) for q in mix], "first_answer_s": {}}
    env = {**os.environ, "BAOKAN_RESULT_CACHE": "0"}
    for _ in range(args.cold_runs):  # fresh process to first answer, measured from outside, systems interleaved
        for name in names:
            t = time.perf_counter()
            subprocess.run(first_answer_cmd(name, str(work / name)), capture_output=True, check=True, env=env)
            results["first_answer_s"].setdefault(name, []).append(round(time.perf_counter() - t, 3))
    results["first_answer_s"] = {n: sorted(v)[len(v) // 2] for n, v in results["first_answer_s"].items()}
    print("first answer (median of", args.cold_runs, "):", results["first_answer_s"], flush=True)

    os.environ["BAOKAN_RESULT_CACHE"] = "0"  # every round computes (the per-snapshot cache would answer repeats)
    opened = {n: open_system(n, str(work / n)) for n in names}
    for k, spec in enumerate(mix):  # warm-up, hit counts, one sample answer
        for n, system in opened.items():
            r = system.search(spec)
            results["queries"][k][f"{n}_total"] = r["total"]
            results["queries"][k][f"{n}_hits"] = len(r["hits"])
            results["queries"][k][f"{n}_facet_values"] = {f: len(r["facets"].get(f, {})) for f in FACETS}
            results["queries"][k][f"{n}_first_snippet"] = str(r["hits"][0][1])[:120] if r["hits"] else ""
    samples: dict[tuple[str, int], list[float]] = {}
    started = time.monotonic()
    rounds = 0
    while rounds < args.rounds and time.monotonic() - started < args.budget:
        order = list(opened.items())
        if rounds % 2:
            order.reverse()
        for k, spec in enumerate(mix):
            for n, system in order:
                t = time.perf_counter()
                system.search(spec)
                samples.setdefault((n, k), []).append((time.perf_counter() - t) * 1000)
        rounds += 1
    results["rounds"] = rounds
    results["loadavg_after_warm"] = os.getloadavg()
    for (n, k), values in samples.items():
        results["queries"][k][f"{n}_warm"] = stats(values)
    if "ours" in names:
        results["geomean_p50_ratio_to_ours"] = {
            n: round(geomean([q[f"{n}_warm"]["p50"] / q["ours_warm"]["p50"] for q in results["queries"]]), 2)
            for n in names}

    strings, truth = recall_strings(args.corpus, args.recall, args.seed)
    true_pairs = sum(len(v) for v in truth.values())
    rec: dict[str, Any] = {"strings": len(strings), "true_pairs": true_pairs}
    for n, system in opened.items():
        found = missed = extra = 0
        missed_strings = 0
        for s in strings:
            got = system.ids_for(s)
            found += len(got & truth[s])
            missed += len(truth[s] - got)
            extra += len(got - truth[s])
            missed_strings += bool(truth[s] - got)
        rec[n] = {"recall": round(found / true_pairs, 4), "missed_pairs": missed, "extra_pairs": extra,
                  "strings_with_a_miss": missed_strings}
        print("recall", n, rec[n], flush=True)
    results["recall"] = rec
    results["loadavg_end"] = os.getloadavg()
    print(table(results))
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


def table(results: dict[str, Any]) -> str:
    names = results["systems"]
    rows = ["| query | " + " | ".join(f"{n} hits, p50 / p95 ms" for n in names) + " |",
            "|---|" + "---|" * len(names)]
    for q in results["queries"]:
        cells = [f"{q.get(f'{n}_total', '-')}, {q.get(f'{n}_warm', {}).get('p50', '-')} / {q.get(f'{n}_warm', {}).get('p95', '-')}"
                 for n in names]
        rows.append(f"| {q['kind']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def cmd_first(args: argparse.Namespace) -> int:
    system = open_system(args.system, args.index_dir)
    r = system.search({"all": ["发展"]})
    print(json.dumps({"total": r["total"], "hits": len(r["hits"])}))
    return 0


def cmd_warm(args: argparse.Namespace) -> int:
    """One system's warm samples per kind (ms), as JSON: for bench/compare_trees.py (before/after a change)."""
    os.environ["BAOKAN_RESULT_CACHE"] = "0"
    system = open_system(args.system, args.index_dir)
    mix = query_mix(json.loads(Path(args.corpus, "meta.json").read_text("utf-8")))
    for spec in mix:
        system.search(spec)
    samples: dict[str, list[float]] = {spec["kind"]: [] for spec in mix}
    for _ in range(args.rounds):
        for spec in mix:
            t = time.perf_counter()
            system.search(spec)
            samples[spec["kind"]].append((time.perf_counter() - t) * 1000)
    print(json.dumps(samples, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build every system's index from the corpus, measured from outside")
    b.add_argument("--corpus", required=True)
    b.add_argument("--work", required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--systems", default=",".join(SYSTEMS))
    b.set_defaults(func=cmd_build)
    q = sub.add_parser("query", help="first answer, warm rounds interleaved, substring recall")
    q.add_argument("--corpus", required=True)
    q.add_argument("--work", required=True)
    q.add_argument("--out", required=True)
    q.add_argument("--systems", default=",".join(SYSTEMS))
    q.add_argument("--rounds", type=int, default=15)
    q.add_argument("--budget", type=float, default=300)
    q.add_argument("--cold-runs", type=int, default=3)
    q.add_argument("--recall", type=int, default=200)
    q.add_argument("--seed", type=int, default=14)
    q.set_defaults(func=cmd_query)
    one = sub.add_parser("build-one")
    one.add_argument("system", choices=("tantivy", "sqlite"))
    one.add_argument("corpus")
    one.add_argument("index_dir")
    one.set_defaults(func=lambda a: print(json.dumps((build_tantivy if a.system == "tantivy" else build_sqlite)(a.corpus, a.index_dir))) or 0)
    w = sub.add_parser("warm", help="one system's warm samples per kind, as JSON")
    w.add_argument("system")
    w.add_argument("index_dir")
    w.add_argument("--corpus", required=True)
    w.add_argument("--rounds", type=int, default=10)
    w.set_defaults(func=cmd_warm)
    f = sub.add_parser("first")
    f.add_argument("system")
    f.add_argument("index_dir")
    f.set_defaults(func=cmd_first)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
