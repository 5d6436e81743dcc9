import pytest

from capdev.community import services
from conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")


def test_learner_posts_a_quoted_reply(page, learner, trainer):
    forum = services.forum_create(title="Community of practice")
    thread = services.thread_create(
        forum=forum,
        author=trainer,
        title="Mentoring schemes",
        body="Who runs a mentoring scheme for women managers?",
    )
    sign_in(page, learner)
    page.goto("/community/")
    page.get_by_role("link", name="Community of practice").click()
    row = page.locator("tr.unread", has_text="Mentoring schemes")
    assert row.count() == 1
    row.get_by_role("link", name="Mentoring schemes").click()
    page.get_by_role("link", name="Quote").first.click()
    assert "Quoting" in page.locator(".reply-form").inner_text()
    page.get_by_label("Your reply").fill(
        "We pair each new head of department with a mentor.\n\n<script>alert(1)</script>"
    )
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_url(f"**/community/t/{thread.pk}/*")
    assert page.get_by_text("Your reply has been posted.").is_visible()
    reply = page.locator(".post").last
    assert "We pair each new head of department with a mentor." in reply.inner_text()
    assert "wrote:" in reply.inner_text()
    assert page.locator(".post script").count() == 0
