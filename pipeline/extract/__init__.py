"""Extractors: one spaCy component per module, lexicons as tables in `lexicons/`."""

# Component name -> module that registers it. Order matters: later extractors read the spans of
# earlier ones (documents take their issue date from the dates; statistics skip numbers inside
# dates and documents; persons resolve their organisations against the entities).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("vnx_sentences", "vnextract.pipeline.extract.sentences"),
    ("vnx_dates", "vnextract.pipeline.extract.dates"),
    ("vnx_documents", "vnextract.pipeline.extract.documents"),
    ("vnx_statistics", "vnextract.pipeline.extract.statistics"),
    ("vnx_entities", "vnextract.pipeline.extract.entities"),
    ("vnx_persons", "vnextract.pipeline.extract.persons"),
)


def components(*names: str) -> tuple[tuple[str, str], ...]:
    """The named components, in pipeline order (for a Language with only some extractors)."""
    unknown = set(names) - {name for name, _ in COMPONENTS}
    if unknown:
        raise KeyError(f"no extractor component named {sorted(unknown)}")
    return tuple(entry for entry in COMPONENTS if entry[0] in names)
