from django import forms
from django.utils.translation import gettext_lazy as _

from samspil.catalogue.models import CompetenceArea, Level
from samspil.companies.forms import DateInput
from samspil.companies.models import Company


class CompetenceAreaForm(forms.ModelForm):
    class Meta:
        model = CompetenceArea
        fields = ["name", "description", "keywords"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "keywords": forms.Textarea(attrs={"rows": 2}),
        }


class MatchForm(forms.Form):
    """A need in the company's own words, and what else is known about it."""

    need = forms.CharField(label=_("The need"), widget=forms.Textarea(attrs={"rows": 3}))
    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.order_by("name"), required=False
    )
    level_from = forms.ChoiceField(label=_("Lift from"), choices=Level.choices, required=False)
    level_to = forms.ChoiceField(label=_("Lift to"), choices=Level.choices, required=False)
    horizon = forms.DateField(label=_("Needed by"), required=False, widget=DateInput())
    require_qualification = forms.BooleanField(
        label=_("Only qualification-granting counts extra"), required=False
    )
