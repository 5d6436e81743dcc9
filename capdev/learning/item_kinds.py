"""The registry of item kinds: which view shows an item of each kind.

The learning app shows pages, files, links, recordings and assignments itself; other
apps plug their kinds in from their ``AppConfig.ready()``, without the learning app
importing them::

    from capdev.learning.item_kinds import register_item_kind

    class QuizzesConfig(AppConfig):
        def ready(self):
            from capdev.quizzes import views
            register_item_kind("quiz", view=views.quiz_item, label=_("Quiz"))

``view(request, item)`` returns the HttpResponse for the item. The learning app calls
it only after the access check (enrolment, drafts, access rules) has passed, so the view
needs to check only what is particular to it. Extending the template
``learning/item_base.html`` (context: ``course``, ``item``) gives the page the course's
breadcrumbs and completion status. Items of a kind nobody registered show a clear
"not available yet" page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

ItemView = Callable[[HttpRequest, object], HttpResponse]


@dataclass(frozen=True)
class ItemKind:
    kind: str
    view: ItemView
    label: str | None = None


_REGISTRY: dict[str, ItemKind] = {}


def register_item_kind(kind: str, *, view: ItemView, label=None) -> None:
    """Show items of `kind` with `view`. Registering a kind again replaces its view."""
    _REGISTRY[kind] = ItemKind(kind=kind, view=view, label=label)


def unregister_item_kind(kind: str) -> None:
    """Remove a kind (for tests)."""
    _REGISTRY.pop(kind, None)


def get_item_kind(kind: str) -> ItemKind | None:
    return _REGISTRY.get(kind)


def registered_kinds() -> list[str]:
    return sorted(_REGISTRY)
