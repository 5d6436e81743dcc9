"""Course pages (items of kind "page"): readable by the course's participants and trainers.
Also tells the library which courses a user takes, for course-visibility documents."""

from django.utils.translation import gettext_lazy as _

from capdev.knowledge.sources import Passage, Scope, SourceItem, register_source


def build(item) -> SourceItem | None:
    if item.kind != "page" or not item.is_published or not item.body.strip():
        return None
    import lxml.etree
    import lxml.html

    try:  # the body is sanitised HTML; index its text
        text = lxml.html.fromstring(item.body).text_content()
    except (lxml.etree.ParserError, ValueError):
        text = item.body
    course = item.course
    return SourceItem(
        title=f"{course.title}: {item.title}",
        url=item.get_absolute_url(),
        scope=Scope(visibility="course", course_ref=course.slug),
        passages=[Passage(text=text, heading=item.title)],
        language=course.language or "",
        kind="course_page",
    )


def enrolled_course_slugs(user):
    from capdev.learning.models import Enrolment

    return Enrolment.objects.filter(user=user).values_list("course__slug", flat=True)


def register() -> None:
    from capdev.learning.models import Item
    from capdev.library.access import register_course_resolver

    register_source(
        "course_page",
        Item,
        build,
        label=_("Course page"),
        queryset=lambda: Item.objects.filter(kind="page").select_related("course"),
    )
    register_course_resolver(enrolled_course_slugs)
