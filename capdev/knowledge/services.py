"""Writes to the index: (re)indexing one record, forgetting one, rebuilding everything."""

import logging

from django.db import transaction

from capdev.knowledge import embeddings
from capdev.knowledge.chunking import chunk_passages
from capdev.knowledge.models import Chunk
from capdev.knowledge.sources import SOURCES, Source
from capdev.knowledge.vectors import index_changed

logger = logging.getLogger(__name__)


def _vector_blobs(texts: list[str]) -> list[bytes | None]:
    if not texts or not embeddings.available():
        return [None] * len(texts)
    return [row.tobytes() for row in embeddings.embed(texts)]


@transaction.atomic
def index_record(*, source: Source, instance) -> int:
    """Replace the chunks of one record; returns how many it now has."""
    Chunk.objects.filter(source_type=source.source_type, source_id=instance.pk).delete()
    item = source.build(instance)
    count = 0
    if item is not None:
        pieces = list(chunk_passages(item.passages))
        blobs = _vector_blobs(
            [
                f"{item.title}. {p.heading}. {p.text}" if p.heading else f"{item.title}. {p.text}"
                for p in pieces
            ]
        )
        Chunk.objects.bulk_create(
            Chunk(
                source_type=source.source_type,
                source_id=instance.pk,
                position=position,
                title=item.title[:300],
                heading=piece.heading[:300],
                page=piece.page,
                text=piece.text,
                url=item.url,
                filename=item.filename,
                language=item.language,
                kind=item.kind,
                year=item.year,
                visibility=item.scope.visibility,
                country_id=item.scope.country_id,
                course_ref=item.scope.course_ref,
                owner_id=item.scope.owner_id,
                embedding=blob,
            )
            for position, (piece, blob) in enumerate(zip(pieces, blobs, strict=True))
        )
        count = len(pieces)
    index_changed()
    return count


@transaction.atomic
def unindex_record(*, source_type: str, source_id: int) -> int:
    deleted, _ = Chunk.objects.filter(source_type=source_type, source_id=source_id).delete()
    index_changed()
    return deleted


def reindex(*, source_types: list[str] | None = None, progress=None) -> dict[str, int]:
    """Rebuild the index of the given sources (all by default) from their records."""
    counts: dict[str, int] = {}
    for source_type, source in SOURCES.items():
        if source_types and source_type not in source_types:
            continue
        with transaction.atomic():
            Chunk.objects.filter(source_type=source_type).delete()
            total = 0
            for instance in source.all().iterator(chunk_size=200):
                total += index_record(source=source, instance=instance)
                if progress:
                    progress(source_type, total)
        counts[source_type] = total
    return counts


def embed_missing(*, batch: int = 256) -> int:
    """Compute vectors for chunks indexed before the semantic extra was installed."""
    if not embeddings.available():
        return 0
    done = 0
    while True:
        rows = list(Chunk.objects.filter(embedding=None).values_list("pk", "title", "text")[:batch])
        if not rows:
            break
        blobs = _vector_blobs([f"{title}. {text}" for _, title, text in rows])
        with transaction.atomic():
            for (pk, _, _), blob in zip(rows, blobs, strict=True):
                Chunk.objects.filter(pk=pk).update(embedding=blob)
            index_changed()
        done += len(rows)
    return done
