from django import template

from capdev.core import places

register = template.Library()


@register.filter
def place_name(english: str) -> str:
    """`{{ row.region|place_name }}`: an English M49 country or region name, localised."""
    return places.place_name(english)
