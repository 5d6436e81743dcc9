from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from capdev.community import services
from capdev.community.models import Subscription

pytestmark = pytest.mark.django_db


def test_immediate_subscribers_get_one_email_per_post(
    forum,
    thread,
    lao_network,
    learner,
    trainer,
    officer,
    focal_bhutan,
    django_capture_on_commit_callbacks,
):
    services.subscription_set(user=learner, forum=forum, frequency="immediate")
    services.subscription_set(user=officer, thread=thread, frequency="immediate")
    services.subscription_set(user=focal_bhutan, forum=forum, frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(
            thread=thread, author=trainer, body="<p>Our <b>mentoring</b> scheme</p>"
        )
    assert sorted(message.to[0] for message in mail.outbox) == [learner.email, officer.email]
    message = mail.outbox[0]
    assert thread.title in message.subject
    assert "Our mentoring scheme" in message.body and "<b>" not in message.body
    assert f"/community/t/{thread.pk}/#post-" in message.body


def test_author_gets_no_email_about_their_own_post(
    forum, thread, learner, django_capture_on_commit_callbacks
):
    services.subscription_set(user=learner, forum=forum, frequency="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(thread=thread, author=learner, body="Adding a detail")
    assert mail.outbox == []


def test_no_email_to_someone_who_lost_access(
    lao_network, focal_lao, learner, django_capture_on_commit_callbacks
):
    from capdev.core.models import Country

    thread = services.thread_create(forum=lao_network, author=focal_lao, title="Plan", body="x")
    services.subscription_set(user=learner, forum=lao_network, frequency="immediate")
    learner.country = Country.objects.get(iso3="SEN")
    learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(thread=thread, author=focal_lao, body="Confidential draft")
    assert mail.outbox == []


def test_daily_digest_collects_new_posts_once(forum, thread, learner, trainer, officer):
    services.subscription_set(user=officer, forum=forum, frequency="daily")
    Subscription.objects.update(digested_until=timezone.now() - timedelta(days=1))
    services.post_create(thread=thread, author=trainer, body="First answer")
    services.post_create(thread=thread, author=learner, body="Second answer")
    services.post_create(thread=thread, author=officer, body="My own answer")
    hidden = services.post_create(thread=thread, author=learner, body="Rude remark")
    services.post_hide(post=hidden, moderator=trainer)
    call_command("send_digests")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [officer.email]
    assert "First answer" in body and "Second answer" in body and "mentoring" in body
    assert "My own answer" not in body and "Rude remark" not in body
    assert mail.outbox[0].subject == "Forum digest: 3 new messages"
    mail.outbox.clear()
    call_command("send_digests")
    assert mail.outbox == []
    services.post_create(thread=thread, author=trainer, body="Later answer")
    services.digests_send()
    assert len(mail.outbox) == 1 and "Later answer" in mail.outbox[0].body
    assert "First answer" not in mail.outbox[0].body


def test_digest_task_runs_in_process(forum, thread, trainer, officer):
    from capdev.community.tasks import send_daily_digests

    services.subscription_set(user=officer, thread=thread, frequency="daily")
    Subscription.objects.update(digested_until=timezone.now() - timedelta(hours=1))
    services.post_create(thread=thread, author=trainer, body="Digest me")
    assert send_daily_digests.delay().get() == 1
    assert "Digest me" in mail.outbox[0].body
