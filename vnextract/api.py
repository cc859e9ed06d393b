"""The Python API: `extract` for one article, `Extractor` for many.

An item is the text or HTML of one article (str or bytes), or a mapping shaped like a line of the
input JSON Lines format: {"text" or "html", "url", "published"}. The language pipeline is loaded
once per `Extractor` (once per worker process with `n_process > 1`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import Any, Literal

from vnextract.models import Record
from vnextract.pipeline.errors import VnextractError
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.types import RawDocument

Item = str | bytes | Mapping[str, Any]
OnError = Literal["raise", "yield"]

# Items handed to a worker process at a time: large enough to amortise pickling, small enough to
# keep results flowing in input order.
CHUNK = 16


def raw_document(item: Item, *, published: str | None = None, url: str | None = None) -> RawDocument:
    """One item as the pipeline's RawDocument; keyword arguments win over the item's own fields.
    A mapping is read as a line of input JSON Lines is (`sources.inputs.mapping_document`)."""
    if isinstance(item, Mapping):
        from vnextract.pipeline.sources.inputs import mapping_document

        raw = mapping_document(dict(item), "item")
        if isinstance(raw, VnextractError):
            raise raw
        return replace(raw, published=published or raw.published, url=url or raw.url, archive=None)
    if isinstance(item, str):
        return RawDocument(content=item.encode("utf-8"), encoding="utf-8", url=url, published=published)
    if isinstance(item, bytes):
        # the content type is sniffed from the first bytes, as for files
        return RawDocument(content=item, url=url, published=published)
    raise TypeError(f"expected str, bytes or a mapping, got {type(item).__name__}")


class Extractor:
    """Loads the language pipeline once; `.extract()` one article, `.pipe()` many, in order."""

    def __init__(self, settings: Settings | None = None) -> None:
        from vnextract.pipeline.nlp import build_nlp

        self.settings = settings or Settings()
        self.nlp = build_nlp()

    def extract(self, item: Item, *, published: str | None = None, url: str | None = None) -> Record:
        """The validated record of one article; raises `VnextractError` (with `.code`) when none."""
        from vnextract.pipeline.process import process

        raw = raw_document(item, published=published, url=url)
        return process(raw, self.nlp, self.settings, published=raw.published, url=raw.url)

    def pipe(
        self, items: Iterable[Item], *, n_process: int = 1, on_error: OnError = "raise"
    ) -> Iterator[Record | VnextractError]:
        """Records in input order. A failing item raises, or with on_error="yield" is yielded as
        its `VnextractError` so one bad item never costs the others. n_process=-1: every core."""
        if on_error not in ("raise", "yield"):
            raise ValueError('on_error must be "raise" or "yield"')
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1:
            raise ValueError("n_process must be -1 or a positive number")
        outcomes = self._serial(items) if n_process == 1 else self._parallel(items, n_process)
        for outcome in outcomes:
            if isinstance(outcome, VnextractError) and on_error == "raise":
                raise outcome
            yield outcome

    def _serial(self, items: Iterable[Item]) -> Iterator[Record | VnextractError]:
        for item in items:
            yield _outcome(self, item)

    def _parallel(self, items: Iterable[Item], n_process: int) -> Iterator[Record | VnextractError]:
        with ProcessPoolExecutor(max_workers=n_process, initializer=_init_worker,
                                 initargs=(self.settings,)) as pool:
            pending = []
            for chunk in _chunks(items, CHUNK):
                pending.append(pool.submit(_worker_chunk, chunk))
                if len(pending) >= n_process * 2:  # bounded look-ahead: memory flat in the input
                    yield from pending.pop(0).result()
            for future in pending:
                yield from future.result()


def _outcome(extractor: Extractor, item: Item) -> Record | VnextractError:
    try:
        return extractor.extract(item)
    except VnextractError as error:
        return error


_WORKER: Extractor | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Extractor(settings)


def _worker_chunk(chunk: list[Item]) -> list[Record | VnextractError]:
    assert _WORKER is not None, "worker initializer did not run"
    return [_outcome(_WORKER, item) for item in chunk]


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_DEFAULT: Extractor | None = None


def extract(text_or_html: Item, *, published: str | None = None, url: str | None = None) -> Record:
    """The record of one article (text or HTML). `published` (ISO date) anchors relative dates
    and wins over the page's own date; `url` wins over the page's canonical link."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(text_or_html, published=published, url=url)
