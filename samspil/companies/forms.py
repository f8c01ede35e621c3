from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samspil.companies.models import Cluster, Company, Contact, ContactPerson
from samspil.organisations.models import Organisation, OrganisationMembership
from samspil.organisations.people import members
from samspil.partnerships.models import Partnership, PartnershipMembership
from samspil.programmes.models import Project, ProjectMembership

# The longest free text a form takes (a contact's notes, say): about ten pages.
LONG_TEXT = 20_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CompanyForm(forms.ModelForm):
    # Numbers may be typed with spaces or a DK prefix; the model stores the bare digits.
    cvr = forms.CharField(label=_("CVR number"), max_length=20, required=False)
    orgnr = forms.CharField(label=_("organisation number"), max_length=20, required=False)

    class Meta:
        model = Company
        fields = [
            "cvr",
            "orgnr",
            "p_number",
            "name",
            "address",
            "postcode",
            "city",
            "municipality",
            "industry_code",
            "industry_title",
            "employees",
            "size_band",
            "growth_company",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An installation keeps the register of its own country.
        if settings.SAMSPIL_COUNTRY == "se":
            del self.fields["cvr"], self.fields["p_number"]
            self.fields["orgnr"].required = True
        else:
            del self.fields["orgnr"]
            self.fields["cvr"].required = True
            self.fields["cvr"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone", "consent_basis", "consent_date", "consent_note"]
        widgets = {"consent_date": DateInput()}


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = [
            "name",
            "kind",
            "theme",
            "description",
            "mother_company",
            "mother_responsibilities",
            "companies",
            "projects",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mother_responsibilities": forms.Textarea(attrs={"rows": 3}),
            "companies": forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
            "projects": forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        }


class ContactForm(forms.ModelForm):
    """Plan or log a contact. Choices are narrowed to what the user may act under."""

    invite = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        label=_("Invite to a joint visit"),
        help_text=_("They get an e-mail with the date and purpose."),
    )

    class Meta:
        model = Contact
        fields = [
            "kind",
            "status",
            "date",
            "organisations",
            "consultants",
            "project",
            "partnership",
            "purpose",
            "notes",
            "next_step",
            "outcome",
            "budget_override_reason",
        ]
        widgets = {
            "date": DateInput(),
            "organisations": forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
            "consultants": forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, company, invitable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self.fields["organisations"].queryset = Organisation.objects.order_by("name")
        self.fields["organisations"].required = False  # the service names the missing choice
        # Offered are the people one works with (and those already named); the queryset is
        # wider so that another choice reaches the service, which names who does not belong.
        self.fields["consultants"].queryset = get_user_model().objects.filter(is_active=True)
        named = self.instance.consultants.all() if self.instance.pk else None
        self.fields["consultants"].widget.choices = [
            (u.pk, u.get_full_name() or u.username) for u in colleagues(user, also=named)
        ]
        self.fields["project"].queryset = Project.objects.restrict(user).order_by("name")
        self.fields["partnership"].queryset = Partnership.objects.restrict(user).order_by("name")
        self.fields["invite"].queryset = get_user_model().objects.filter(
            pk__in=[u.pk for u in invitable]
        )
        self.fields["invite"].label_from_instance = lambda u: u.get_full_name() or u.username
        # A pasted document is refused on the field with what was typed kept, never saved
        # whole or answered with an error page (the request itself may hold up to 5 MB).
        for name in ("purpose", "notes", "next_step", "outcome", "budget_override_reason"):
            field = self.fields[name]
            field.max_length = min(field.max_length or LONG_TEXT, LONG_TEXT)
            field.validators.append(MaxLengthValidator(field.max_length))
        self.fields["budget_override_reason"].help_text = _(
            "Only needed when the company has had its quota of uncoordinated contacts this quarter."
        )

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["company"] = self.company
        return data


def colleagues(user, also=None):
    """The active people of the user's organisations, partnerships and projects, and ``also``
    (a queryset of people already named), by name."""
    people = members(
        organisations=OrganisationMembership.objects.filter(user=user).values_list(
            "organisation", flat=True
        ),
        partnerships=PartnershipMembership.objects.filter(user=user).values_list(
            "partnership", flat=True
        ),
        projects=ProjectMembership.objects.filter(user=user).values_list("project", flat=True),
    )
    if also is not None:
        people = get_user_model().objects.filter(
            Q(pk__in=people.values("pk")) | Q(pk__in=also.values("pk"))
        )
    return people.order_by("first_name", "last_name", "username")
