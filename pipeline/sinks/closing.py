"""The one piece every sink shares: `with Sink(...) as sink:` closes it, whatever happens."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class ClosingSink:
    """A sink usable as a context manager; subclasses implement `close`."""

    def close(self) -> None:
        """Release what the sink holds (connections, files)."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
