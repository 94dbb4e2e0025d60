import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("STORYLINE_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED_DATA


@pytest.fixture(scope="session")
def nlp():
    from storyline.analyse import nlp as loader
    return loader.load()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo corpus ingested once for the whole test session."""
    import storyline
    from storyline.api import demo_corpus
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    report = storyline.ingest([demo_corpus()], db)
    return db, report
