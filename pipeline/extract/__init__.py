"""Extractors: one spaCy component per module, lexicons as tables in `lexicons/`."""

# Component name -> module that registers it. Order matters: later extractors read the spans of
# earlier ones (documents take their issue date from the dates; statistics skip numbers inside
# dates and documents; persons resolve their organisations against the entities).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("vnx_sentences", "pipeline.extract.sentences"),
    ("vnx_dates", "pipeline.extract.dates"),
    ("vnx_documents", "pipeline.extract.documents"),
    ("vnx_statistics", "pipeline.extract.statistics"),
    ("vnx_entities", "pipeline.extract.entities"),
    ("vnx_persons", "pipeline.extract.persons"),
)
