"""Regions of the paper's city: a gazetteer data file and the rule that tags a record."""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from indexer.errors import InvalidInput

BUNDLED = "gazetteer_jiaozuo.json"


@dataclass(frozen=True)
class Mentions:
    """Place mentions in one piece of text: district/county counts, city-wide count, first positions."""

    districts: Counter[str]
    first_seen: dict[str, int]
    city: int


@dataclass(frozen=True)
class Gazetteer:
    """Canonical regions with their aliases, the city and its city-wide markers."""

    city: str
    city_markers: tuple[str, ...]
    region_aliases: tuple[tuple[str, tuple[str, ...]], ...]
    false_hits: tuple[str, ...] = ()
    own_area_words: tuple[str, ...] = ()
    paper: str | None = None
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _meaning: dict[str, str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        meaning: dict[str, str | None] = {}
        for hit in self.false_hits:
            meaning[hit] = None
        for marker in self.city_markers:
            meaning.setdefault(marker, self.city)
        for name, aliases in self.region_aliases:
            for alias in (name, *aliases):
                meaning[alias] = name  # a region alias beats a city marker spelled the same
        # Longest first, so "城乡一体化示范区" beats "示范区" and "集中区" beats "中区" at the same place.
        alternatives = sorted(meaning, key=len, reverse=True)
        object.__setattr__(self, "_meaning", meaning)
        object.__setattr__(self, "_pattern", re.compile("|".join(map(re.escape, alternatives)) or r"(?!)"))

    @property
    def regions(self) -> tuple[str, ...]:
        """Canonical names in display order, the city last: ("解放区", ..., "孟州市", "焦作市")."""
        return tuple(name for name, _ in self.region_aliases) + (self.city,)

    @property
    def fingerprint(self) -> str:
        """sha256 of the canonical JSON: changes whenever any name, alias or rule word changes."""
        return hashlib.sha256(_canonical_json(self.to_data()).encode("utf-8")).hexdigest()

    def to_data(self) -> dict[str, Any]:
        """The gazetteer as the JSON structure it was loaded from (normalised)."""
        return {
            "paper": self.paper,
            "city": {"name": self.city, "markers": list(self.city_markers)},
            "regions": [{"name": n, "aliases": list(a)} for n, a in self.region_aliases],
            "false_hits": list(self.false_hits),
            "own_area_words": list(self.own_area_words),
        }

    def for_other_paper(self) -> Gazetteer:
        """The gazetteer for another paper's pages: words that mean "our city" only in our own paper go.

        On 焦作日报's pages "我市", "全市", "市委" mean 焦作市; on 人民日报's they mean some other
        city, or none (a national story about Kazakhstan is not 焦作市). Names stay: "焦作市",
        "温县" mean the same place in any paper. "该区", "区领导" follow the page's district,
        which another paper's page does not have.
        """
        stem = self.city.removesuffix("市")
        return Gazetteer(
            city=self.city, city_markers=tuple(m for m in self.city_markers if stem in m),
            region_aliases=self.region_aliases, false_hits=self.false_hits, own_area_words=(), paper=self.paper,
        )

    def canonical(self, name: str) -> str | None:
        """The canonical region for a name or alias: "中区" -> "中站区", "我市" -> "焦作市"."""
        text = name.strip()
        if text == self.city:
            return self.city
        return self._meaning.get(text)

    def mentions(self, text: str) -> Mentions:
        """Count place mentions: "中区区科工局…到中区转化" -> 中站区×2; "集中财力" -> nothing."""
        districts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        city = 0
        for m in self._pattern.finditer(text):
            place = self._meaning.get(m.group())
            if place is None:
                continue  # a false hit such as "集中区" or "宁乡高新区"
            if place == self.city:
                city += 1
            else:
                districts[place] += 1
                first_seen.setdefault(place, m.start())
        return Mentions(districts, first_seen, city)

    def speaks_of_own_area(self, text: str) -> bool:
        """True for "区领导万英奎…" or "该区": the story is about the page's own district."""
        return any(word in text for word in self.own_area_words)

    def detect_region(self, title: str, lead: str, body: str, page_hint: str | None = None) -> str | None:
        """Tag a record with one canonical region, or None when nothing local is mentioned.

        Title first, then the lead, then the dominant district/county of the body; a district or
        county beats 焦作市 at the same level ("焦作赛科中药…位于武陟县" -> 武陟县). City markers
        in the title or lead need a district named at least twice in the body to be overridden.
        With no place named, "区领导"/"该区" takes ``page_hint``; else city markers give 焦作市.
        """
        whole = "\n".join((title, lead, body))
        overall = self.mentions(whole).districts
        t = self.mentions(title)
        if t.districts:
            return _best(t, overall)
        lead_m = self.mentions(lead)
        if lead_m.districts:
            return _best(lead_m, overall)
        city_early = t.city + lead_m.city > 0
        body_m = self.mentions(body)
        if body_m.districts:
            ranked = body_m.districts.most_common(2)
            top, count = ranked[0]
            runner_up = ranked[1][1] if len(ranked) > 1 else 0
            if count > runner_up and (count >= 2 or not city_early):
                return top
        if page_hint and self.speaks_of_own_area(whole):
            return page_hint
        if city_early or body_m.city or t.city:
            return self.city
        return None


def _best(m: Mentions, overall: Counter[str]) -> str:
    """The most mentioned district of a text; ties go to the one more mentioned overall, then the first."""
    return min(m.districts, key=lambda d: (-m.districts[d], -overall[d], m.first_seen[d]))


def _canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load a gazetteer JSON file (None: the bundled 焦作 one); a bad file raises InvalidInput."""
    try:
        if path is None:
            raw = resources.files("indexer.newspaper").joinpath("data", BUNDLED).read_text(encoding="utf-8")
            where = BUNDLED
        else:
            where = str(path)
            raw = Path(path).read_text(encoding="utf-8-sig")
        data = json.loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InvalidInput(f"gazetteer {path}: cannot read it as UTF-8 JSON ({exc.__class__.__name__}: {exc})") from None
    return gazetteer_from_data(data, where)


def gazetteer_from_data(data: Any, where: str = "gazetteer") -> Gazetteer:
    """Build a Gazetteer from the parsed JSON structure, checking its shape."""

    def bad(msg: str) -> InvalidInput:
        return InvalidInput(f"gazetteer {where}: {msg}")

    def str_list(value: Any, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise bad(f'"{key}" must be a list of non-empty strings')
        return tuple(v.strip() for v in value)

    if not isinstance(data, dict):
        raise bad("top level must be an object")
    city = data.get("city")
    if not isinstance(city, dict) or not isinstance(city.get("name"), str) or not city["name"].strip():
        raise bad('"city" must be an object with a "name"')
    regions = data.get("regions")
    if not isinstance(regions, list):
        raise bad('"regions" must be a list of {"name", "aliases"} objects')
    region_aliases: list[tuple[str, tuple[str, ...]]] = []
    seen: set[str] = set()
    for entry in regions:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise bad('each region needs a non-empty "name"')
        name = entry["name"].strip()
        if name in seen:
            raise bad(f"region {name} is listed twice")
        seen.add(name)
        region_aliases.append((name, str_list(entry.get("aliases"), f"{name}.aliases")))
    paper = data.get("paper")
    if paper is not None and not isinstance(paper, str):
        raise bad('"paper" must be a string')
    return Gazetteer(
        city=city["name"].strip(),
        city_markers=str_list(city.get("markers"), "city.markers"),
        region_aliases=tuple(region_aliases),
        false_hits=str_list(data.get("false_hits"), "false_hits"),
        own_area_words=str_list(data.get("own_area_words"), "own_area_words"),
        paper=paper,
    )
