"""SphinxQL over PyMySQL: one connection per node and thread, bounded timeouts, every failure naming its node.

A distributed query whose agent is down or slow still answers, with the other
shards' rows and a warning (``agent 127.0.0.1:9317: connect() failed``). That is a
partial answer, so ``Cluster.query`` reads the warnings after each statement and
raises ``ClusterUnavailable`` naming the node instead of returning it.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

import pymysql
from pymysql.constants import CLIENT

from indexer.cluster.config import Node
from indexer.errors import ClusterUnavailable

CONNECT_TIMEOUT = 2.0  # seconds to reach a node
READ_TIMEOUT = 15.0  # seconds for one answer: above the agents' query timeout (10 s), so that one is seen first
WRITE_TIMEOUT = 15.0

_AGENT = re.compile(r"agent ([^\s:]+):(\d+)")


class Cluster:
    """The nodes of one cluster; ``query(node, sql, args)`` from any thread."""

    def __init__(self, nodes: Sequence[Node]) -> None:
        self.nodes = tuple(nodes)
        self.coordinator = self.nodes[0]
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    def _connection(self, node: Node) -> Any:
        conns = getattr(self._local, "conns", None)
        if conns is None:
            conns = self._local.conns = {}
        conn = conns.get(node.number)
        if conn is None:
            try:
                conn = pymysql.connect(host=node.host, port=node.port, charset="utf8mb4", autocommit=True,
                                       connect_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT,
                                       write_timeout=WRITE_TIMEOUT, client_flag=CLIENT.MULTI_STATEMENTS)
            except pymysql.MySQLError as exc:
                raise ClusterUnavailable(node.label, _reason(exc), node.number) from None
            conns[node.number] = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _drop(self, node: Node) -> None:
        conn = getattr(self._local, "conns", {}).pop(node.number, None)
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass

    def query(self, node: Node, sql: str, args: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows of one statement on ``node``; ClusterUnavailable if it or an agent it asked failed."""
        return self._run(node, sql, args, False)[0]

    def batch(self, node: Node, statements: Sequence[str]) -> list[list[tuple[Any, ...]]]:
        """The rows of each statement, sent in one round trip (a SphinxQL multi-statement batch);
        ClusterUnavailable as ``query``."""
        if not statements:
            return []
        return self._run(node, ";\n".join(statements), None, True)

    def _run(self, node: Node, sql: str, args: Sequence[Any] | None, many: bool) -> list[list[tuple[Any, ...]]]:
        if not sql.strip():
            raise ValueError("empty SphinxQL statement")  # searchd 2.2.11 dies of one (signal 11, measured)
        for attempt in (1, 2):  # a connection the node closed since (idle timeout, restart) is reopened once
            conn = self._connection(node)
            try:
                with conn.cursor() as cur:
                    cur.execute(sql, args)
                    results = [list(cur.fetchall())]
                    warnings = cur.warning_count
                    while many and cur.nextset():
                        results.append(list(cur.fetchall()))
                        warnings += cur.warning_count
                if warnings:
                    self._check_warnings(node, conn, many)
                return results
            except pymysql.err.OperationalError as exc:
                self._drop(node)
                code = exc.args[0] if exc.args else 0
                if attempt == 1 and code in (2006, 2013, 2014, 2055):  # gone away / lost: retry on a fresh one
                    continue
                raise ClusterUnavailable(node.label, _reason(exc), node.number) from None
            except pymysql.err.InterfaceError as exc:
                self._drop(node)
                if attempt == 1:
                    continue
                raise ClusterUnavailable(node.label, _reason(exc), node.number) from None
            except pymysql.MySQLError as exc:  # a statement the node refused
                if many:  # the batch's later results are still on the wire
                    self._drop(node)
                raise ClusterUnavailable(node.label, _reason(exc), node.number) from None
        raise AssertionError("unreachable")

    def _check_warnings(self, node: Node, conn: Any, many: bool = False) -> None:
        for warning in conn.show_warnings() or ():
            message = str(warning[-1])
            m = _AGENT.search(message)
            culprit = self.node_of_agent(m.group(1), int(m.group(2))) if m else None
            culprit = culprit or node
            raise ClusterUnavailable(culprit.label, _short(message), culprit.number)
        if many:  # a batch's warnings may be an earlier statement's than SHOW WARNINGS tells: still not complete
            raise ClusterUnavailable(node.label, "查询返回警告（结果可能不完整）", node.number)

    def node_of_agent(self, host: str, port: int) -> Node | None:
        """The node whose shard an agent address names (``127.0.0.1:9317`` -> node 2)."""
        return next((n for n in self.nodes if n.host == host and n.api_port == port), None)

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except Exception:
                pass
        self._local = threading.local()


def _reason(exc: Exception) -> str:
    """A one-line reason: "无法连接（Connection refused）", "超时", or the node's own message."""
    text = " ".join(str(a) for a in getattr(exc, "args", ()) if not isinstance(a, int)) or type(exc).__name__
    if "timed out" in text or "timeout" in text.lower():
        return "超时未响应"
    if "Can't connect" in text or "Connection refused" in text:
        return "无法连接（未启动或已停止）"
    if "Lost connection" in text or "gone away" in text:
        return "连接中断（节点已停止？）"
    return _short(text)


def _short(text: str) -> str:
    return text.replace("\n", " ")[:200]
