from django import template

from samspil.organisations import members

register = template.Library()


@register.inclusion_tag("organisations/_members.html", takes_context=True)
def members_section(context, target, memberships):
    """The members of an organisation, partnership or project, with add / change role /
    remove for those allowed and the changes from the audit trail."""
    data = members.section(context["request"].user, target, memberships)
    data["request"] = context["request"]
    data["csrf_token"] = context.get("csrf_token")
    return data
