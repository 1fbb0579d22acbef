"""A deterministic synthetic archive of 焦作日报 pages, for benchmarks.

Writes one page per file, laid out like the seed pages in ``webapp/demo_pages``:

    bench/out/c10k/1998/1998-03-07_02.txt
        焦作日报                                  (header block on ~60% of pages;
        1998年3月7日 星期六                        the date is always in the file name)
        第2版 要闻
        # 示范区召开……工作汇报会                   (headline: "#", "##" or plain)
        本报讯(记者付凯明 通讯员李红)3月5日上午,…  (byline + dated lead)
        …paragraphs, some broken mid-word by a blank line…
        3月6日,位于孟州市的河南…有限公司…。本报记者 宋崇飞 摄   (standalone caption)
        ## 科技视界                                (column label)
        扫一扫 关注我们 / 焦作日报 微信公众号       (boilerplate footer)

Words are drawn by frequency from jieba's dictionary (so vocabulary grows with
the corpus as in real text), mixed with the news register of the seed pages;
person and company names come from fixed pools with a Zipf-like distribution,
so the name at a given rank is the same whatever the corpus size and rare-name
searches have realistic hit counts. ``meta.json`` records the settings, the
intended record counts and the pools' heads for the query benchmark.

    python bench/corpus.py --records 10000 --seed 1 --out bench/out/c10k
    python bench/corpus.py --records 50 --seed 7 --day 2025-01-15 --out bench/out/day
    python bench/corpus.py --records 1000000 --seed 1 --jobs 2 --out bench/out/c1m

Generator 2 (meta.json "generator": 2) writes pages in chunks of 400, each chunk
with its own RNG, so ``--jobs`` does not change the output; generator 1 (the
10k/100k corpora of session 2) drew every page from one RNG stream.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import sys
import time
from bisect import bisect
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED_PAGES = sorted(p for pattern in ("000_*.txt", "004_*.txt") for p in (HERE.parent / "webapp" / "demo_pages").glob(pattern))

REGIONS = {  # canonical name -> (aliases used in text, weight)
    "解放区": (("解放区",), 8), "中站区": (("中站区", "中区"), 5), "马村区": (("马村区",), 5),
    "山阳区": (("山阳区",), 7), "示范区": (("示范区", "高新区", "城乡一体化示范区"), 7),
    "修武县": (("修武县", "修武"), 5), "博爱县": (("博爱县", "博爱"), 5), "武陟县": (("武陟县", "武陟"), 6),
    "温县": (("温县",), 5), "沁阳市": (("沁阳市", "沁阳"), 6), "孟州市": (("孟州市", "孟州"), 6),
}
CITY = ("我市", "全市", "焦作", "市委", "市政府")
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
            "薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺"
            "赖龚文翟付官葛")
GIVEN = ("建国华明伟军强平红芳丽敏静磊涛杰勇艳娟霞秀英兰玉凤海波斌刚鹏飞辉超峰亮宇浩然俊生金光沛卫"
         "凯树勋崇程鑫新江中煜保民小世月志德学文武春雪梅林松云东南晓宁帅爽倩颖婷佳欣怡晨阳")
BRANDS = ("华康耀天基御捷赛科星凯隆昌盛瑞丰泰宏远鑫源恒达宝祥明仁卓立百仑多氟中原智慧豫北怀川太行"
          "沁河月山焦煤万方")
INDUSTRY = ("电子", "生物科技", "电气设备", "轮胎", "新材料", "机械制造", "食品", "化工", "汽车", "环保科技",
            "建筑工程", "物流", "医药", "铝业", "能源", "检测技术", "纺织", "农业开发", "文化传媒", "智能科技")
COLUMNS = ("科技视界", "怀川大地", "民生热线", "县区传真", "文化周刊", "法治在线", "经济观察", "图片新闻")
PAGE_LABELS = ("要闻", "综合", "县区", "经济", "科教", "文体", "民生", "专版")
WEEKDAYS = "一二三四五六日"
LEAD_TIMES = ("上午", "下午", "", "", "晚")
OPENERS = ("近日,", "日前,", "今年以来,", "连日来,", "记者从{org}获悉,", "")
ORGS = ("市科技局", "市财政局", "市住建局", "市教育局", "市发改委", "市人大常委会", "市政协", "市委宣传部")
VERBS_HEAD = ("召开", "推进", "开展", "举行", "启动", "加快", "部署", "调研", "表彰", "打造")
NOUNS_HEAD = ("工作汇报会", "推进会", "座谈会", "专项行动", "现场会", "培训班", "签约仪式", "观摩活动", "总结大会")
ROLES = ("党委书记", "区长", "县长", "副市长", "主任", "局长", "董事长", "总经理", "教授", "副区长")
SPEECH = ("强调", "指出", "表示", "要求", "介绍", "说")
BOILERPLATE = (("扫一扫 关注我们", "焦作日报 微信公众号"), ("扫一扫 关注我们", "{region}发布 微信公众号"),
               ("责任编辑 {name}",), ("(下转第{n}版)",))


class Sampler:
    """Weighted draws from a fixed list (cumulative weights + bisect, reproducible)."""

    def __init__(self, items: list[str], weights: list[float]) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random) -> str:
        return self.items[bisect(self.cum, rng.random() * self.total)]

    def draws(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cum, k=k)


def jieba_dictionary() -> Sampler:
    """Words of jieba's dictionary (CJK only, 1-4 characters), weighted by their frequency."""
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    words: list[str] = []
    freqs: list[float] = []
    cjk = re.compile(r"[\u4e00-\u9fff]{1,4}")
    for line in path.read_text("utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and cjk.fullmatch(parts[0]):
            words.append(parts[0])
            freqs.append(float(parts[1]))
    return Sampler(words, freqs)


def seed_register() -> Sampler:
    """The news register: word frequencies of the seed pages (jieba, default mode)."""
    import jieba

    counts: Counter[str] = Counter()
    cjk = re.compile(r"[\u4e00-\u9fff]+")
    for page in SEED_PAGES:
        counts.update(w for w in jieba.cut(page.read_text("utf-8")) if cjk.fullmatch(w))
    items = sorted(counts)
    return Sampler(items, [counts[w] for w in items])


def zipf_pool(names: list[str], s: float, q: float) -> Sampler:
    """Zipf-Mandelbrot: rank r gets weight 1 / (r + q)**s (rank 1 = the first name).

    The offset ``q`` flattens the head: with plain Zipf the top name would be in
    nearly every record; with q=50 the top person is in ~4% of records and the
    person at rank 3000 in ~6 of 10k records.
    """
    return Sampler(names, [1.0 / ((r + q) ** s) for r in range(1, len(names) + 1)])


def person_pool(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct 2- and 3-character names, in a fixed order."""
    seen: dict[str, None] = {}
    while len(seen) < n:
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        seen.setdefault(rng.choice(SURNAMES) + given)
    return list(seen)


def company_pool(rng: random.Random, n: int) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < n:
        brand = rng.choice(BRANDS) + rng.choice(BRANDS)
        prefix = rng.choice(("河南", "焦作", "焦作市", "河南省"))
        suffix = rng.choice(("有限公司", "股份有限公司", "集团有限公司"))
        seen.setdefault(f"{prefix}{brand}{rng.choice(INDUSTRY)}{suffix}")
    return list(seen)


class PageWriter:
    """Builds page texts; all randomness comes from one seeded ``random.Random``."""

    def __init__(self, seed: int) -> None:
        pools = random.Random(12345)  # the pools do not depend on --seed: same names in every corpus
        self.people = person_pool(pools, 30_000)
        self.companies = company_pool(pools, 8_000)
        self.reporters = person_pool(random.Random(777), 80)
        self.rng = random.Random(seed)
        self.dictionary = jieba_dictionary()
        self.register = seed_register()
        self.person = zipf_pool(self.people, 1.05, 50)
        self.company = zipf_pool(self.companies, 1.0, 20)
        self.reporter = zipf_pool(self.reporters, 0.8, 2)
        names = list(REGIONS)
        self.region = Sampler(names, [REGIONS[r][1] for r in names])
        self._words: list[str] = []

    # --- words and sentences ------------------------------------------------------

    def word(self) -> str:
        if not self._words:  # refill in bulk: 70% dictionary, 30% the seed pages' register
            rng = self.rng
            block = self.dictionary.draws(rng, 7000) + self.register.draws(rng, 3000)
            rng.shuffle(block)
            self._words = block
        return self._words.pop()

    def sentence(self, ctx: dict[str, str]) -> str:
        rng = self.rng
        parts: list[str] = []
        n = rng.randint(10, 30)
        for i in range(n):
            r = rng.random()
            if r < 0.035:
                parts.append(self.person.draw(rng) + rng.choice(SPEECH) if rng.random() < 0.5
                             else rng.choice(ROLES) + self.person.draw(rng))
            elif r < 0.05:
                parts.append(self.company.draw(rng))
            elif r < 0.07:
                parts.append(rng.choice(REGIONS[ctx["region"]][0]))
            elif r < 0.08:
                parts.append(rng.choice(CITY))
            elif r < 0.09:
                parts.append(ctx["lead_person"])
            else:
                parts.append(self.word())
            if i and i < n - 1 and rng.random() < 0.09:
                parts.append(",")
        if rng.random() < 0.1:
            parts.insert(rng.randrange(len(parts)), f"{rng.randint(2, 9999)}{rng.choice(('万元', '家', '个', '项', '%'))}")
        return "".join(parts) + rng.choice("。。。。!;")

    def paragraph(self, ctx: dict[str, str], sentences: tuple[int, int]) -> str:
        return "".join(self.sentence(ctx) for _ in range(self.rng.randint(*sentences)))

    # --- records ----------------------------------------------------------------------

    def headline(self, ctx: dict[str, str]) -> str:
        rng = self.rng
        where = rng.choice(REGIONS[ctx["region"]][0] + CITY[:2])
        shape = rng.random()
        if shape < 0.4:
            text = f"{where}{rng.choice(VERBS_HEAD)}{self.word()}{self.word()}{rng.choice(NOUNS_HEAD)}"
        elif shape < 0.7:
            text = f"{ctx['lead_person']}到{where}{rng.choice(('调研', '督导', '检查'))}{self.word()}{self.word()}工作"
        else:
            text = f"{where}:{self.word()}{self.word()}{self.word()} {self.word()}{self.word()}{self.word()}"
        return text[:28]

    def lead_date(self, date: dt.date) -> str:
        d = date - dt.timedelta(days=self.rng.randint(0, 4))
        return f"{d.month}月{d.day}日{self.rng.choice(LEAD_TIMES)}"

    def article(self, date: dt.date, column: str | None) -> list[str]:
        rng = self.rng
        ctx = {"region": self.region.draw(rng), "lead_person": self.person.draw(rng)}
        lines: list[str] = []
        if column:
            lines.append(f"## {column}")
        head = self.headline(ctx)
        style = rng.random()
        lines.append(f"# {head}" if style < 0.45 else f"## {head}" if style < 0.55 else head)
        reporter = self.reporter.draw(rng)
        credit = f"记者{reporter}" + (f" 通讯员{self.person.draw(rng)}" if rng.random() < 0.25 else "")
        opener = rng.choice(OPENERS).format(org=rng.choice(ORGS))
        lead = f"本报讯({credit}){opener or self.lead_date(date) + ','}{self.paragraph(ctx, (2, 4))}"
        paragraphs = [lead] + [self.paragraph(ctx, (2, 5)) for _ in range(rng.randint(4, 8))]
        if rng.random() < 0.15:  # a photo inside the article, its caption between paragraphs
            paragraphs.insert(rng.randint(1, len(paragraphs)), self.caption_text(date, ctx))
        for para in paragraphs:
            lines.extend(self.maybe_broken(para))
        return lines

    def caption_text(self, date: dt.date, ctx: dict[str, str] | None = None) -> str:
        rng = self.rng
        ctx = ctx or {"region": self.region.draw(rng), "lead_person": self.person.draw(rng)}
        where = rng.choice(REGIONS[ctx["region"]][0])
        body = "".join(self.sentence(ctx) for _ in range(rng.randint(1, 3)))
        return (f"{self.lead_date(date).rstrip('上午下晚')},位于{where}的{self.company.draw(rng)}"
                f"{self.word()}{self.word()}内,{body}本报记者 {self.reporter.draw(rng)} 摄")

    def maybe_broken(self, para: str) -> list[str]:
        """A paragraph, sometimes broken mid-word by the layout (a blank line in the middle)."""
        if len(para) > 120 and self.rng.random() < 0.12:
            cut = self.rng.randint(60, len(para) - 40)
            return [para[:cut], "", para[cut:], ""]
        return [para, ""]

    def page(self, date: dt.date, page_no: int, records: int) -> tuple[str, int, int]:
        """One page's text, its article count and its standalone caption count."""
        rng = self.rng
        lines: list[str] = []
        if rng.random() < 0.6:
            label = rng.choice(PAGE_LABELS)
            lines += ["焦作日报", f"{date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]}",
                      f"第{page_no}版 {label}", ""]
        articles = captions = 0
        column = rng.choice(COLUMNS) if rng.random() < 0.3 else None
        for n in range(records):
            if rng.random() < 0.2:
                lines += ["", self.caption_text(date), "", ""]
                captions += 1
            else:
                lines += self.article(date, column if n == records // 2 else None)
                lines.append("")
                articles += 1
        if rng.random() < 0.5:
            for text in rng.choice(BOILERPLATE):
                lines.append(text.format(region=self.region.draw(rng), name=self.reporter.draw(rng),
                                         n=rng.randint(2, 8)))
        return "\n".join(lines) + "\n", articles, captions


def issue_dates(rng: random.Random, pages: int, start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    """(date, page number) for ``pages`` pages: random issue days, 4-8 pages an issue."""
    span = (end - start).days + 1
    days = sorted(rng.sample(range(span), min(span, pages // 4 + 1)))
    out: list[tuple[dt.date, int]] = []
    for day in days:
        for page_no in range(1, rng.randint(4, 8) + 1):
            out.append((start + dt.timedelta(days=day), page_no))
            if len(out) == pages:
                return out
    return out


CHUNK_PAGES = 400  # pages per unit of work; each chunk has its own seeded RNG


def _write_chunk(job: tuple[int, int, str, list[tuple[str, str, int, int]]]) -> tuple[int, int, int]:
    """Write one chunk of pages: (bytes, articles, captions). Runs in a worker process."""
    seed, chunk, out, pages = job
    writer = _chunk_writer(seed)
    writer.rng = random.Random(f"{seed}/{chunk}")  # the chunk's text depends on (seed, chunk) only
    writer._words = []
    total = articles = captions = 0
    for rel, date, page_no, n in pages:
        text, a, c = writer.page(dt.date.fromisoformat(date), page_no, n)
        path = Path(out) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        articles += a
        captions += c
    return total, articles, captions


_WRITERS: dict[int, PageWriter] = {}


def _chunk_writer(seed: int) -> PageWriter:
    if seed not in _WRITERS:  # the dictionary and pools load once per process
        _WRITERS[seed] = PageWriter(seed)
    return _WRITERS[seed]


def generate(records: int, seed: int, out: Path, day: dt.date | None = None, jobs: int = 1,
             start: dt.date = dt.date(1985, 1, 1), end: dt.date = dt.date(2024, 12, 31)) -> dict:
    """Write the corpus. Pages are laid out from one seeded RNG, then written in chunks of
    ``CHUNK_PAGES``, each with its own RNG, so the output is the same for any ``jobs``."""
    started = time.monotonic()
    writer = _chunk_writer(seed)
    rng = random.Random(seed)
    sizes: list[int] = []
    while sum(sizes) < records:  # records per page: 8-15, as on the seed pages
        sizes.append(min(rng.randint(8, 15), records - sum(sizes)))
    if day is not None:
        slots = [(day, n + 1) for n in range(len(sizes))]
    else:
        slots = issue_dates(rng, len(sizes), start, end)
        while len(slots) < len(sizes):  # more pages than the date range holds: wrap around
            slots += slots[: len(sizes) - len(slots)]
    out.mkdir(parents=True, exist_ok=True)
    seen: Counter[str] = Counter()
    pages: list[tuple[str, str, int, int]] = []
    for (date, page_no), n in zip(slots, sizes):
        name = f"{date.isoformat()}_{page_no:02d}.txt"
        seen[name] += 1
        if seen[name] > 1:
            name = f"{date.isoformat()}_{page_no:02d}_{seen[name]}.txt"
        pages.append((f"{date.year}/{name}", date.isoformat(), page_no, n))
    chunks = [(seed, k, str(out), pages[i:i + CHUNK_PAGES]) for k, i in enumerate(range(0, len(pages), CHUNK_PAGES))]
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = list(pool.imap_unordered(_write_chunk, chunks))
    else:
        results = [_write_chunk(job) for job in chunks]
    total_bytes = sum(r[0] for r in results)
    articles = sum(r[1] for r in results)
    captions = sum(r[2] for r in results)
    meta = {
        "records": records, "seed": seed, "day": day.isoformat() if day else None, "generator": 2,
        "pages": len(sizes), "articles": articles, "captions": captions, "bytes": total_bytes,
        "bytes_per_record": round(total_bytes / max(records, 1)),
        "dates": [min(s[0] for s in slots).isoformat(), max(s[0] for s in slots).isoformat()],
        "people_by_rank": {str(r): writer.people[r - 1] for r in (1, 2, 10, 100, 1000, 3000, 10000, 30000)},
        "companies_by_rank": {str(r): writer.companies[r - 1] for r in (1, 10, 100, 1000)},
        "reporters_by_rank": {str(r): writer.reporters[r - 1] for r in (1, 10, 80)},
        "seconds": round(time.monotonic() - started, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--records", type=int, required=True, help="records to write (8-15 a page)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="output directory (one sub-directory per year)")
    p.add_argument("--day", help="write only this day's pages (YYYY-MM-DD): a daily increment")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (the output does not depend on it)")
    args = p.parse_args(argv)
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    day = dt.date.fromisoformat(args.day) if args.day else None
    meta = generate(args.records, args.seed, Path(args.out), day, jobs=args.jobs)
    json.dump(meta, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
