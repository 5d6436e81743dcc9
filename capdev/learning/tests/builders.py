"""Courses for tests, built through the services as the pages build them."""

from capdev.learning import services
from capdev.learning.models import Course, Item


def module_chain(trainer, *, modules: int = 3, slug: str = "chain") -> Course:
    """A published course: an open overview, then Module N sections each locked behind
    the previous module's self-assessment (a manual item), as in the seed's course."""
    course = services.course_create(
        title="Chain course", slug=slug, status=Course.Status.PUBLISHED, trainers=[trainer]
    )
    overview = services.section_create(course=course, title="Overview")
    services.item_create(section=overview, kind=Item.Kind.PAGE, title="Welcome", body="<p>Hi</p>")
    previous = None
    for number in range(1, modules + 1):
        rule = None
        if previous is not None:
            rule = {"op": "all", "rules": [{"type": "item", "item": previous.pk}]}
        section = services.section_create(course=course, title=f"Module {number}", access_rule=rule)
        services.item_create(
            section=section, kind=Item.Kind.PAGE, title=f"Module {number}", body="<p>Text</p>"
        )
        previous = services.item_create(
            section=section,
            kind=Item.Kind.PAGE,
            title=f"Module {number} self-assessment",
            key=f"module-{number}-self-assessment",
            completion_rule=Item.CompletionRule.MANUAL,
        )
    return course


def item(course: Course, key: str) -> Item:
    return Item.objects.get(course=course, key=key)
