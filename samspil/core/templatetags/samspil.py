from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# Each language is named in its own language, as language switchers should.
LANGUAGE_NAMES = {"da": "Dansk", "en": "English", "sv": "Svenska"}


@register.inclusion_tag("core/_main_menu.html", takes_context=True)
def main_menu(context):
    path = context["request"].path
    items = [
        (_("Start"), reverse("home")),
        (_("Companies"), reverse("companies:list")),
        (_("Clusters"), reverse("companies:cluster-list")),
        (_("Coordination"), reverse("companies:coordination")),
        (_("Needs discovery"), reverse("discovery:workshop-list")),
        (_("Courses"), reverse("catalogue:offering-list")),
        (_("Organisations"), reverse("organisations:list")),
        (_("Partnerships"), reverse("partnerships:list")),
        (_("Programmes"), reverse("programmes:programme-list")),
        (_("Recruitment"), reverse("recruitment:opening-list")),
        (_("Projects"), reverse("programmes:project-list")),
    ]
    home = reverse("home")
    return {
        "items": [
            {
                "label": label,
                "url": url,
                "current": path == url or (url != home and path.startswith(url)),
            }
            for label, url in items
        ]
    }


@register.inclusion_tag("core/_language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    current = get_language()
    next_url = request.get_full_path()
    return {
        "languages": [
            {
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
                "current": code == current,
                "url": reverse("set_language", args=[code]) + "?" + urlencode({"next": next_url}),
            }
            for code, _name in settings.LANGUAGES
        ]
    }


@register.simple_tag(takes_context=True)
def querystring_page(context, page_number):
    """The current list's query string with another page number."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()


_WIDGET_CLASSES = {
    "Select": "form-select",
    "SelectMultiple": "form-select",
    "CheckboxInput": "form-checkbox",
    "Textarea": "form-input",
}


@register.filter
def dkfds_widget(bound_field):
    """Render a form field's widget with the design system's class and its ARIA links."""
    widget = bound_field.field.widget
    css = _WIDGET_CLASSES.get(type(widget).__name__, "form-input")
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    attrs = {"class": " ".join(filter(None, [widget.attrs.get("class"), css]))}
    if bound_field.errors:
        described_by.insert(0, f"{bound_field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def is_checkbox_list(bound_field) -> bool:
    return type(bound_field.field.widget).__name__ in ("CheckboxSelectMultiple", "RadioSelect")


@register.filter
def is_single_checkbox(bound_field) -> bool:
    """One yes/no box: the design system draws it from the label that follows the input."""
    return type(bound_field.field.widget).__name__ == "CheckboxInput"


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or None."""
    return mapping.get(key) if mapping else None


# Buttons shown only to those who may press them: each rule is the very function the view
# (or its service) asks before it acts, so a page never shows a button that answers 403.
def _may_create(user, model_label):
    from django.apps import apps

    from samspil.core import scoping

    return scoping.can_create(user, apps.get_model(model_label))


def _may_import(user, _obj=None):
    from samspil.core.import_views import may_import

    return may_import(user)


def _can(action):
    def check(user, obj):
        from samspil.core import scoping

        return scoping.can(user, action, obj)

    return check


RULES = {
    "view": _can("view"),
    "change": _can("change"),
    "delete": _can("delete"),
    "create": _may_create,
    "import": _may_import,
}


@register.simple_tag(takes_context=True)
def may(context, rule, obj=None):
    """``{% may "change" object as may_change %}``, ``{% may "create" "recruitment.Opening" as
    may_open %}``: whether the signed-in user may do it, by the rule the view enforces."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if rule in RULES:
        return bool(RULES[rule](user, obj))
    from samspil.core import scoping

    return scoping.may(user, rule, obj)  # a rule registered by its app (scoping.object_rule)
