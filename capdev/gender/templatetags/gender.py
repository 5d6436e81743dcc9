from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value, decimals=1):
    """An indicator value for people: rounded, or an em dash when missing (never zero)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    # number_format truncates the decimals; round first so 47.826 reads 47.83.
    rounded = round(float(value), int(decimals))
    return number_format(rounded, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
