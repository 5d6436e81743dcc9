"""The search index: passages (chunks) of every searchable record, with where they came from
and who may read them.

Keyword search uses the database's own full-text index, created by migration 0002:
an FTS5 table kept in step by triggers on SQLite, a stored tsvector column with a GIN
index on PostgreSQL. Neither is a model field, so the ORM never touches them.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.models import Country


class Chunk(models.Model):
    source_type = models.CharField(_("source type"), max_length=20)
    source_id = models.PositiveBigIntegerField(_("source id"))
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    text = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    kind = models.CharField(_("kind"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # Access scope: the same rule as the library's (capdev.library.access).
    visibility = models.CharField(_("visibility"), max_length=10)
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    course_ref = models.CharField(_("course"), max_length=100, blank=True)
    owner_id = models.PositiveBigIntegerField(_("owner"), null=True, blank=True)
    # float32 vector, L2-normalised (semantic extra); empty without it.
    embedding = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["source_type", "source_id", "position"]
        # No index on the access fields: scope is checked on rows found by their id (or
        # by the full-text index), and SQLite, without statistics, would take such an
        # index over the primary key for "id IN (...) AND visibility = 'public'".
        indexes = [models.Index(fields=["source_type", "source_id"])]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")

    def __str__(self) -> str:
        return f"{self.title} #{self.position}"


class IndexVersion(models.Model):
    """One row, given a new random token by every change to the chunks in the same
    transaction: how each process knows its in-memory vectors are out of date. A
    token, not a counter: a rolled-back change must not leave a number to be reused."""

    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.token)
