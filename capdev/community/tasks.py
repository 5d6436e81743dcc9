"""Background e-mail for the forums. Without REDIS_URL these run in-process."""

from celery import shared_task


@shared_task
def notify_post_subscribers(post_id: int) -> int:
    from capdev.community.services import post_notify_subscribers

    return post_notify_subscribers(post_id=post_id)


@shared_task
def send_daily_digests() -> int:
    from capdev.community.services import digests_send

    return digests_send()
