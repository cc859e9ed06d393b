"""vnextract: Vietnamese news articles in, structured validated records out."""

__version__ = "0.1.0"
