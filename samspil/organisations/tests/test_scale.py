"""Organisations at a region's size: the API lists cost the same queries whatever the size of
the register, and long selects of organisations render as Django's own do."""

import pytest
from django import forms

from samspil.organisations.widgets import Select
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_the_organisation_api_lists_cost_the_same_queries_at_two_sizes(api_for, world):
    def grow():
        for _n in range(3):
            f.OrganisationMembershipFactory(organisation=f.OrganisationFactory())

    grow()
    api = api_for(world.member)
    for name in ("organisations", "organisation-memberships"):
        assert_constant_queries(api, f"/api/v1/{name}/", grow)


def test_the_fast_select_offers_the_same_choices_as_djangos():
    choices = [("", "---"), (1, "A & B"), (2, "<Jobcenter>"), ("Gruppe", [(3, "C")])]
    fast = Select(choices=choices).render("who", 2, attrs={"id": "id_who", "required": True})
    assert fast.startswith('<select name="who" id="id_who" required>')
    assert '<option value="2" selected>&lt;Jobcenter&gt;</option>' in fast
    assert '<option value="1">A &amp; B</option>' in fast
    assert '<optgroup label="Gruppe">\n<option value="3">C</option>\n</optgroup>' in fast
    plain = forms.Select(choices=choices).render("who", 2)
    assert plain.count("<option") == fast.count("<option") == 4


def test_read_by_label_field_the_register_gives_the_same_options(world):
    from samspil.organisations.models import Organisation

    queryset = Organisation.objects.order_by("name")
    chosen = world.organisation_a.pk
    plain = forms.ModelChoiceField(queryset=queryset, widget=forms.Select()).widget
    fast = forms.ModelChoiceField(queryset=queryset, widget=Select(label_field="name")).widget

    def options(html):
        return [line.strip() for line in html.splitlines() if "<option" in line]

    assert options(fast.render("o", chosen)) == options(plain.render("o", chosen))
    assert len(options(fast.render("o", chosen))) == queryset.count() + 1  # and "---------"
