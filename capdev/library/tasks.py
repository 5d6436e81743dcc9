from celery import shared_task


@shared_task
def ingest_version(version_id: int) -> str:
    """Extract an uploaded version's text in the background (in-process without Redis)."""
    from capdev.library.services import version_process

    return version_process(version_id=version_id).status
