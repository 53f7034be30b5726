"""Benchmark: service-item search per keystroke, and catalog load time.

    .venv/bin/python bench/bench_search.py [--items 10000] [--rounds 20] [--typed 100]

1. Builds a synthetic catalog of ``--items`` items (realistic names made from the
   vocabulary of government service items, keywords, 16 themes), validates it with the
   real loader, and times ``SearchIndex.build``.
2. Types queries character by character and times every ``search(prefix, 20)``
   (median, p99 and max in milliseconds, wall clock and thread CPU): a fixed set
   (hanzi, full pinyin, initials, mixed) repeated ``--rounds`` times, then the names of
   ``--typed`` random items typed as hanzi, full pinyin, initials and a keyword.
   Target: p99 ≤ 5 ms.
3. Times loading the demo catalog (parse + schema + semantic checks + index) against
   plain ``json.loads`` of the same bytes, and reports the ratio.
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from terminal.catalog import Catalog, demo_catalog_path, parse_catalog
from terminal.catalog.schema import catalog_validator
from terminal.search import SearchIndex
from terminal.search.pinyin_units import normalize, syllables


def words(text: str) -> list[str]:
    """Space-separated words (the vocabulary tables below)."""
    return text.split()


SUBJECTS = words(
    "城乡居民 企业职工 灵活就业人员 个体工商户 机动车 不动产 住房公积金 社会保障卡 居民身份证 "
    "医疗保险 养老保险 失业保险 工伤保险 出入境证件 食品经营 药品零售 建筑施工 道路运输 林木采伐 "
    "农村土地 残疾人 退役军人 高龄老人 中小学生 教师 执业医师 护士 律师 导游 特种设备 排污 取水 "
    "户籍 居住证 婚姻 生育 殡葬 慈善组织 社会团体 民办非企业单位 船舶 渔业 种子 农药 兽药"
)
OBJECTS = words("资格 证书 许可证 参保 待遇 补贴 登记 备案 信息 关系 账户 费用 证明 档案 标志")
ACTIONS = words(
    "申领 补领 换领 变更 注销 查询 认定 核准 转移接续 申请 审批 年检 复审 开具 报销 延续 撤销"
)
PLACES = ["", "", "", "五华区", "盘龙区", "楚雄州", "省级"]
KEYWORDS = words(
    "社保 医保 公积金 身份证 驾照 护照 户口 结婚 生孩子 退休 养老金 失业金 开店 执照 "
    "报销 补贴 证明 查询 挂失 异地 跨省通办 刷脸 老年人 学生 农民工 残疾 低保 房产证"
)
QUERIES = [
    "社会保障卡申领",
    "居民身份证补领",
    "住房公积金提取",
    "驾驶证",
    "shebaoka",
    "yibaobaoxiao",
    "gongjijintiqu",
    "jiashizheng",
    "sbk",
    "gjj",
    "sfzbl",
    "jsz",
    "社保k",
    "gongjjtq",
]


def synthetic_catalog(count: int, seed: int) -> bytes:
    """A valid catalog of ``count`` items built on the demo catalog's other sections."""
    rng = random.Random(seed)
    base = json.loads(demo_catalog_path().read_bytes())
    template = base["items"][0]
    departments = [d["code"] for d in base["departments"]]
    names: set[str] = set()
    items = []
    while len(items) < count:
        name = rng.choice(PLACES) + rng.choice(SUBJECTS) + rng.choice(OBJECTS)
        name += rng.choice(ACTIONS)
        if name in names:
            continue
        names.add(name)
        entry = copy.deepcopy(template)
        department = rng.choice(departments)
        entry.update(
            code=f"synthetic.item{len(items):05d}",
            names={"zh_CN": name, "en": f"Synthetic item {len(items)}"},
            department=department,
            level=next(d["level"] for d in base["departments"] if d["code"] == department),
            keywords=rng.sample(KEYWORDS, rng.randint(1, 4)),
        )
        items.append(entry)
    base["items"] = items
    per_theme = count // len(base["themes"])
    for index, theme in enumerate(base["themes"]):
        theme["items"] = [i["code"] for i in items[index * per_theme : (index + 1) * per_theme]]
    return json.dumps(base, ensure_ascii=False).encode("utf-8")


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Keystroke(NamedTuple):
    """One timed search."""

    wall_ms: float
    cpu_ms: float
    prefix: str


def typed_queries(catalog: Catalog, count: int, seed: int) -> list[str]:
    """What citizens might type for randomly chosen items: the name in hanzi, its full
    pinyin (first four syllables), its initials, and a keyword."""
    rng = random.Random(seed)
    queries = []
    for item in rng.sample(list(catalog.items.values()), count):
        units = syllables(normalize(item.names.zh_CN))
        queries += [
            item.names.zh_CN,
            "".join(units[:4]),
            "".join(u[0] for u in units),
            rng.choice(item.keywords),
        ]
    return queries


def bench_keystrokes(index: SearchIndex, queries: list[str], rounds: int) -> list[Keystroke]:
    """Wall-clock and CPU milliseconds of every search as each query is typed.

    CPU time (this thread's) leaves out the time other processes took the core, which
    on a shared machine is most of the noise in the wall-clock figures.
    """
    strokes = []
    for _ in range(rounds):
        for query in queries:
            for end in range(1, len(query) + 1):
                started, started_cpu = time.perf_counter(), time.thread_time()
                index.search(query[:end], 20)
                cpu = (time.thread_time() - started_cpu) * 1000
                strokes.append(Keystroke((time.perf_counter() - started) * 1000, cpu, query[:end]))
    return strokes


def summary(timings: list[float]) -> str:
    """Median, p99 and max of a list of milliseconds."""
    return (
        f"median {statistics.median(timings):.3f} ms   p99 {percentile(timings, 0.99):.3f} ms"
        f"   max {max(timings):.3f} ms"
    )


def bench_demo_load(repeats: int) -> tuple[float, float]:
    """Median ms of json.loads and of parse+validate+index for the demo catalog."""
    raw = demo_catalog_path().read_bytes()
    catalog_validator()  # compile the schema once, as a running terminal has
    plain, full = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        json.loads(raw)
        plain.append(time.perf_counter() - started)
        started = time.perf_counter()
        SearchIndex.build(parse_catalog(raw))
        full.append(time.perf_counter() - started)
    return statistics.median(plain) * 1000, statistics.median(full) * 1000


def main() -> None:
    """Run all three parts and print the numbers."""
    parser = argparse.ArgumentParser(description="search and catalog load benchmark")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--typed", type=int, default=100, help="random items to type")
    args = parser.parse_args()

    raw = synthetic_catalog(args.items, args.seed)
    started = time.perf_counter()
    catalog = parse_catalog(raw)
    validated = time.perf_counter() - started
    started = time.perf_counter()
    index = SearchIndex.build(catalog)
    built = time.perf_counter() - started
    print(f"synthetic catalog: {len(catalog.items):,} items, {len(raw) / 1e6:.1f} MB")
    print(f"  parse + validate: {validated:.2f} s   SearchIndex.build: {built:.2f} s")

    index.search("预热", 20)
    gc.collect()
    for label, queries, rounds in (
        (f"{len(QUERIES)} fixed queries x {args.rounds} rounds", QUERIES, args.rounds),
        (
            f"{args.typed} random items typed 4 ways",
            typed_queries(catalog, args.typed, args.seed),
            1,
        ),
    ):
        strokes = bench_keystrokes(index, queries, rounds)
        print(f"per-keystroke search(prefix, 20), {label}: {len(strokes):,} keystrokes")
        print(f"  wall clock: {summary([s.wall_ms for s in strokes])}   (target p99 <= 5 ms)")
        print(f"  thread CPU: {summary([s.cpu_ms for s in strokes])}")
        worst = sorted(strokes, key=lambda s: -s.cpu_ms)[:5]
        print("  slowest (CPU):", ", ".join(f"{s.prefix!r} {s.cpu_ms:.2f} ms" for s in worst))

    plain, full = bench_demo_load(repeats=15)
    print("demo catalog load (median of 15):")
    print(
        f"  json.loads {plain:.2f} ms   parse+validate+index {full:.2f} ms"
        f"   ratio {full / plain:.0f}x"
    )


if __name__ == "__main__":
    main()
