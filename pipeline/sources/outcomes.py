"""FetchError with the URL and HTTP status attached, so callers can report and decide on them."""

from __future__ import annotations

from vnextract.pipeline.errors import FetchError


class FetchFailed(FetchError):
    """A FetchError that knows which URL failed and, when a server answered, with what status."""

    def __init__(self, code: str, detail: str, url: str | None = None, status: int | None = None):
        super().__init__(code, detail, source=url)
        self.url = url
        self.status = status

    def __reduce__(self) -> tuple[type[FetchFailed], tuple[object, ...]]:
        return (type(self), (self.code, self.detail, self.url, self.status))
