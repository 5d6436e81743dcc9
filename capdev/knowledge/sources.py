"""The registry of searchable sources.

Each app whose records belong in the index registers a *source*: a model and a
function turning one record into a `SourceItem` (title, link, access scope and
passages), or None when the record should not be indexed (a draft, say). The
registry connects post_save and post_delete for the model, so the index follows
every create, update and delete without the app knowing about the index.

    register_source("request", SupportRequest, build_request, label=_("Request"))
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save


@dataclass
class Scope:
    """Who may read: the visibility rule of capdev.library.access."""

    visibility: str  # public, staff, country, course
    country_id: int | None = None
    course_ref: str = ""
    owner_id: int | None = None


@dataclass
class Passage:
    text: str
    heading: str = ""
    page: int | None = None


@dataclass
class SourceItem:
    title: str
    url: str
    scope: Scope
    passages: Iterable[Passage]
    filename: str = ""
    language: str = ""
    kind: str = ""
    year: int | None = None


@dataclass
class Source:
    source_type: str
    model: type[Model]
    build: Callable[[Model], SourceItem | None]
    label: str
    queryset: Callable[[], QuerySet] | None = None
    extra: dict = field(default_factory=dict)

    def all(self) -> QuerySet:
        return self.queryset() if self.queryset else self.model._default_manager.all()


SOURCES: dict[str, Source] = {}


def register_source(
    source_type: str,
    model: type[Model],
    build: Callable[[Model], SourceItem | None],
    *,
    label: str,
    queryset: Callable[[], QuerySet] | None = None,
    connect_signals: bool = True,
) -> Source:
    source = Source(source_type, model, build, label, queryset)
    SOURCES[source_type] = source
    if connect_signals:
        post_save.connect(_saved, sender=model, dispatch_uid=f"knowledge-save-{source_type}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"knowledge-delete-{source_type}")
    return source


def source_for_model(model: type[Model]) -> list[Source]:
    return [source for source in SOURCES.values() if source.model is model]


def source_label(source_type: str) -> str:
    source = SOURCES.get(source_type)
    return str(source.label) if source else source_type


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the index is rebuilt with `capdev reindex` afterwards
        return
    from capdev.knowledge.services import index_record

    for source in source_for_model(sender):
        index_record(source=source, instance=instance)


def _deleted(sender, instance, **kwargs):
    from capdev.knowledge.services import unindex_record

    for source in source_for_model(sender):
        unindex_record(source_type=source.source_type, source_id=instance.pk)
