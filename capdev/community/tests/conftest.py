import pytest

from capdev.community import services


@pytest.fixture
def forum(reference_data):
    return services.forum_create(
        title="Community of practice", description="Women's leadership in public administration."
    )


@pytest.fixture
def thread(forum, learner):
    return services.thread_create(
        forum=forum,
        author=learner,
        title="Mentoring programmes for women managers",
        body="How do your ministries run mentoring for women in middle management?",
    )


@pytest.fixture
def lao_network(reference_data):
    from capdev.core.models import Country

    return services.forum_create(
        title="Lao PDR network",
        audience="country",
        audience_object_id=Country.objects.get(iso3="LAO").pk,
    )
