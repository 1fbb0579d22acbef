"""Ingest into the cluster: the same files, parser, record ids and report as ``baokan ingest``, written to shards.

* Which shard: a file's records all live on one shard, chosen by its path
  (``shard_of``: SHA-1 of the file key modulo the node count). A changed file is
  then replaced on one node in one transaction, and a file's page stays together.
* Ingest state: node 1's ``files`` index, one row per file (path, SHA-256 of its
  bytes, shard, record count), written *after* the file's shard transaction
  commits. A file whose bytes are unchanged is skipped, as in the Whoosh ingest.
* A node down mid-ingest stops the run with ``ClusterUnavailable`` naming it. A
  shard transaction either committed or not; a file whose shard committed but
  whose state row was not written is simply written again by the next run
  (delete its records on the shard, insert them again). So a re-run repairs.
* ``meta.generation`` on node 1 counts changes; searchers re-read their facet
  columns when it moves (``indexer.cluster.search``).
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from indexer.cluster.client import Cluster
from indexer.cluster.config import FACET_COLUMNS, MATCH_ATTRS, PARAGRAPH_MARK, TEXT_FIELDS, Node, engine_text
from indexer.errors import BaokanError, SettingsMismatch
from indexer.index.ingest import IngestReport, ParsedFile, ProgressFn, Task, in_workers, parse_task, read_tasks
from indexer.index.schema import encode_facets, facet_values, full_text
from indexer.newspaper.gazetteer import Gazetteer, load_gazetteer
from indexer.newspaper.pagemeta import Manifest
from indexer.newspaper.parse import record_id
from indexer.records import Record
from indexer.searching.facets import PEOPLE
from indexer.text.grams import match_text

PAGE = 5000  # rows per keyset page when reading the state or a result set
GENERATION_EVERY = 200  # files written between generation bumps (searchers then see the new records)


def _hash62(text: str) -> int:
    """A stable positive 62-bit number for a string (a Sphinx document id must be a positive integer)."""
    return (int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big") >> 2) or 1


def doc_id(rid: str) -> int:
    """The shard document id of a record id: ``doc_id("000_26f9c0bf5d7a20f6.txt#0")``."""
    return _hash62("record\x00" + rid)


def file_id(key: str) -> int:
    """The id of an ingested file, in the shards (``fileid``) and in the state index."""
    return _hash62("file\x00" + key)


def shard_of(key: str, nodes: int) -> int:
    """The node number (1-based) whose shard holds the records of the file ``key``."""
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big") % nodes + 1


def field_texts(record: Record) -> dict[str, str]:
    """The match text of every searchable field: what the engine indexes and candidates are checked against.

    The same texts the Whoosh index searches: ``text`` is ``match_text(full_text(record))``,
    people are one name a line (``"徐金华\\n张三"``: no match across two names).
    """
    photographers = record.photographers + tuple(p for c in record.captions for p in c.photographers)
    return {
        "text": match_text(full_text(record)),
        "title": match_text(record.title),
        "reporter": match_text("\n".join(record.reporters)),
        "photographer": match_text("\n".join(photographers)),
        "correspondent": match_text("\n".join(record.correspondents)),
        "region": match_text(record.region or ""),
        "section": match_text(record.section or ""),
    }


def value_hash(value: str | None) -> int:
    """A facet value as the engine filters and groups it (``f_region`` …): a stable 62-bit number, 0 for none."""
    return _hash62("value\x00" + value) if value else 0


def role_hash(role: str, name: str) -> int:
    """A person under one role (``"reporter"``, ``"徐金华"``), as ``f_people`` holds them."""
    return _hash62(f"role\x00{role}\x00{name}")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_number(date: str | None) -> int:
    """``"2021-11-05"`` -> 20211105, the ``f_date`` attribute; 0 for no date (or one not in ISO form)."""
    return int(date.replace("-", "")) if date and _ISO_DATE.fullmatch(date) else 0


_COLUMNS = ("id", *TEXT_FIELDS, "fileid", "rid", "facets", "data", *MATCH_ATTRS.values(), *FACET_COLUMNS)


def shard_row(record: Record, ordinal: int, key: str) -> tuple[Any, ...]:
    """One record as a row of ``shard`` (in ``_COLUMNS`` order)."""
    texts = field_texts(record)
    values = facet_values(record, ordinal, key)
    return (doc_id(record.id), *(engine_text(texts[f]) for f in TEXT_FIELDS), file_id(key), record.id,
            encode_facets(values).decode("utf-8"), json.dumps(record.to_dict(), ensure_ascii=False),
            *(texts[f] for f in TEXT_FIELDS),
            value_hash(values["kind"] or "article"), value_hash(values["region"]), value_hash(values["section"]),
            date_number(values["date"]), date_number(values["date"]) // 100,
            *(tuple(sorted({value_hash(n) for n in values[p] if n})) for p in PEOPLE),
            tuple(sorted({role_hash(p, n) for p in PEOPLE for n in values[p] if n})), key, ordinal)


@dataclass(frozen=True)
class FileState:
    """node 1's row for an ingested file."""

    key: str
    hash: str
    shard: int
    records: int


def read_state(cluster: Cluster) -> dict[str, FileState]:
    """Every ingested file's state, from node 1."""
    state: dict[str, FileState] = {}
    last = 0
    while True:
        rows = cluster.query(cluster.coordinator, "SELECT id, file, hash, shard, records FROM files WHERE id > %s "
                             f"ORDER BY id ASC LIMIT {PAGE} OPTION max_matches={PAGE}", (last,))
        for _, key, digest, shard, records in rows:
            state[key] = FileState(key, digest, int(shard), int(records))
        if len(rows) < PAGE:
            return state
        last = rows[-1][0]


SCHEMA = 4  # bump when the shard layout or the tokenizer changes: a cluster written before must be rebuilt
# how this version's configs cut a probe text (config.CHARSET_TABLE, NGRAM_CHARS): checked on every node
_PROBE = "建,光9244" + PARAGRAPH_MARK
_PROBE_TOKENS = ["建", ",", "光", "9244", PARAGRAPH_MARK]


_REMEDY = "请用 baokan cluster init 重写配置、重启节点，再用 baokan ingest --rebuild 重建"


def check_tokenizer(cluster: Cluster) -> None:
    """SettingsMismatch naming the first node whose searchd config cuts text otherwise than this version's, or
    lacks a column this version writes (a config an older ``cluster init`` wrote): checked before ``--rebuild``
    empties anything, so a rebuild on old configs is refused instead of leaving the cluster empty."""
    for node in cluster.nodes:
        rows = cluster.query(node, "CALL KEYWORDS(%s, 'shard')", (_PROBE,))
        if [str(r[1]) for r in rows] != _PROBE_TOKENS:
            raise SettingsMismatch(f"{node.label} 的 searchd 配置与这一版 baokan 的分词不同：{_REMEDY}")
        missing = set(_COLUMNS) - {"id"} - {str(r[0]) for r in cluster.query(node, "DESCRIBE shard")}
        if missing:
            raise SettingsMismatch(f"{node.label} 的 searchd 配置缺少这一版 baokan 的列（{'、'.join(sorted(missing))}）："
                                   f"{_REMEDY}")


def read_generation(cluster: Cluster) -> int:
    """The cluster's change counter (0 before the first ingest); SettingsMismatch for a cluster an older
    baokan wrote (another shard layout or tokenizer: its records would be matched wrongly)."""
    meta = {int(i): int(g) for i, g in cluster.query(cluster.coordinator,
                                                     "SELECT id, generation FROM meta WHERE id IN (1, 2)")}
    if 1 in meta and meta.get(2) != SCHEMA:
        raise SettingsMismatch(f"检索集群中的索引由另一版 baokan 写入：{_REMEDY}")
    return meta.get(1, 0)


def bump_generation(cluster: Cluster, generation: int | None = None) -> int:
    generation = max((read_generation(cluster) if generation is None else generation) + 1, int(time.time() * 1000))
    cluster.query(cluster.coordinator, "REPLACE INTO meta (id, name, generation) VALUES (1, 'generation', %s), "
                  "(2, 'schema', %s)", (generation, SCHEMA))
    return generation


# --- reading and parsing files (worker processes) -------------------------------------------------

def _prepared(tasks: list[Task], manifest: Manifest | None, gazetteer: Gazetteer,
              workers: int | None) -> Iterator[ParsedFile]:
    """Each file read, hashed and parsed, in order, as the Whoosh ingest does it."""
    return in_workers(parse_task, tasks, manifest, gazetteer, workers)


# --- writing ---------------------------------------------------------------------------------------

class _Writer:
    """Writes files to their shards and their state to node 1."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.claimed: dict[int, int] = {}  # doc id -> file id, in this run

    def _owners(self, node: Node, ids: Sequence[int]) -> dict[int, int]:
        """doc id -> file id of the records already in the cluster with these ids."""
        owners: dict[int, int] = {}
        for start in range(0, len(ids), 1000):
            chunk = ids[start:start + 1000]
            marks = ",".join(str(i) for i in chunk)
            rows = self.cluster.query(self.cluster.coordinator, f"SELECT id, fileid FROM dist WHERE id IN ({marks}) "
                                      f"LIMIT {len(chunk)} OPTION max_matches={max(len(chunk), 1)}")
            owners.update((int(i), int(f)) for i, f in rows)
        return owners

    def unique_records(self, key: str, records: tuple[Record, ...], node: Node) -> tuple[Record, ...]:
        """Records with ids no other file holds: ids derive from the file name ("01.txt#3"), so two files
        with the same name in different folders take ids from their full path instead (as ``baokan ingest``)."""
        if not records:
            return records
        fid = file_id(key)
        ids = [doc_id(r.id) for r in records]
        owners = self._owners(node, ids)
        if any(self.claimed.get(i, owners.get(i, fid)) != fid for i in ids):
            records = tuple(_with_id(r, record_id(key, n)) for n, r in enumerate(records))
            ids = [doc_id(r.id) for r in records]
        for i in ids:
            self.claimed[i] = fid
        return records

    def replace_file(self, prepared: ParsedFile, old: FileState | None) -> int:
        """Put a file's records in place of its old ones; returns its record count."""
        nodes = self.cluster.nodes
        target = nodes[shard_of(prepared.key, len(nodes)) - 1]
        records = self.unique_records(prepared.key, prepared.records, target)
        fid = file_id(prepared.key)
        if old is not None and old.shard != target.number and old.shard <= len(nodes):
            # the node count changed since: the file's old records live elsewhere
            self.cluster.query(nodes[old.shard - 1], "DELETE FROM shard WHERE fileid = %s", (fid,))
        rows = [shard_row(r, n, prepared.key) for n, r in enumerate(records)]
        self.cluster.query(target, "BEGIN")
        try:
            self.cluster.query(target, "DELETE FROM shard WHERE fileid = %s", (fid,))
            for start in range(0, len(rows), 200):
                chunk = rows[start:start + 200]
                marks = ",".join("(" + ",".join(["%s"] * len(_COLUMNS)) + ")" for _ in chunk)
                self.cluster.query(target, f"REPLACE INTO shard ({','.join(_COLUMNS)}) VALUES {marks}",
                                   [v for row in chunk for v in row])
            self.cluster.query(target, "COMMIT")
        except BaseException:
            try:
                self.cluster.query(target, "ROLLBACK")
            except BaokanError:
                pass
            raise
        self.cluster.query(self.cluster.coordinator,
                           "REPLACE INTO files (id, key, file, hash, shard, records) VALUES (%s, '', %s, %s, %s, %s)",
                           (fid, prepared.key, prepared.file_hash, target.number, len(rows)))
        return len(rows)


def _with_id(record: Record, new_id: str) -> Record:
    data = record.to_dict()
    data["id"] = new_id
    return Record.from_dict(data)


def write_records(cluster: Cluster, key: str, records: Sequence[Record], file_hash: str = "") -> int:
    """Put ``records`` in the cluster as the records of the file ``key`` (already parsed: corpora, benchmarks)."""
    old = read_state(cluster).get(key)
    n = _Writer(cluster).replace_file(ParsedFile(key, key, "changed" if old else "new", file_hash=file_hash,
                                                   records=tuple(records)), old)
    bump_generation(cluster)
    return n


def truncate(cluster: Cluster) -> None:
    """Empty every shard and the ingest state (``--rebuild``)."""
    for node in cluster.nodes:
        cluster.query(node, "TRUNCATE RTINDEX shard")
    cluster.query(cluster.coordinator, "TRUNCATE RTINDEX files")


def cluster_ingest(paths: Iterable[str], cluster: Cluster, *, manifest: Manifest | None = None,
                   gazetteer: Gazetteer | None = None, rebuild: bool = False, workers: int | None = None,
                   progress: ProgressFn | None = None) -> IngestReport:
    """Ingest files and directories into the cluster; the same report as ``indexer.index.ingest.ingest``."""
    started = time.monotonic()
    gazetteer = gazetteer or load_gazetteer(None)
    report = IngestReport()
    check_tokenizer(cluster)
    if rebuild:
        truncate(cluster)
        bump_generation(cluster, generation=0)  # also stamps this version's schema
    else:
        read_generation(cluster)  # refuses a cluster another version wrote
    known = read_state(cluster)
    tasks = read_tasks(paths, report, lambda key: known[key].hash if key in known else None)
    writer = _Writer(cluster)
    written = since_bump = 0
    try:
        for done, prepared in enumerate(_prepared(tasks, manifest, gazetteer, workers), 1):
            old = known.get(prepared.key)
            old_records = old.records if old else 0
            if prepared.status == "skipped":
                report.skipped.append((prepared.path, prepared.reason))
            elif prepared.status == "unchanged":
                report.files_unchanged += 1
                report.records_unchanged += old_records
            else:
                n = writer.replace_file(prepared, old)
                written += n
                since_bump += 1
                report.records_updated += min(old_records, n)
                report.records_added += max(0, n - old_records)
                report.records_removed += max(0, old_records - n)
                report.files_indexed += 1
                if n == 0:
                    report.files_empty.append(prepared.path)
                if since_bump >= GENERATION_EVERY:
                    bump_generation(cluster)
                    report.commits += 1
                    since_bump = 0
            if progress:
                progress(done, len(tasks), written)
    finally:
        if since_bump:
            try:
                bump_generation(cluster)  # what was written is visible, even when a node failed later
                report.commits += 1
            except BaokanError:
                pass
    report.seconds = time.monotonic() - started
    return report
