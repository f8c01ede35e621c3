"""The cluster filter of the company list as a search: a text field whose suggestions (a
``datalist``) come from the server as one types, instead of a select of every cluster. It
accepts a cluster's id (links from a cluster's page) or the beginning of its name."""

from django import forms
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from samspil.companies.models import Cluster
from samspil.core.views import posted_pk

SUGGESTIONS = 20


class ClusterPicker(forms.TextInput):
    """A text input with a list of suggestions the server fills (htmx) as one types."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        listed = f"{widget_attrs.get('id') or 'id_' + name}-suggestions"
        widget_attrs.update(
            {
                "list": listed,
                "autocomplete": "off",
                "hx-get": reverse("companies:cluster-suggestions"),
                "hx-trigger": "input changed delay:250ms, focus once",
                "hx-target": f"#{listed}",
                "hx-select": "unset",
                "hx-swap": "innerHTML",
                "hx-push-url": "false",
            }
        )
        context["widget"]["listed"] = listed
        return context

    def format_value(self, value):
        """An id in the address shows as the cluster's name (one query, only when filtering)."""
        value = super().format_value(value)
        if value and (pk := posted_pk(value)) is not None:
            name = Cluster.objects.filter(pk=pk).values_list("name", flat=True).first()
            return name or value
        return value

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        field = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="{}"></datalist>', field, context["widget"]["listed"])


def clusters_named(value: str):
    """The clusters a filter value means: one by its id, or those whose name begins so."""
    value = (value or "").strip()
    if (pk := posted_pk(value)) is not None:
        return Cluster.objects.filter(pk=pk)
    return Cluster.objects.filter(name__istartswith=value)


def cluster_suggestions(request):
    """The first clusters whose name begins with what is typed, as datalist options."""
    typed = request.GET.get("cluster", "").strip()
    clusters = Cluster.objects.restrict(request.user).order_by("name")
    if typed and not typed.isdigit():
        clusters = clusters.filter(name__istartswith=typed)
    names = list(clusters.values_list("name", flat=True)[:SUGGESTIONS])
    return HttpResponse(
        render_to_string("companies/_cluster_suggestions.html", {"names": names}, request)
    )
