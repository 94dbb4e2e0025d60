"""HTML pages through trafilatura: main text, title, author, site name, date.

Scripts, styles and boilerplate never reach the article text; what remains is
treated as plain text from here on (it is never rendered as HTML again).
"""
from __future__ import annotations

from storyline.errors import ReadError
from storyline.read.common import clean, parse_date, raw_article
from storyline.read.text import dateline


def read_html(markup: str, name: str, url: str | None = None):
    """One Article from an HTML page."""
    import trafilatura
    try:
        doc = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise ReadError("E111", f"the HTML could not be parsed ({type(exc).__name__})",
                        "check that the file is an HTML page") from exc
    if doc is None or not (doc.text or "").strip():
        raise ReadError("E112", "no article text was found in the HTML page",
                        "the page may be an index, a paywall or a script-only page")
    title = doc.title
    paragraphs = [p.strip() for p in clean(doc.text).split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    text = f"{title}\n\n{body}" if title else body
    body_start = len(title) + 2 if title else 0
    published = parse_date(doc.date)
    published_from = "metadata" if published else None
    outlet = doc.sitename
    found = dateline(paragraphs[0], int(published[:4]) if published else None) if paragraphs else None
    if found:
        dl_date, dl_outlet, _ = found
        if dl_date and not published:
            published, published_from = dl_date, "dateline"
        outlet = outlet or dl_outlet
    return raw_article(text=text, name=name, title=title, outlet=outlet, url=url or doc.url,
                       author=doc.author, published=published, published_from=published_from,
                       body_start=body_start)
