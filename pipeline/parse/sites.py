"""Site adapters as data: one row of CSS selectors per outlet (structure from shared/SITES.md).

Adding an outlet is adding a row to `SITES`. Every selector list is tried in order and the first
element that yields a value wins; a field left empty falls through to JSON-LD, then meta tags,
then the generic extractor (see `pipeline/parse/html.py`). Selectors are soupsieve CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class SiteAdapter:
    """Where one outlet keeps each field of an article page."""

    domain: str  # registrable domain; subdomains (m., www., amp.) match too
    outlet: str  # the outlet's name as readers know it
    title: tuple[str, ...] = ()
    sapo: tuple[str, ...] = ()
    body: tuple[str, ...] = ()  # the container of the article text; the first match is used
    paragraph: str | None = None  # paragraphs inside the body; None reads every text block
    author: tuple[str, ...] = ()  # byline elements; all matches of the first hit are joined
    published: tuple[str, ...] = ()  # meta[content], time[datetime] or text with a date
    modified: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()  # added to furniture.CAPTION_SELECTORS inside the body
    tags: tuple[str, ...] = ()  # tag links
    drop: tuple[str, ...] = ()  # furniture inside the body beyond the generic furniture
    datelines: tuple[str, ...] = ()  # place stamps opening the sapo ("Hà Nội"), read "Hà Nội - "


# Tuổi Trẻ and Thanh Niên run the same CMS; its inline boxes are `VCSortableInPreviewMode`
# elements whose `type` says what they hold. Photos keep their caption (taken first); related
# links and embedded players are dropped. Quote and info boxes (type SimpleQuote, content) stay.
_VCCORP_DROP = (
    ".VCSortableInPreviewMode[type*=Related]",
    ".VCSortableInPreviewMode[type*=Video]",
    ".VCSortableInPreviewMode[type=LayoutAlbum]",
    "div.kbwscwl-relatedbox",
)

SITES: tuple[SiteAdapter, ...] = (
    SiteAdapter(
        domain="vnexpress.net",
        outlet="VnExpress",
        title=("h1.title-detail", "h1.title-post"),
        sapo=("p.description",),
        body=("article.fck_detail", "div.fck_detail"),
        paragraph="p.Normal, h2, h3, li",
        # The byline is a right-aligned last paragraph or p.author_mail; meta[name=author] is
        # the site name and is never read.
        author=(
            "p.author_mail strong",
            "p.author strong",
            'p.Normal[style*="right"] strong',
            'p.Normal[align="right"] strong',
        ),
        published=("meta[name=pubdate]", "meta[itemprop=datePublished]", "span.date"),
        modified=("meta[name=lastmod]", "meta[itemprop=dateModified]"),
        captions=("p.Image", ".tplCaption figcaption"),
        tags=("div.tags h4.item-tag a", "div.tags a"),
        drop=("div.box_embed_video_parent", "div.box-tinlienquanv2", "div.width_common.box-category"),
        datelines=("span.location-stamp",),
    ),
    SiteAdapter(
        domain="tuoitre.vn",
        outlet="Tuổi Trẻ",
        title=("h1.detail-title", "h1[data-role=title]"),
        sapo=("h2.detail-sapo", "[data-role=sapo]"),
        body=("div.detail-content.afcbc-body", "div[data-role=content]"),
        author=("div.detail-author a.name", "div.author-info a.name", "div.detail-author .name"),
        published=("div.detail-time [data-role=publishdate]", "[data-role=publishdate]", "div.detail-time"),
        captions=(".PhotoCMS_Caption",),
        tags=("div.detail-tab a", "ul.tags-container a"),
        drop=_VCCORP_DROP,
    ),
    SiteAdapter(
        domain="thanhnien.vn",
        outlet="Thanh Niên",
        title=("h1.detail-title", "h1[data-role=title]"),
        sapo=("h2.detail-sapo", "[data-role=sapo]"),
        body=("div.detail-content.afcbc-body", "div[data-role=content]"),
        author=("div.detail-author a.name", "div.author-info a.name", "div.detail-info a.name"),
        published=("div.detail-time [data-role=publishdate]", "[data-role=publishdate]", "div.detail-time"),
        captions=(".PhotoCMS_Caption",),
        tags=("div.detail-tab a", "ul.tags-container a"),
        drop=_VCCORP_DROP,
    ),
    SiteAdapter(
        domain="dantri.com.vn",
        outlet="Dân trí",
        title=("h1.title-page.detail", "h1.title-page"),
        sapo=("h2.singular-sapo",),
        body=("div.singular-content",),
        author=("div.author-name b", "div.author-name a", "div.author-name"),
        published=("time.author-time[datetime]", "time.author-time"),
        captions=("figure.image figcaption",),
        tags=("ul.tags-wrap a", "div.tags-wrap a"),
        drop=("article.article-related", "div.singular-related"),
    ),
    SiteAdapter(
        domain="laodong.vn",
        outlet="Lao Động",
        title=("div.article-detail h1", "h1.title", "h1"),
        sapo=("div.chappeau p", "div.chappeau"),
        body=("div.art-body",),
        paragraph="p, h2, h3, li",
        author=("div.art-authors span.author", "div.art-authors .name", "span.author"),
        published=("time.f-datetime", "span.time time"),
        captions=(".image-caption",),
        tags=("div.tags a", "ul.lst-tags a"),
        drop=("div.art-related", "div.related-news"),
    ),
    SiteAdapter(
        domain="nhandan.vn",
        outlet="Nhân Dân",
        title=("h1.article__title", "h1.cms-title"),
        sapo=("div.article__sapo.cms-desc", "div.article__sapo"),
        body=("div.article__body.cms-body", "div.article__body"),
        author=("div.article__author span.name", "div.article__author .name", "p.article__author"),
        published=("div.article__meta time", "time.time"),
        captions=("td.caption", "figcaption"),
        tags=("div.article__tag a", "div.box-tag a"),
        drop=("div.article__relate", "div.box-related"),
    ),
    SiteAdapter(
        domain="vietnamnet.vn",
        outlet="VietNamNet",
        title=("h1.content-detail-title",),
        sapo=("h2.content-detail-sapo",),
        body=("div.maincontent", "div.main-content"),
        author=(
            "div.article-detail-author__info span.name",
            "p.article-detail-author__info span.name",
            "p.article-detail-author__info",
            "span.name",
        ),
        published=("div.bread-crumb-detail__time",),
        captions=("figure.image figcaption",),
        tags=("div.tag-content a",),
        drop=("div.article-relate", "div.insert-wiki-content"),
    ),
    SiteAdapter(
        domain="baolamdong.vn",
        outlet="Báo Lâm Đồng",
        title=("div.detail h1.title", "h1.title"),
        sapo=("div.detail div.sapo", "div.sapo"),
        body=("div#content_detail", "div.content-detail"),
        author=("div.detail p.author", "p.author"),
        published=("div.detail span.time", "span.time"),
        captions=("td.pCaption",),
        tags=("div.tags a",),
        drop=("div.other-news",),
    ),
)

# Containers that hold the article text on many CMSs; tried for unknown sites before scoring.
GENERIC_BODY_SELECTORS: tuple[str, ...] = (
    "[itemprop=articleBody]",
    "div.article-body",
    "div.article__body",
    "div.article-content",
    "div.entry-content",
    "div.post-content",
    "div.detail-content",
    "div.content-detail",
    "div.news-content",
    "div.the-article-body",
)

_BY_DOMAIN = {site.domain: site for site in SITES}


def host_of(url: str | None) -> str | None:
    """The lower-cased host of a URL without "www.", or None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.")


def adapter_for(url: str | None) -> SiteAdapter | None:
    """The adapter of the outlet serving `url` (its domain or any subdomain), or None."""
    host = host_of(url)
    if host is None:
        return None
    labels = host.split(".")
    for i in range(len(labels) - 1):
        site = _BY_DOMAIN.get(".".join(labels[i:]))
        if site is not None:
            return site
    return None
