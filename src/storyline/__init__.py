"""Storyline: piece a developing news story together from many articles.

    import storyline
    storyline.ingest(["articles/"], "story.db")
    with storyline.open("story.db") as story:
        story.entities(); story.timeline(); story.claims(); story.contradictions()
"""
from storyline.api import demo, ingest, open  # noqa: A004

__all__ = ["open", "ingest", "demo"]
__version__ = "0.1.0"
