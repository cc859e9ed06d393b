"""Reviewing extraction results: record diffs, golden diffs against the corpus, highlighted text."""
