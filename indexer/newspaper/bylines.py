"""Credit lines: article bylines ("本报讯(记者徐金华)", "□ 李文") and photo credits ("本报记者 宋崇飞 摄")."""
from __future__ import annotations

import re
from dataclasses import dataclass

_CJK_NAME = r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,6})?"
# Longest roles first: "本报记者" must not be read as the name "本报" + role "记者".
_REPORTER_ROLES = ("本报见习记者", "本报特约记者", "本报记者", "新华社记者", "见习记者", "特约记者", "首席记者", "摄影记者", "记者", "实习生")
_CORRESPONDENT_ROLES = ("本报通讯员", "特约通讯员", "通讯员")
_ROLE = "|".join(sorted(_REPORTER_ROLES + _CORRESPONDENT_ROLES, key=len, reverse=True))
_SEP = r"[\s、,，/]"
# names need a separator or a role between them, so a long run of text cannot be cut into
# "names" in exponentially many ways: "本报记者 宋崇飞 通讯员 李红", "记者徐金华、王晓东"
_NAMES = rf"(?:(?:{_ROLE}){_SEP}*)?{_CJK_NAME}(?:(?:{_SEP}+(?:(?:{_ROLE}){_SEP}*)?|(?:{_ROLE}){_SEP}*){_CJK_NAME})*"

# "本报讯(记者徐金华)", "本报讯（记者 王晓东 通讯员 李红）", "新华社北京3月14日电（记者 刘明）"
_WIRE = re.compile(
    r"^(?P<credit>(?:据)?(?:本报讯|本报[\u4e00-\u9fff]{1,6}讯|(?:新华社|中新社|人民日报)[\u4e00-\u9fff\d]{0,14}电)"
    r"\s*(?:[(（](?P<inner>[^()（）\n]{0,60})[)）])?)\s*"
)
# "□ 李文", "■本报记者 张三 李四"
_BOX = re.compile(rf"^(?P<credit>[□■]\s*(?P<inner>{_NAMES}))\s*$")
# a credit line of its own: "本报记者 王晓东 通讯员 李红"
_STANDALONE = re.compile(rf"^(?P<credit>(?P<inner>(?:{_ROLE}){_SEP}*{_NAMES}))\s*$")
# photo credit closing a paragraph: "…作业。本报记者 宋崇飞 摄", "通讯员 李红 摄", "记者 王飞/摄"
_PHOTO = re.compile(rf"(?<![^\s。！？!?”’」』)）.;；])(?P<credit>{_NAMES}\s*/?\s*摄(?:影)?)\s*$")
_MAX_CREDIT = 60
_TOKEN = re.compile(rf"(?P<role>{_ROLE})|(?P<name>[\u4e00-\u9fff·]+)")


@dataclass(frozen=True)
class Credit:
    """A parsed credit: the text as printed and the people in it by role."""

    text: str
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()


def split_names(inner: str, default_role: str = "记者") -> Credit:
    """People in the inside of a credit: "记者 王晓东 通讯员 李红" -> reporters 王晓东, correspondents 李红."""
    reporters: list[str] = []
    correspondents: list[str] = []
    role = default_role
    for m in _TOKEN.finditer(inner):
        if m.group("role"):
            role = m.group("role")
            continue
        for name in _names_in(m.group("name")):
            target = correspondents if role in _CORRESPONDENT_ROLES else reporters
            if name not in target:
                target.append(name)
    return Credit(inner, tuple(reporters), tuple(correspondents))


def _names_in(run: str) -> list[str]:
    """One run of characters between separators: "徐金华" -> [徐金华]; "徐金华王晓东" -> two 3-character names."""
    if run in ("报道", "报告", "摄", "摄影", "综合", "本报", "文图", "图文", "整理"):
        return []
    if len(run) == 6 and "·" not in run:
        return [run[:3], run[3:]]
    if 2 <= len(run) <= 4 or ("·" in run and len(run) <= 12):
        return [run]
    return []


def match_byline(block: str) -> tuple[Credit, str] | None:
    """A byline at the start of a block: (credit, rest of the block), else None.

    "本报讯(记者徐金华)7月26日上午,…" -> (Credit("本报讯(记者徐金华)", ("徐金华",)), "7月26日上午,…").
    """
    m = _WIRE.match(block)
    if m:
        people = split_names(m.group("inner") or "", default_role="")
        return Credit(m.group("credit").strip(), people.reporters, people.correspondents), block[m.end():].strip()
    for pattern in (_BOX, _STANDALONE):
        m = pattern.match(block.strip()) if len(block) <= _MAX_CREDIT else None
        if m:
            people = split_names(m.group("inner"))
            if people.reporters or people.correspondents:
                return Credit(m.group("credit").strip(), people.reporters, people.correspondents), ""
    return None


def match_photo_credit(block: str) -> tuple[str, Credit] | None:
    """A photo credit closing a block: (text before it, credit with photographers in ``reporters``).

    "…进行作业。本报记者 宋崇飞 摄" -> ("…进行作业。", Credit("本报记者 宋崇飞 摄", ("宋崇飞",))).
    """
    m = _PHOTO.search(block, max(0, len(block) - _MAX_CREDIT))  # a credit is short: look at the end only
    if not m:
        return None
    people = split_names(m.group("credit").rstrip("摄影/ \t"))
    names = people.reporters + tuple(n for n in people.correspondents if n not in people.reporters)
    if not names:
        return None
    return block[: m.start()].rstrip(), Credit(m.group("credit"), names)
