import pytest

from capdev.library.services import document_ingest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_chat_page_answers_with_citations_and_takes_feedback(page, live_server, learner):
    document_ingest(
        data=b"The Public Service Forum met in Incheon from 24 to 26 June 2024.",
        filename="forum.txt",
        title="Forum news",
    )
    from django.test import Client

    client = Client()
    client.force_login(learner)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto("/assistant/")
    page.get_by_label("Your question").fill("Where did the Public Service Forum meet?")
    page.get_by_role("button", name="Ask").click()
    answer = page.locator(".exchange").first
    answer.wait_for()
    assert "Incheon" in answer.inner_text()
    assert page.get_by_role("link", name="Forum news").count() >= 1
    page.get_by_role("button", name="No").click()
    page.get_by_text("Thank you for your feedback.").wait_for()
    from capdev.assistant.models import Message

    assert Message.objects.get().feedback == -1
