"""The exception tree: every error baokan raises on purpose derives from BaokanError."""
from __future__ import annotations


class BaokanError(Exception):
    """Base class of baokan's own errors; the message is fit to show a user."""


class UnreadableFile(BaokanError):
    """An input file cannot be read or decoded as page text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class InvalidInput(BaokanError):
    """A value given at the edge (CLI argument, URL parameter, data file) is invalid."""


class QueryError(InvalidInput):
    """A search request cannot be run as given (bad filter value, query too long...)."""


class IndexProblem(BaokanError):
    """The index is missing, locked, or was built with other settings."""


class IndexMissing(IndexProblem):
    """No index exists in the given directory."""


class IndexLocked(IndexProblem):
    """Another process is writing to the index."""


class ClusterUnavailable(IndexProblem):
    """A node of the Sphinx/Manticore cluster is down, slow or refused a statement; the message names it."""

    def __init__(self, node: str, reason: str, number: int | None = None) -> None:
        # "检索集群的节点 2（127.0.0.1:9316）不可用：无法连接（未启动或已停止）"
        super().__init__(f"检索集群的{node}不可用：{reason}")
        self.node = node
        self.reason = reason
        self.number = number  # the node's number in the cluster, for a message without its address

    @property
    def public_message(self) -> str:
        """What a site visitor sees: the node by number, no address."""
        which = f"节点 {self.number}" if self.number else "一个节点"
        return f"检索集群的{which}暂时不可用；为免给出不完整的结果，本次请求未执行，请稍后再试"


class SettingsMismatch(IndexProblem):
    """The index was built with another gazetteer/tokenizer dictionary: rebuild it."""


class IndexDamaged(IndexProblem):
    """No commit of the index passes the check at open (files missing or of the wrong length): run baokan check --repair."""


class RecordNotFound(BaokanError):
    """No record has the requested id."""


class IssueNotFound(RecordNotFound):
    """No issue on the requested day, or no such page in it (a 404 like an unknown record)."""
