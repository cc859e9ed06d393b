"""statistics_context: each figure's period, goal and bracket look-ups cost a bisection, not a scan
of its paragraph (a long paragraph of figures was quadratic), and give what a plain scan gives."""

from __future__ import annotations

import random
import re
import time

import pytest

from vnextract.pipeline.extract.statistics_context import (
    _IN_THE_YEAR,
    Context,
    IntervalSet,
    period_dates,
    period_of,
)
from vnextract.pipeline.extract.values import DateValue

UNIT = "ngày {d}/4 có {n} người (chiếm {n}%), "
DOCUMENT = "Quyết định số {n}/QĐ ngày 1/2/2023 có {n} điều, "


def paragraph(units: int, seed: int = 0) -> tuple[str, list, list, list[int]]:
    """One paragraph with no full stop: text, date mentions, excluded spans, figure offsets."""
    rng = random.Random(seed)
    parts, dates, excluded, figures, size = ["Trong năm nay, "], [], [], [], len("Trong năm nay, ")
    for n in range(units):
        piece = (DOCUMENT if rng.random() < 0.1 else UNIT).format(d=n % 28 + 1, n=n)
        for m in re.finditer(r"ngày \d+/\d+(?:/\d{4})?", piece):
            dates.append((size + m.start(), size + m.end(), DateValue(m.group()[5:], "day", "date")))
        if piece.startswith("Quyết"):
            excluded.append((size, size + piece.index(" có")))  # a document's span holds its date
        figures += [size + m.start() for m in re.finditer(r"(?<=có )\d+|(?<=chiếm )\d+", piece)]
        parts.append(piece)
        size += len(piece)
    return "".join(parts), dates, excluded, figures


def context(text: str, dates: list, excluded: list) -> Context:
    usable = period_dates(text, dates, excluded)
    return Context(
        text=text, lex=None, blocked=IntervalSet(excluded),  # type: ignore[arg-type]
        sentences=[(0, len(text))], sentence_starts=[0], paragraphs=[(0, len(text))], paragraph_starts=[0],
        dates=usable, date_starts=[d[0] for d in usable], cues=[], blocked_cues=[], report_year="2023",
    )


def plain_period(text: str, dates: list, excluded: list, start: int) -> str | None:
    """What the period is by a plain scan of the paragraph (the definition, written slowly)."""
    usable = [d for d in sorted(dates) if not any(s <= d[0] and d[1] <= e and (s, e) != d[:2] for s, e in excluded)]
    before = [d for d in usable if d[1] <= start]
    if before:
        return before[-1][2].value
    after = [d for d in usable if d[0] >= start]
    if after:
        return after[0][2].value
    return "2023" if _IN_THE_YEAR.search(text) else None


@pytest.mark.parametrize("seed", [pytest.param(s, id=f"seed-{s}") for s in range(4)])
def test_statistics_context_period_as_plain_scan(seed: int) -> None:
    text, dates, excluded, figures = paragraph(120, seed)
    ctx = context(text, dates, excluded)
    assert [period_of(ctx, f) for f in figures] == [plain_period(text, dates, excluded, f) for f in figures]


@pytest.mark.parametrize(
    ("text", "start", "opening"),
    [
        pytest.param("chỉ tiêu (từ 75% trở lên", 13, 9, id="open-bracket"),
        pytest.param("chỉ tiêu (từ) 75%", 14, -1, id="closed-before"),
        pytest.param("(a) (b 5", 7, 4, id="last-one-open"),
        pytest.param("no brackets 5", 12, -1, id="none"),
    ],
)
def test_statistics_context_open_bracket(text: str, start: int, opening: int) -> None:
    assert context(text, [], []).open_bracket(0, start) == opening


def test_statistics_context_long_paragraph_is_linear() -> None:
    timings = []
    for units in (1_500, 6_000):
        text, dates, excluded, figures = paragraph(units)
        started = time.perf_counter()
        ctx = context(text, dates, excluded)
        for figure in figures:
            period_of(ctx, figure)
            ctx.open_bracket(0, figure)
        timings.append(time.perf_counter() - started)
    # 4x the paragraph: about 4x the time when linear, 16x when every figure scans it.
    assert timings[1] < 8 * timings[0] + 0.05, timings
