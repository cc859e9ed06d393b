"""Small pages for the parse tests: a <head> and a <body> made into a whole page and parsed."""

from vnextract.pipeline.parse.html import parse_html
from vnextract.pipeline.types import Article, RawDocument


def parse_page(head: str, body: str) -> Article:
    """The Article the HTML parser reads from a page of this head and body (no URL given)."""
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return parse_html(html, RawDocument(html.encode()))
