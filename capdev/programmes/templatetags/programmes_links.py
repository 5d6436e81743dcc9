"""Template tags other apps use to show programmes records beside their own."""

from django import template

from capdev.programmes.selectors import projects_visible_to

register = template.Library()


@register.simple_tag
def visible_linked_projects(support_request, user):
    """The projects linked to a support request that `user` may open."""
    return projects_visible_to(user).filter(linked_requests=support_request).order_by("title")
