"""Storyline: piece a developing news story together from many articles.

    import storyline
    storyline.ingest(["articles/"], "story.db")
    with storyline.open("story.db") as story:
        story.entities(); story.timeline(); story.claims(); story.contradictions()

The names below are loaded when first used, so `import storyline.cli` (the command line) costs
nothing before its Ctrl-C handling is in place, and read-only commands load only what they use.
"""
__all__ = ["open", "ingest", "demo"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in __all__:
        from storyline import api
        return getattr(api, name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
