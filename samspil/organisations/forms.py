from django import forms

from samspil.organisations.models import Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "system", "municipality", "email", "phone", "website"]
