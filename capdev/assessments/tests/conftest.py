import pytest

from capdev.assessments.tests.helpers import load_small


@pytest.fixture
def small(db):
    return load_small()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
