import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capdev.community import services
from capdev.community.models import Post, Report, Thread

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"community:{name}", args=args)


def test_pages_need_sign_in(client, forum, thread):
    for address in (
        url("index"),
        url("forum", forum.slug),
        url("thread", thread.pk),
        url("search") + "?q=mentoring",
        url("thread_create", forum.slug),
    ):
        response = client.get(address)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_index_lists_forums_with_unread_counts(client_for, forum, thread, trainer):
    page = client_for(trainer).get(url("index")).content.decode()
    assert "Community of practice" in page
    assert '<span class="badge unread">1</span>' in page


def test_member_starts_a_thread_and_others_reply(client_for, forum, learner, trainer):
    client = client_for(learner)
    response = client.post(
        url("thread_create", forum.slug),
        {"title": "Quotas in senior civil service", "body": "Does anyone use quotas?"},
    )
    thread = Thread.objects.get(title="Quotas in senior civil service")
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    client = client_for(trainer)
    first = thread.posts.get()
    page = client.get(url("thread", thread.pk) + f"?quote={first.pk}").content.decode()
    assert "Does anyone use quotas?" in page and "Quoting" in page
    response = client.post(
        url("reply", thread.pk), {"body": "Senegal reserves seats on boards.", "quote": first.pk}
    )
    reply = Post.objects.get(body_text="Senegal reserves seats on boards.")
    assert response["Location"].endswith(f"#post-{reply.pk}")
    assert reply.quoted_post == first
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "wrote:" in page and "Senegal reserves seats" in page


def test_invalid_reply_is_a_400_with_the_form_not_a_500(client_for, thread, learner, trainer):
    client = client_for(trainer)
    assert client.post(url("reply", thread.pk), {"body": ""}).status_code == 400
    response = client.post(url("reply", thread.pk), {"body": "<script>x</script>"})
    assert response.status_code == 400
    assert "Write a message." in response.content.decode()
    assert client.post(url("reply", thread.pk), {"body": "x", "quote": "abc"}).status_code == 400


def test_views_refuse_the_wrong_method(client_for, thread, trainer):
    client = client_for(trainer)
    assert client.get(url("reply", thread.pk)).status_code == 405
    assert client.get(url("thread_moderate", thread.pk)).status_code == 405
    assert client.post(url("thread", thread.pk)).status_code == 405
    assert client.post(url("index")).status_code == 405


def test_unknown_things_are_404(client_for, trainer, forum):
    client = client_for(trainer)
    assert client.get(url("forum", "nope")).status_code == 404
    assert client.get(url("thread", 999999)).status_code == 404
    assert client.get(url("post_report", 999999)).status_code == 404
    assert client.get(url("attachment", 999999)).status_code == 404
    assert client.post(url("subscribe", "bogus", forum.pk)).status_code == 404


def test_locked_thread_shows_no_reply_form_to_members(client_for, thread, learner, trainer):
    services.thread_moderate(thread=thread, moderator=trainer, action="lock")
    client = client_for(learner)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "it takes no new replies" in page and 'name="body"' not in page
    response = client.post(url("reply", thread.pk), {"body": "Let me in"})
    assert response.status_code == 400
    assert thread.posts.count() == 1


def test_hidden_thread_is_gone_for_members_and_kept_for_moderators(
    client_for, forum, thread, learner, trainer
):
    response = client_for(trainer).post(url("thread_moderate", thread.pk), {"action": "hide"})
    assert response.status_code == 302
    assert client_for(trainer).get(thread.get_absolute_url()).status_code == 200
    assert thread.title in client_for(trainer).get(forum.get_absolute_url()).content.decode()
    client = client_for(learner)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert thread.title not in client.get(forum.get_absolute_url()).content.decode()


def test_members_cannot_moderate(client_for, thread, learner):
    client = client_for(learner)
    assert client.post(url("thread_moderate", thread.pk), {"action": "pin"}).status_code == 403
    assert client.get(url("post_hide", thread.posts.get().pk)).status_code == 403
    assert client.get(url("moderation")).status_code == 403
    thread.refresh_from_db()
    assert not thread.is_pinned


def test_pinned_threads_come_first(client_for, forum, thread, trainer):
    later = services.thread_create(forum=forum, author=trainer, title="Newer thread", body="New")
    page = client_for(trainer).get(forum.get_absolute_url()).content.decode()
    assert page.index(later.title) < page.index(thread.title)
    services.thread_moderate(thread=thread, moderator=trainer, action="pin")
    page = client_for(trainer).get(forum.get_absolute_url()).content.decode()
    assert page.index(thread.title) < page.index(later.title)


def test_report_reaches_the_queue_and_hiding_resolves_it(client_for, thread, focal_lao, trainer):
    post = thread.posts.get()
    client = client_for(focal_lao)
    response = client.post(url("post_report", post.pk), {"reason": "Off topic advertising"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.status) == (focal_lao, Report.Status.OPEN)
    moderator = client_for(trainer)
    assert "1 reported message awaits moderation" in moderator.get(url("index")).content.decode()
    queue = moderator.get(url("moderation")).content.decode()
    assert "Off topic advertising" in queue
    moderator.post(url("report_resolve", report.pk), {"action": "hide"})
    report.refresh_from_db()
    post.refresh_from_db()
    assert report.status == Report.Status.HIDDEN and post.is_hidden
    assert "Nothing to moderate." in moderator.get(url("moderation")).content.decode()
    # The reporter sees the placeholder, not the text.
    page = client_for(focal_lao).get(thread.get_absolute_url()).content.decode()
    assert "hidden by a moderator" in page and "mentoring for women" not in page


def test_dismissing_a_report_keeps_the_post(client_for, thread, learner, trainer):
    post = thread.posts.get()
    report = services.post_report(post=post, reporter=learner, reason="Spam?")
    client_for(trainer).post(url("report_resolve", report.pk), {"action": "dismiss"})
    report.refresh_from_db()
    post.refresh_from_db()
    assert report.status == Report.Status.DISMISSED and not post.is_hidden


def test_moderator_hides_and_shows_a_post(client_for, thread, trainer):
    post = thread.posts.get()
    client = client_for(trainer)
    client.post(url("post_hide", post.pk), {"action": "hide", "reason": "Personal data"})
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Personal data"
    assert "Personal data" in client.get(thread.get_absolute_url()).content.decode()
    client.post(url("post_hide", post.pk), {"action": "unhide"})
    post.refresh_from_db()
    assert not post.is_hidden


def test_unread_markers(client_for, forum, thread, learner, trainer):
    client = client_for(trainer)
    assert 'class="unread"' in client.get(forum.get_absolute_url()).content.decode()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "post new" in page
    assert 'class="unread"' not in client.get(forum.get_absolute_url()).content.decode()
    assert "post new" not in client.get(thread.get_absolute_url()).content.decode()
    services.post_create(thread=thread, author=learner, body="Any answers?")
    assert 'class="unread"' in client.get(forum.get_absolute_url()).content.decode()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert page.count("post new") == 1
    # The author's own messages never count as unread.
    assert (
        'class="unread"' not in client_for(learner).get(forum.get_absolute_url()).content.decode()
    )


def test_mark_forum_read(client_for, forum, thread, trainer):
    client = client_for(trainer)
    client.post(url("forum_mark_read", forum.slug))
    assert 'class="unread"' not in client.get(forum.get_absolute_url()).content.decode()


def test_search_finds_visible_messages_only(
    client_for, forum, thread, lao_network, focal_lao, focal_bhutan, trainer
):
    services.thread_create(
        forum=lao_network, author=focal_lao, title="Mentoring in Vientiane", body="Lao plans"
    )
    hidden = services.thread_create(forum=forum, author=trainer, title="Mentoring spam", body="x")
    services.thread_moderate(thread=hidden, moderator=trainer, action="hide")
    found = client_for(focal_bhutan).get(url("search"), {"q": "mentoring"}).content.decode()
    assert "1 message found" in found and thread.title in found
    assert "Vientiane" not in found and "spam" not in found
    found = client_for(focal_lao).get(url("search"), {"q": "mentoring vientiane"}).content.decode()
    assert "1 message found" in found and "Mentoring in Vientiane" in found
    assert client_for(focal_lao).get(url("search"), {"q": "x" * 500}).status_code == 200


def test_attachment_download_is_permission_checked(
    client_for, client, lao_network, focal_lao, focal_bhutan
):
    thread = services.thread_create(
        forum=lao_network,
        author=focal_lao,
        title="Our draft",
        body="Attached",
        attachments=[SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    attachment = thread.posts.get().attachments.get()
    response = client_for(focal_lao).get(attachment.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(focal_bhutan).get(attachment.get_absolute_url()).status_code == 404


def test_attachment_upload_through_the_form(client_for, thread, trainer):
    response = client_for(trainer).post(
        url("reply", thread.pk),
        {
            "body": "Two files",
            "attachments": [
                SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"),
                SimpleUploadedFile("b.txt", b"notes"),
            ],
        },
    )
    assert response.status_code == 302
    assert sorted(thread.posts.last().attachments.values_list("kind", flat=True)) == ["pdf", "text"]
    response = client_for(trainer).post(
        url("reply", thread.pk),
        {"body": "Bad", "attachments": [SimpleUploadedFile("evil.html", b"<html><body>")]},
    )
    assert response.status_code == 400 and "not accepted" in response.content.decode()


def test_subscribe_change_and_unsubscribe(client_for, forum, thread, learner):
    client = client_for(learner)
    client.post(url("subscribe", "forum", forum.pk), {"frequency": "daily"})
    subscription = learner.forum_subscriptions.get()
    assert (subscription.forum, subscription.frequency) == (forum, "daily")
    client.post(url("subscribe", "forum", forum.pk), {"frequency": "immediate"})
    assert learner.forum_subscriptions.get().frequency == "immediate"
    client.post(url("subscribe", "thread", thread.pk), {"frequency": "daily"})
    assert learner.forum_subscriptions.count() == 2
    page = client.get(url("subscriptions")).content.decode()
    assert thread.title in page and forum.title in page
    client.post(url("subscribe", "forum", forum.pk), {"action": "unsubscribe"})
    assert learner.forum_subscriptions.count() == 1
    client.post(url("subscribe", "thread", thread.pk), {"frequency": "weekly"})
    assert learner.forum_subscriptions.get().frequency == "daily"


def test_forum_page_query_count_does_not_grow_with_threads(
    client_for, forum, trainer, learner, django_assert_max_num_queries
):
    for number in range(30):
        services.thread_create(forum=forum, author=learner, title=f"T{number}", body="Body")
    client = client_for(trainer)
    client.get(forum.get_absolute_url())
    with django_assert_max_num_queries(12):
        assert client.get(forum.get_absolute_url()).status_code == 200


def test_thread_page_query_count_does_not_grow_with_posts(
    client_for, thread, trainer, learner, django_assert_max_num_queries
):
    for number in range(20):
        services.post_create(
            thread=thread,
            author=trainer if number % 2 else learner,
            body=f"Reply {number}",
            quoted_post=thread.posts.first(),
        )
    client = client_for(trainer)
    with django_assert_max_num_queries(16):
        assert client.get(thread.get_absolute_url()).status_code == 200


def test_pages_speak_french(client_for, forum, thread, learner):
    client = client_for(learner)
    page = client.get(forum.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Lancer une discussion" in page and "Tout marquer comme lu" in page
    page = client.get(thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Publier la réponse" in page and "3 fichiers de 5 Mo" in page
