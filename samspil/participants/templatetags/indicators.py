from django import template

from samspil.participants.indicator_names import name

register = template.Library()


@register.filter
def indicator_name(code) -> str:
    """An ESF indicator's name in the active language, to show beside its code."""
    return name(str(code))
