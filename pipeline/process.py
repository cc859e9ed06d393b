"""One input through the whole chain: RawDocument -> Article -> Doc -> validated Record."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

import vnextract.pipeline.spacy_import  # noqa: F401  (first: spaCy without its command line)

# isort: split
from spacy.language import Language

from vnextract.models import Record
from vnextract.pipeline.errors import (
    Errors,
    ExtractorFailed,
    InputError,
    VnextractError,
)
from vnextract.pipeline.parse import parse
from vnextract.pipeline.record import article_text, build_record
from vnextract.pipeline.settings import Settings
from vnextract.pipeline.types import Article, RawDocument
from vnextract.pipeline.validate import validate_record

LOGGER = logging.getLogger(__name__)

_LETTERS = re.compile(r"[^\W\d_]")
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def anchor_date(published: str | None) -> str | None:
    """The YYYY-MM-DD part of a publication date or datetime, if it has one."""
    if published and re.match(r"^\d{4}-\d{2}-\d{2}", published):
        return published[:10]
    return None


def language_warning(text: str) -> str | None:
    """A warning when the text does not look Vietnamese (extraction rules assume it is)."""
    vietnamese = len(_VIETNAMESE_LETTERS.findall(text))
    if vietnamese >= 20:  # plainly Vietnamese: skip counting every letter
        return None
    letters = len(_LETTERS.findall(text))
    if letters >= 200 and vietnamese < letters * 0.02:
        return "text does not look Vietnamese: few Vietnamese letters, extraction may find little"
    return None


def extract_article(
    article: Article, nlp: Language, settings: Settings, published: str | None = None
) -> Record:
    """Run the extractors over an article and validate the result (raises Rejection)."""
    text = article_text(article)  # the text the record id is taken from (pipeline.record)
    if len(text) > settings.extract.max_text_chars:
        raise InputError(Errors.E004, f"{len(text)} characters of body text > {settings.extract.max_text_chars}")
    published = published or article.published_at
    nlp.max_length = max(nlp.max_length, settings.extract.max_text_chars)  # spaCy's E088 never first
    doc = nlp.make_doc(text)
    doc._.published = anchor_date(published)
    warning = language_warning(text)
    if warning:
        doc._.warnings = [warning]
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except VnextractError:
            raise
        except Exception as exc:
            LOGGER.debug("extractor %s failed", name, exc_info=True)
            raise ExtractorFailed(name, exc) from exc
    return validate_record(build_record(doc, article, published))


def process(
    raw: RawDocument, nlp: Language, settings: Settings, published: str | None = None,
    url: str | None = None,
) -> Record:
    """Parse and extract one raw document. What the caller says wins over what the page says:
    `published` (--published) over the page's date, `url` (--url) over its canonical link."""
    article = parse(raw, settings)
    if url:
        article = replace(article, url=url)
    return extract_article(article, nlp, settings, published)
