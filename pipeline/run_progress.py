"""What a run reports: its summary (processed, skipped, rejected by reason) and its progress bar."""

from __future__ import annotations

import logging
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from vnextract.pipeline.settings import Settings

LOGGER = logging.getLogger(__name__)



@dataclass
class RunSummary:
    """What a run did: counts per outcome and rejections per reason code."""

    inputs: int = 0  # inputs read (documents and unreadable inputs alike)
    processed: int = 0  # records written
    skipped: int = 0  # already stored for this extractor version (resume)
    duplicates: int = 0  # a later input whose article id an earlier one of the run already had
    rejected: Counter[str] = field(default_factory=Counter)  # dead letters by reason code
    left_out: int = 0  # folder entries that are not inputs (hidden, other suffixes, FIFOs)
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1

    @property
    def rejected_total(self) -> int:
        """All dead letters of the run."""
        return sum(self.rejected.values())

    @property
    def articles_per_second(self) -> float:
        """Records written per second of the whole run (start-up included)."""
        return self.processed / self.seconds if self.seconds else 0.0

    @property
    def exit_code(self) -> int:
        """0 when every input became a record (or was already stored), 1 when some were rejected."""
        return 1 if self.rejected_total else 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "inputs": self.inputs,
            "processed": self.processed,
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "rejected": dict(sorted(self.rejected.items())),
            "left_out": self.left_out,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
            "engine": self.engine,
            "workers": self.workers,
        }

    def render(self) -> str:
        """One readable paragraph for the end of a run."""
        reasons = ", ".join(f"{code}: {count}" for code, count in sorted(self.rejected.items()))
        return (
            f"{self.inputs} inputs in {self.seconds:.1f}s "
            f"({self.articles_per_second:.1f} articles/s, {self.engine} engine, {self.workers} worker{'s' if self.workers != 1 else ''}): "
            f"{self.processed} processed, {self.skipped} skipped as already done, "
            f"{self.duplicates} duplicates, {self.rejected_total} rejected"
            + (f" ({reasons})" if reasons else "")
            + (f"; {self.left_out} folder entries not read (-v lists them)" if self.left_out else "")
        )


class _Progress:
    """A tqdm bar on stderr (articles/s, errors, ETA once the inputs are counted), or nothing."""

    def __init__(self, enabled: bool, specs: list[str], settings: Settings) -> None:
        self._bar = None
        if not enabled:
            return
        from tqdm import tqdm

        self._bar = tqdm(total=None, unit="art", desc="vnextract run", file=sys.stderr,
                         dynamic_ncols=True, smoothing=0.1)
        # Counting an archive is cheap next to extracting it; it runs beside the work.
        threading.Thread(target=self._count, args=(specs, settings), daemon=True).start()

    def _count(self, specs: list[str], settings: Settings) -> None:
        try:
            total = count_inputs(specs, settings)
        except Exception:  # noqa: BLE001 - no ETA is no reason to fail a run
            LOGGER.debug("could not count inputs", exc_info=True)
            return
        if self._bar is not None:
            self._bar.total = total  # shown, with the ETA, at the next update

    def update(self, summary: RunSummary, count: int = 1) -> None:
        if self._bar is None:
            return
        self._bar.update(count)
        self._bar.set_postfix(errors=summary.rejected_total, skipped=summary.skipped, refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def count_inputs(specs: list[str], settings: Settings) -> int:
    """How many inputs the specs hold, without extracting anything (for the progress bar's ETA)."""
    from vnextract.pipeline.sources.inputs import count_inputs as count_source_inputs

    return count_source_inputs(specs)  # the one folder walk, in pipeline/sources/inputs.py
