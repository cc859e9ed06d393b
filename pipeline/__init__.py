"""The pipeline's stages: sources -> parse -> nlp/extract -> validate -> sinks (see the README)."""

from vnextract import __version__

__all__ = ["__version__"]
