"""The records a page is parsed into: articles and standalone photo captions."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["article", "caption"]
DateSource = Literal["header", "filename", "manifest", "inferred"]


@dataclass(frozen=True)
class Caption:
    """A photo caption inside an article: "…作业。本报记者 宋崇飞 摄"."""

    text: str
    photographers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "photographers": list(self.photographers)}


@dataclass(frozen=True)
class Record:
    """One article or standalone photo caption; ``to_dict`` is the JSON Lines contract."""

    id: str
    kind: Kind
    title: str
    body: str
    section: str | None = None
    byline: str | None = None
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    region: str | None = None
    pub_date: str | None = None
    pub_date_source: DateSource | None = None
    source: str = ""
    page: str | None = None
    paper: str | None = None
    page_staff: tuple[str, ...] = ()  # the page's staff as printed on it: ("责任编辑：崔国强", "校对：赵凯")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("reporters", "correspondents", "photographers", "page_staff"):
            data[key] = list(data[key])
        data["captions"] = [c.to_dict() for c in self.captions]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        values = dict(data)
        for key in ("reporters", "correspondents", "photographers", "page_staff"):
            values[key] = tuple(values.get(key) or ())
        values["captions"] = tuple(
            Caption(c["text"], tuple(c.get("photographers") or ())) for c in values.get("captions") or ()
        )
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in values.items() if k in known})


@dataclass(frozen=True)
class PageMeta:
    """What is known about a page: paper, date, page, and the staff its furniture names.

    ``staff``: (role, name) pairs printed on the page, "责任编辑：崔国强  校对：赵  凯" ->
    (("责任编辑", "崔国强"), ("校对", "赵凯")).
    """

    paper: str | None = None
    pub_date: str | None = None
    pub_date_source: DateSource | None = None
    page: str | None = None
    staff: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ParsedPage:
    """A parsed page: its records, its metadata, and the text dropped as boilerplate/layout."""

    source: str
    records: tuple[Record, ...]
    meta: PageMeta
    dropped: tuple[str, ...] = field(default=())

    def accounted_text(self) -> str:
        """Every piece of the page the parser kept or dropped: titles, bylines, bodies, captions, dropped parts.

        Nothing is lost when its CJK characters are the input's: "焦作日报\n# 标题\n本报讯 正文。" ->
        "焦作日报\n标题\n本报讯\n正文。" (the order differs, the characters do not).
        """
        parts: list[str] = []
        for r in self.records:
            parts.extend((r.title, r.byline or "", r.body))
            parts.extend(caption.text for caption in r.captions)
        parts.extend(self.dropped)
        return "\n".join(part for part in parts if part)
