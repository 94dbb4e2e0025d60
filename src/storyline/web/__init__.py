"""The local web UI (`storyline serve`): static pages in static/ over JSON endpoints."""
from storyline.web.server import make_server, serve

__all__ = ["make_server", "serve"]
