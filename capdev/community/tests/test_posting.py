import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from capdev.community import services
from capdev.community.models import ATTACHMENT_MAX_BYTES, Attachment, Post, Thread

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="note.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(
    "dirty",
    [
        "<p>Hello</p><script>alert('x')</script>",
        '<p onclick="alert(1)">Hello</p>',
        '<p>Hello <a href="javascript:alert(1)">there</a></p>',
        '<p>Hello</p><img src="x" onerror="alert(1)">',
        "<p>Hello</p><iframe src='https://evil.example'></iframe>",
        '<p style="background:url(javascript:alert(1))">Hello</p>',
        "<svg onload=alert(1)><p>Hello</p></svg>",
    ],
)
def test_script_injection_stays_inert(thread, trainer, client_for, dirty):
    post = services.post_create(thread=thread, author=trainer, body=dirty)
    stored = post.body_html.lower()
    for marker in ("<script", "onclick", "onerror", "onload", "javascript:", "<iframe", "style="):
        assert marker not in stored
    assert "hello" in stored
    page = client_for(trainer).get(thread.get_absolute_url()).content.decode().lower()
    assert "<script>alert" not in page and "onerror=" not in page and "onclick=" not in page


def test_plain_text_keeps_paragraphs_and_escapes_angle_brackets(thread, trainer):
    post = services.post_create(thread=thread, author=trainer, body="Women < 30%\n\nSecond para")
    assert post.body_html == "<p>Women &lt; 30%</p>\n\n<p>Second para</p>"
    assert post.body_text == "Women < 30% Second para"


def test_empty_or_only_script_message_is_refused(thread, trainer):
    for body in ("", "   ", "<script>alert(1)</script>"):
        with pytest.raises(ValidationError):
            services.post_create(thread=thread, author=trainer, body=body)
    assert thread.posts.count() == 1


def test_reply_updates_counters_and_last_poster(thread, trainer):
    post = services.post_create(thread=thread, author=trainer, body="We pair each with a mentor.")
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert thread.last_poster == trainer
    assert thread.last_post_at == post.created_at


def test_quote_must_come_from_the_same_thread(forum, thread, trainer, learner):
    other = services.thread_create(forum=forum, author=trainer, title="Other", body="Other topic")
    foreign = other.posts.get()
    with pytest.raises(ValidationError):
        services.post_create(thread=thread, author=trainer, body="Quote", quoted_post=foreign)
    first = thread.posts.get()
    reply = services.post_create(thread=thread, author=trainer, body="Indeed", quoted_post=first)
    assert reply.quoted_post == first


def test_locked_thread_refuses_members_but_not_moderators(thread, learner, trainer):
    services.thread_moderate(thread=thread, moderator=trainer, action="lock")
    with pytest.raises(ValidationError, match="locked"):
        services.post_create(thread=thread, author=learner, body="Late reply")
    services.post_create(thread=thread, author=trainer, body="Closing summary")
    assert thread.posts.count() == 2


def test_only_moderators_moderate(thread, learner, focal_lao, trainer, officer):
    for person in (learner, focal_lao):
        with pytest.raises(PermissionDenied):
            services.thread_moderate(thread=thread, moderator=person, action="pin")
        with pytest.raises(PermissionDenied):
            services.post_hide(post=thread.posts.get(), moderator=person)
    services.thread_moderate(thread=thread, moderator=trainer, action="pin")
    services.thread_moderate(thread=thread, moderator=officer, action="hide")
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_hidden
    with pytest.raises(ValidationError):
        services.thread_moderate(thread=thread, moderator=officer, action="explode")


def test_attachment_is_saved_with_its_kind(thread, trainer):
    post = services.post_create(
        thread=thread, author=trainer, body="The draft plan", attachments=[pdf()]
    )
    attachment = post.attachments.get()
    assert (attachment.filename, attachment.kind, attachment.size) == ("note.pdf", "pdf", len(PDF))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (lambda: [pdf(f"n{i}.pdf") for i in range(4)], "at most 3"),
        (lambda: [pdf(content=PDF + b"0" * ATTACHMENT_MAX_BYTES)], "limit"),
        (lambda: [SimpleUploadedFile("x.pdf", b"MZ\x90\x00\x03" + b"\x00" * 50)], "not a type"),
        (lambda: [SimpleUploadedFile("page.pdf", b"<html><body>x</body></html>")], "HTML"),
    ],
)
def test_attachment_limits(thread, trainer, files, message):
    with pytest.raises(ValidationError, match=message):
        services.post_create(thread=thread, author=trainer, body="See file", attachments=files())
    assert Post.objects.filter(thread=thread).count() == 1
    assert not Attachment.objects.exists()


def test_someone_who_cannot_see_a_forum_cannot_post_there(lao_network, focal_bhutan, focal_lao):
    with pytest.raises(PermissionDenied):
        services.thread_create(forum=lao_network, author=focal_bhutan, title="Hi", body="Hello")
    services.thread_create(forum=lao_network, author=focal_lao, title="Hi", body="Hello")
    assert Thread.objects.filter(forum=lao_network).count() == 1


def test_forum_slugs_stay_unique(reference_data):
    first = services.forum_create(title="Course forum")
    second = services.forum_create(title="Course forum")
    assert (first.slug, second.slug) == ("course-forum", "course-forum-2")
