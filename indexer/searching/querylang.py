"""baokan's query language: a small, lenient parser that never fails on user text.

    巡察 市科技局            both (spaces mean AND)
    吕沛 OR 官卫红           either
    科技 -巡察 / 科技 NOT 巡察 without
    "焦作 日报"              exact string (whitespace is ignored in matching)
    (吕沛 OR 官卫红) 项目     grouping
    标题:巡察  title:巡察     in a field: 标题/title 记者/reporter 摄影/photographer
                             通讯员/correspondent 地区/region 栏目/section 类型/kind
    日期:2021-11  date:2021-11-01..2021-11-30   a date or a range (either end open)

Damaged input is repaired and the repair is reported: an unclosed quote or
bracket is closed at the end, a stray ``)`` or a dangling ``OR`` is ignored.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field

from indexer.errors import QueryError
from indexer.searching.facets import FIELD_LABELS

# the fields a query may name (``标题:巡察``, ``title:巡察``) ...
QUERY_FIELDS = ("title", "reporter", "photographer", "correspondent", "region", "section", "date", "kind")
# ... and every name for one, English or Chinese -> the field: "标题" -> "title", "作者" -> "reporter"
FIELD_ALIASES: dict[str, str] = {**{name: name for name in QUERY_FIELDS},
                                 **{FIELD_LABELS[name]: name for name in QUERY_FIELDS}, "作者": "reporter"}

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MAX_DEPTH = 16

# --- the syntax tree -------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A string to find as a substring: ``巡察``, ``"焦作 日报"``, ``标题:巡察``."""

    value: str
    field: str | None = None  # None = anywhere; else one of QUERY_FIELDS
    quoted: bool = dataclass_field(default=False, compare=False)  # matching is the same either way


@dataclass(frozen=True)
class DateRange:
    """``日期:2021-11`` -> start 2021-11-01, end 2021-11-30 (the month's last day; compared as strings)."""

    start: str | None
    end: str | None
    label: str = dataclass_field(default="", compare=False)  # as the user wrote it


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Text | DateRange | Not | And | Or


@dataclass(frozen=True)
class ParsedQuery:
    """The tree (None for an empty query), its canonical form and repair notes."""

    tree: Node | None
    understood: str
    notes: tuple[str, ...] = field(default=())

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        """Positive text terms, for snippets: ``科技 -巡察`` -> ("科技",)."""
        out: list[str] = []
        _collect_terms(self.tree, False, out)
        return tuple(dict.fromkeys(out))


def _collect_terms(node: Node | None, negated: bool, out: list[str]) -> None:
    if isinstance(node, Text):
        if not negated and node.field in (None, "title"):
            out.append(node.value)
    elif isinstance(node, Not):
        _collect_terms(node.child, not negated, out)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            _collect_terms(child, negated, out)


# --- lexing -----------------------------------------------------------------

_TOKEN = re.compile(r'\s+|[()（）]|"[^"]*"?|[^\s()（）"]+')
_DATE = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?年?$")


@dataclass(frozen=True)
class _Tok:
    kind: str  # "(" ")" "OR" "AND" "NOT" "word" "phrase"
    value: str


def _lex(text: str, notes: list[str]) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        s = m.group()
        if s.isspace():
            continue
        if s in "(（":
            toks.append(_Tok("(", s))
        elif s in ")）":
            toks.append(_Tok(")", s))
        elif s.startswith('"'):
            if len(s) == 1 or not s.endswith('"'):
                notes.append("引号未闭合，已在末尾补全")
                inner = s[1:]
            else:
                inner = s[1:-1]
            toks.append(_Tok("phrase", inner))
        elif s in ("OR", "|", "或"):
            toks.append(_Tok("OR", s))
        elif s in ("AND", "&", "与"):
            toks.append(_Tok("AND", s))
        elif s in ("NOT", "非"):
            toks.append(_Tok("NOT", s))
        else:
            toks.append(_Tok("word", s))
    return _attach_field_phrases(toks)


def _attach_field_phrases(toks: list[_Tok]) -> list[_Tok]:
    """``标题:"市委 巡察"`` lexes as word ``标题:`` + phrase; join them."""
    out: list[_Tok] = []
    for tok in toks:
        if tok.kind == "phrase" and out and out[-1].kind == "word" and out[-1].value.endswith((":", "：")):
            prefix = out.pop().value
            out.append(_Tok("fieldphrase", prefix[:-1] + "\x00" + tok.value))
        else:
            out.append(tok)
    return out


# --- parsing ----------------------------------------------------------------


class _Parser:
    def __init__(self, toks: list[_Tok], notes: list[str]) -> None:
        self.toks = toks
        self.i = 0
        self.notes = notes
        self.depth = 0
        self.terms = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> Node | None:
        node = self.parse_or()
        while self.peek() is not None:  # stray ")" at top level
            self.i += 1
            self.notes.append("多余的右括号已忽略")
            more = self.parse_or()
            node = _and([n for n in (node, more) if n is not None])
        return node

    def parse_or(self) -> Node | None:
        items: list[Node] = []
        node = self.parse_and()
        if node is not None:
            items.append(node)
        elif (tok := self.peek()) is not None and tok.kind == "OR":
            self.notes.append("OR 两侧缺少检索词，已忽略")
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.i += 1
            node = self.parse_and()
            if node is None:
                self.notes.append("OR 两侧缺少检索词，已忽略")
            else:
                items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Node | None:
        items: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("OR", ")"):
            if tok.kind == "AND":
                self.i += 1
                continue
            node = self.parse_unary()
            if node is not None:
                items.append(node)
        return _and(items)

    def parse_unary(self) -> Node | None:
        tok = self.peek()
        assert tok is not None
        if tok.kind == "NOT" or (tok.kind == "word" and tok.value.startswith("-") and len(tok.value) > 1):
            if tok.kind == "NOT":
                self.i += 1
                if self.peek() is None or self.peek().kind in ("OR", ")"):  # type: ignore[union-attr]
                    self.notes.append("NOT 后缺少检索词，已忽略")
                    return None
                child = self.parse_unary()
            else:
                self.i += 1
                child = self._word(tok.value[1:])
            return Not(child) if child is not None else None
        if tok.kind == "(":
            self.i += 1
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"括号嵌套过深（最多 {MAX_DEPTH} 层）")
            node = self.parse_or()
            if self.peek() is not None and self.peek().kind == ")":  # type: ignore[union-attr]
                self.i += 1
            else:
                self.notes.append("括号未闭合，已在末尾补全")
            self.depth -= 1
            return node
        self.i += 1
        if tok.kind == "phrase":
            return self._text(tok.value, None, quoted=True)
        if tok.kind == "fieldphrase":
            name, value = tok.value.split("\x00", 1)
            return self._fielded(name, value, quoted=True) or self._text(value, None, quoted=True)
        return self._word(tok.value)

    def _word(self, raw: str) -> Node | None:
        m = re.match(r"^([^:：]+)[:：](.*)$", raw)
        if m and m.group(1).lower() in FIELD_ALIASES:
            if not m.group(2):
                self.notes.append(f"“{m.group(1)}:” 后缺少内容，已忽略")
                return None
            node = self._fielded(m.group(1), m.group(2), quoted=False)
            if node is not None:
                return node
        return self._text(raw, None, quoted=False)

    def _fielded(self, name: str, value: str, quoted: bool) -> Node | None:
        fieldname = FIELD_ALIASES.get(name.lower())
        if fieldname is None:
            return None
        if fieldname == "date":
            return parse_date_range(value)
        return self._text(value, fieldname, quoted)

    def _text(self, value: str, fieldname: str | None, quoted: bool) -> Node | None:
        if not any(ch.isalnum() or not ch.isspace() for ch in value) or not value.strip():
            if quoted:
                self.notes.append("空的引号已忽略")
            return None
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QueryError(f"检索词过多（最多 {MAX_TERMS} 个）")
        return Text(value.strip(), fieldname, quoted)


def _and(items: list[Node]) -> Node | None:
    items = [c for item in items for c in (item.children if isinstance(item, And) else (item,))]
    if not items:
        return None
    return items[0] if len(items) == 1 else And(tuple(items))


def parse_date(value: str, end: bool) -> str:
    """``2021`` / ``2021-11`` / ``2021-11-05`` / ``2021年11月`` -> an ISO bound.

    As an end bound a partial date extends to the end of its period:
    "2021-11" -> "2021-11-30".
    """
    m = _DATE.match(value.strip())
    if not m:
        raise QueryError(f"无法识别的日期：{value}（请用 2021、2021-11 或 2021-11-05）")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if not 1000 <= year <= 2999:
        raise QueryError(f"年份超出范围：{value}")
    mon = int(month) if month else (12 if end else 1)
    if not 1 <= mon <= 12:
        raise QueryError(f"月份超出范围：{value}")
    last = calendar.monthrange(year, mon)[1]
    d = int(day) if day else (last if end else 1)
    if not 1 <= d <= last:
        raise QueryError(f"日期超出范围：{value}")
    return f"{year:04d}-{mon:02d}-{d:02d}"


def parse_date_range(value: str) -> DateRange:
    """``2021-11`` or ``2021-11-01..2021-11-30`` (``..2021``, ``2021..``) -> DateRange."""
    if ".." in value:
        lo, hi = value.split("..", 1)
        start = parse_date(lo, end=False) if lo.strip() else None
        end = parse_date(hi, end=True) if hi.strip() else None
    else:
        start, end = parse_date(value, end=False), parse_date(value, end=True)
    if start and end and start > end:
        raise QueryError(f"起始日期晚于结束日期：{value}")
    return DateRange(start, end, value)


def parse_query(text: str) -> ParsedQuery:
    """Parse user text; raises QueryError only for input over the limits."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"检索式过长（{len(text)} 字，最多 {MAX_QUERY_CHARS} 字）")
    notes: list[str] = []
    tree = _Parser(_lex(text, notes), notes).parse()
    return ParsedQuery(tree, render(tree), tuple(dict.fromkeys(notes)))


def render(node: Node | None) -> str:
    """The canonical form of a tree: ``巡察 AND (标题:"市委" OR 记者:"徐金华")``."""
    if node is None:
        return ""
    if isinstance(node, Text):
        quoted = f'"{node.value}"' if (node.quoted or not _bare_ok(node.value)) else node.value
        return f"{FIELD_LABELS[node.field]}:{quoted}" if node.field else quoted
    if isinstance(node, DateRange):
        if node.start and node.end:
            span = node.start if node.start == node.end else f"{node.start}..{node.end}"
        else:
            span = f"{node.start or ''}..{node.end or ''}"
        return f"{FIELD_LABELS['date']}:{span}"
    if isinstance(node, Not):
        return f"NOT {render(node.child)}"
    sep = " AND " if isinstance(node, And) else " OR "
    return sep.join(_group(c, node) for c in node.children)


def _group(child: Node, parent: Node) -> str:
    text = render(child)
    needs = isinstance(child, (And, Or)) and type(child) is not type(parent)
    return f"({text})" if needs else text


def _bare_ok(value: str) -> bool:
    return not any(ch.isspace() or ch in '()（）":：' for ch in value) and not value.startswith("-") \
        and value not in ("OR", "AND", "NOT")


def narrow(q: str, more: str) -> str:
    """``q`` AND ``more`` as one query text (二次检索): ``narrow("吕沛 OR 官卫红", "项目")`` -> "(吕沛 OR 官卫红) 项目".

    Each side keeps the user's words unless it had to be repaired (then its repaired
    form, so an unclosed quote cannot swallow the new terms) or is an OR (then bracketed).
    """
    parts = []
    for text in (q, more):
        parsed = parse_query(text)
        if parsed.tree is None:
            continue
        if isinstance(parsed.tree, Or):
            parts.append(f"({parsed.understood})")
        else:
            parts.append(parsed.understood if parsed.notes else text.strip())
    return " ".join(parts)
