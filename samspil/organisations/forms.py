from django import forms
from django.utils.translation import gettext_lazy as _

from samspil.organisations.models import Organisation


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "system", "municipality", "email", "phone", "website"]
