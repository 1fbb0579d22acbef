"""Cluster layout: the nodes of a ``sphinx://`` URL, and the ``searchd`` configuration ``baokan cluster init`` writes.

A cluster of N nodes holds N real-time shards, one per node (``index shard``). Every
node also declares ``index dist``: its own shard plus the other nodes' shards as
agents, so any node can answer a query for the whole archive. Node 1 also holds the
ingest state (``index files``: one row per ingested file) and the generation counter
(``index meta``). Node i listens for SphinxQL (MySQL protocol) on ``base + 10(i-1)``
and for agents (Sphinx's binary protocol) on that port + 1::

    parse_cluster_url("sphinx://127.0.0.1:9306,127.0.0.1:9316")
    -> (Node(1, "127.0.0.1", 9306), Node(2, "127.0.0.1", 9316))
"""
from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from indexer.errors import InvalidInput

SCHEME = "sphinx://"
DEFAULT_BASE_PORT = 9306
PORT_STEP = 10  # node i: SphinxQL on base + 10(i-1), agents on that + 1
MAX_NODES = 64

# the searchable text fields of a shard (normalised match texts, see indexer.cluster.documents)
TEXT_FIELDS = ("text", "title", "reporter", "photographer", "correspondent", "region", "section")
# per field, the same text as a string attribute: a candidate is checked against it
MATCH_ATTRS = {name: f"m_{name}" for name in TEXT_FIELDS}

# timeouts, all bounded: a dead node is reported within about a second, a slow one within ten
AGENT_CONNECT_TIMEOUT_MS = 1000
AGENT_QUERY_TIMEOUT_MS = 10_000

# How the engine cuts text, defined once here for the configs and for the queries (indexer.cluster.search).
# Latin letters and digits make words, with infixes (``dict = keywords`` + ``min_infix_len = 1``) so that
# ``*924*`` finds the word 9244. Every other visible character is a token of its own (``ngram_len = 1``):
# CJK, punctuation, symbols. So a phrase of such characters matches exactly where the characters stand
# side by side, as in the text; two private-use marks keep the positions honest: a paragraph break
# becomes PARAGRAPH_MARK, and a character the engine cannot take as a token (its query operators, and
# anything beyond the Basic Multilingual Plane) becomes OTHER_MARK.
WORD_RANGES = ((0x30, 0x39), (0x61, 0x7A), (0xDF, 0xDF), (0xE0, 0xFF), (0x100, 0x17F), (0x430, 0x44F))
QUERY_OPERATORS = frozenset('\\()|-!@~"&/^$=<>*\'')  # special in MATCH(); never tokens
PARAGRAPH_MARK = "\ue000"
OTHER_MARK = "\ue001"


def _is_word_cp(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in WORD_RANGES)


def _is_ngram_cp(cp: int) -> bool:
    ch = chr(cp)
    return (0x21 <= cp <= 0xFFFD and not _is_word_cp(cp) and not ch.isspace() and ch not in QUERY_OPERATORS
            and not 0xD800 <= cp <= 0xDFFF and not 0x41 <= cp <= 0x5A and not 0x410 <= cp <= 0x42F)


def _ranges(test: object) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = None
    for cp in range(0x21, 0xFFFE):
        if test(cp):  # type: ignore[operator]
            start = cp if start is None else start
        elif start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, 0xFFFD))
    return out


def _spec(ranges: list[tuple[int, int]]) -> str:
    return ", ".join(f"U+{lo:X}..U+{hi:X}" if lo != hi else f"U+{lo:X}" for lo, hi in ranges)


@cache
def _engine_table() -> dict[int, str]:
    """str.translate table: every BMP character the engine cannot take as a token -> its mark."""
    table = {cp: OTHER_MARK for cp in range(0x10000) if not (_is_word_cp(cp) or _is_ngram_cp(cp))}
    table.update({ord("\n"): PARAGRAPH_MARK, ord(PARAGRAPH_MARK): OTHER_MARK})
    return table


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def engine_text(matched: str) -> str:
    """A match text as the engine indexes it: one position per character, marks where it cannot take one.

    ``engine_text("李建光\n(记者)")`` -> "李建光\ue000\ue001记者\ue001"
    """
    return _ASTRAL.sub(OTHER_MARK, matched.translate(_engine_table()))


def char_class(ch: str) -> str:
    """"word" (Latin letters, digits), "token" (a character the engine indexes alone), or "" (neither)."""
    cp = ord(ch)
    if _is_word_cp(cp):
        return "word"
    if _is_ngram_cp(cp) and ch not in (PARAGRAPH_MARK, OTHER_MARK):
        return "token"
    return ""


CHARSET_TABLE = "A..Z->a..z, U+410..U+42F->U+430..U+44F, " + _spec(list(WORD_RANGES))
NGRAM_CHARS = _spec(_ranges(_is_ngram_cp))


@dataclass(frozen=True)
class Node:
    """One ``searchd``: its number in the cluster (1 = the coordinator holding the ingest state) and address."""

    number: int
    host: str
    port: int  # SphinxQL (mysql41)

    @property
    def api_port(self) -> int:
        """The binary-protocol port other nodes reach this one's shard on."""
        return self.port + 1

    @property
    def label(self) -> str:
        """``节点 2（127.0.0.1:9316）``: how errors name a node."""
        return f"节点 {self.number}（{self.host}:{self.port}）"


def parse_cluster_url(url: str) -> tuple[Node, ...]:
    """``sphinx://h1:9306,h2:9316`` -> the nodes in order; InvalidInput for anything else."""
    if not url.startswith(SCHEME):
        raise InvalidInput(f"集群地址应以 {SCHEME} 开头：{url[:80]}")
    nodes = []
    for n, part in enumerate(url[len(SCHEME):].rstrip("/").split(","), 1):
        host, sep, port = part.strip().rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65535:
            raise InvalidInput(f"集群地址中的节点应写作 主机:端口：{part[:80]}")
        nodes.append(Node(n, host, int(port)))
    if not nodes or len(nodes) > MAX_NODES:
        raise InvalidInput(f"集群节点数应在 1 到 {MAX_NODES} 之间")
    return tuple(nodes)


def cluster_url(nodes: tuple[Node, ...]) -> str:
    """The inverse of ``parse_cluster_url``."""
    return SCHEME + ",".join(f"{n.host}:{n.port}" for n in nodes)


def local_nodes(count: int, base_port: int = DEFAULT_BASE_PORT, host: str = "127.0.0.1") -> tuple[Node, ...]:
    """``count`` nodes on one machine, ten ports apart."""
    if not 1 <= count <= MAX_NODES:
        raise InvalidInput(f"节点数应在 1 到 {MAX_NODES} 之间：{count}")
    if not 1024 <= base_port <= 65535 - PORT_STEP * count:
        raise InvalidInput(f"起始端口超出范围：{base_port}")
    return tuple(Node(i, host, base_port + PORT_STEP * (i - 1)) for i in range(1, count + 1))


# The facet values as attributes, so the engine filters, counts and orders (indexer.cluster.engine):
# single values as 62-bit hashes (``value_hash``; 0 for none), people as 64-bit multi-value attributes of
# their names' hashes, the date as YYYYMMDD and its month as YYYYMM (0 for none: the year and month facets
# group by month, a daily paper has 30 times fewer months than dates), the page file and position for date
# order; ``f_people`` holds every person of the record under their role (``role_hash``), so the three
# person facets are counted by one statement when no person filter is active. A group's value is read back from the representative row's ``facets`` JSON.
FACET_ATTRS = """    rt_attr_bigint = f_kind
    rt_attr_bigint = f_region
    rt_attr_bigint = f_section
    rt_attr_uint = f_date
    rt_attr_uint = f_month
    rt_attr_multi_64 = f_reporter
    rt_attr_multi_64 = f_photographer
    rt_attr_multi_64 = f_correspondent
    rt_attr_multi_64 = f_people
    rt_attr_string = f_file
    rt_attr_uint = f_ordinal"""
FACET_COLUMNS = tuple(line.split("=")[1].strip() for line in FACET_ATTRS.splitlines())


def _shard_index(path: Path) -> str:
    fields = "\n".join(f"    rt_field = {name}" for name in TEXT_FIELDS)
    matches = "\n".join(f"    rt_attr_string = {attr}" for attr in MATCH_ATTRS.values())
    return f"""index shard
{{
    type = rt
    path = {path}
    rt_mem_limit = 256M
{fields}
    rt_attr_bigint = fileid
    rt_attr_string = rid
    rt_attr_string = facets
    rt_attr_string = data
{matches}
{FACET_ATTRS}
    dict = keywords
    min_infix_len = 1
    charset_table = {CHARSET_TABLE}
    ngram_len = 1
    ngram_chars = {NGRAM_CHARS}
}}
"""


def _state_indexes(data: Path) -> str:
    return f"""index files
{{
    type = rt
    path = {data / "files"}
    rt_field = key
    rt_attr_string = file
    rt_attr_string = hash
    rt_attr_uint = shard
    rt_attr_uint = records
}}

index meta
{{
    type = rt
    path = {data / "meta"}
    rt_field = name
    rt_attr_bigint = generation
}}
"""


def node_config(node: Node, nodes: tuple[Node, ...], data: Path,
                query_timeout_ms: int = AGENT_QUERY_TIMEOUT_MS) -> str:
    """The ``searchd`` configuration of one node; ``data`` is that node's own directory."""
    agents = "\n".join(f"    agent = {other.host}:{other.api_port}:shard" for other in nodes if other != node)
    state = _state_indexes(data) if node.number == 1 else ""
    return f"""# baokan cluster node {node.number} of {len(nodes)} (written by `baokan cluster init`)
{_shard_index(data / "shard")}
index dist
{{
    type = distributed
    local = shard
{agents}
    agent_connect_timeout = {AGENT_CONNECT_TIMEOUT_MS}
    agent_query_timeout = {query_timeout_ms}
}}

{state}
searchd
{{
    listen = {node.host}:{node.port}:mysql41
    listen = {node.host}:{node.api_port}
    log = {data / "searchd.log"}
    pid_file = {data / "searchd.pid"}
    binlog_path = {data}
    workers = threads
    read_timeout = 5
    client_timeout = 300
    max_packet_size = 32M
    seamless_rotate = 1
    collation_server = binary
}}
"""


@dataclass(frozen=True)
class ClusterLayout:
    """What ``write_cluster`` wrote."""

    nodes: tuple[Node, ...]
    directory: Path
    configs: tuple[Path, ...]
    start: Path
    stop: Path

    @property
    def url(self) -> str:
        return cluster_url(self.nodes)


def write_cluster(directory: str | os.PathLike[str], count: int, base_port: int = DEFAULT_BASE_PORT,
                  host: str = "127.0.0.1", query_timeout_ms: int = AGENT_QUERY_TIMEOUT_MS) -> ClusterLayout:
    """Write ``node<i>/searchd.conf`` for ``count`` nodes on this machine, plus ``start.sh`` and ``stop.sh``.

    ``query_timeout_ms`` bounds how long a node waits for another's shard before reporting it.
    """
    nodes = local_nodes(count, base_port, host)
    if not 100 <= query_timeout_ms <= 600_000:
        raise InvalidInput(f"节点查询超时应在 100 到 600000 毫秒之间：{query_timeout_ms}")
    root = Path(directory).resolve()
    configs = []
    for node in nodes:
        data = root / f"node{node.number}"
        data.mkdir(parents=True, exist_ok=True)
        conf = data / "searchd.conf"
        conf.write_text(node_config(node, nodes, data, query_timeout_ms), encoding="utf-8")
        configs.append(conf)
    start = root / "start.sh"
    stop = root / "stop.sh"
    starts = "\n".join(f"searchd --config {shlex.quote(str(c))} >> {shlex.quote(str(c.parent / 'start.out'))} 2>&1 "
                       f"|| {{ echo '节点 {i} 启动失败，见 {c.parent / 'searchd.log'}' >&2; exit 1; }}"
                       for i, c in enumerate(configs, 1))
    stops = "\n".join(f"searchd --config {shlex.quote(str(c))} --stopwait >/dev/null 2>&1 || true" for c in configs)
    start.write_text(f"#!/bin/sh\n# start the {count} searchd of this cluster on this machine\nset -e\n{starts}\n"
                     f"echo '已启动 {count} 个节点：--backend {cluster_url(nodes)}'\n", encoding="utf-8")
    stop.write_text(f"#!/bin/sh\n# stop the {count} searchd of this cluster\n{stops}\necho '已停止'\n", encoding="utf-8")
    start.chmod(0o755)
    stop.chmod(0o755)
    return ClusterLayout(nodes, root, tuple(configs), start, stop)
