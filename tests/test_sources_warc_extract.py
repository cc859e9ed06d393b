"""Fetch to WARC, then extract from the WARC offline: the same records as straight from the fetch."""
# ruff: noqa: F811  (fixtures are imported by name; pytest binds them to test arguments)

from __future__ import annotations

from pathlib import Path

from _sources_server import (  # noqa: F401  (fixtures)
    App,
    clock,
    connections,
    make_fetcher,
    resolver,
    server,
)

from vnextract.pipeline.process import process
from vnextract.pipeline.sources.inputs import iter_inputs
from vnextract.pipeline.sources.warc import WarcSink
from vnextract.pipeline.types import RawDocument

PAGES = Path(__file__).parent / "fixtures" / "pages"
OUTLETS = ("vnexpress", "dantri", "tuoitre")


def test_warc_extract_offline_gives_the_same_records(server: App, make_fetcher, tmp_path: Path, nlp, settings):
    for outlet in OUTLETS:
        server.page(f"/{outlet}.html", (PAGES / f"{outlet}.html").read_bytes(), "text/html; charset=utf-8")
    urls = [server.url(f"/{outlet}.html") for outlet in OUTLETS]
    fetcher = make_fetcher()
    warc = tmp_path / "pages.warc.gz"
    live = []
    with WarcSink(warc) as sink:
        for url in urls:
            fetched = fetcher.fetch_full(url)
            sink.write(fetched)
            live.append(process(fetched.doc, nlp, settings).model_dump())

    replayed_docs = list(iter_inputs([str(warc)], settings))
    assert all(isinstance(doc, RawDocument) for doc in replayed_docs)
    replayed = [process(doc, nlp, settings).model_dump() for doc in replayed_docs]

    def comparable(record: dict) -> dict:
        return {**record, "source": {**record["source"], "archive": None}}  # the WARC names itself

    for got, want in zip(replayed, live, strict=True):
        differing = {k for k in want if comparable(got)[k] != comparable(want)[k]}
        assert not differing, {k: (got[k], want[k]) for k in differing}
    assert all(r["title"] and r["published_at"] for r in replayed)
    assert {r["source"]["archive"] for r in replayed} == {str(warc)}
