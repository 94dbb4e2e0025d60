"""Which URLs may be shown as links: http and https only.

A URL comes from the article (a JSONL field, a feed's <link>, a WARC record's target) and is
hostile input: `javascript:`, `data:` or `vbscript:` in a link runs code where the export is
opened (ClaimReview and FtM are read by other tools' web pages). Readers keep only web URLs, and
every export checks again, for databases written before they did.
"""
from __future__ import annotations

import re

__all__ = ["web_url"]

_WEB = re.compile(r"https?://[^\s/?#]", re.IGNORECASE)


def web_url(url) -> str | None:
    """`url` when it is an http(s) URL with a host, else None."""
    if isinstance(url, str) and _WEB.match(url) and not any(ord(ch) < 32 for ch in url):
        return url
    return None
