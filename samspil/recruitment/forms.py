import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from samspil.catalogue.models import CompetenceArea
from samspil.companies.forms import DateInput
from samspil.companies.models import Company
from samspil.core import scoping
from samspil.organisations.models import Organisation, System
from samspil.organisations.widgets import Select
from samspil.participants.forms import PersonForm
from samspil.programmes.models import Project
from samspil.programmes.scoping import project_team
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal, Rotation


def _team_projects(user):
    return Project.objects.filter(pk__in=project_team(user, scoping.CHANGE)).order_by("name")


class OpeningForm(forms.ModelForm):
    class Meta:
        model = Opening
        fields = [
            "company",
            "project",
            "kind",
            "role",
            "description",
            "competence_areas",
            "education_level",
            "hours_per_week",
            "start_date",
            "end_date",
            "municipality",
            "status",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "competence_areas": forms.CheckboxSelectMultiple,
            "company": Select(label_field="name"),
            "project": Select(),
            "municipality": Select(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        companies = Company.objects.only("name").order_by("name")
        if self.instance.company_id:
            # An opening stays with its company: its page does not list the whole register.
            companies = companies.filter(pk=self.instance.company_id)
        self.fields["company"].queryset = companies
        self.fields["project"].queryset = _team_projects(user)
        self.fields["competence_areas"].queryset = CompetenceArea.objects.order_by("name")


class CandidateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = [
            "jobcentre",
            "project",
            "campaign",
            "consent_given_on",
            "consent_withdrawn_on",
            "education_level",
            "education",
            "competence_areas",
            "wishes",
            "municipality",
            "unemployed_since",
            "available_from",
            "hours_per_week",
        ]
        widgets = {
            "consent_given_on": DateInput(),
            "consent_withdrawn_on": DateInput(),
            "unemployed_since": DateInput(),
            "available_from": DateInput(),
            "competence_areas": forms.CheckboxSelectMultiple,
            "jobcentre": Select(label_field="name"),
            "project": Select(),
            "campaign": Select(label_field="title"),
            "municipality": Select(),
        }
        help_texts = {
            "consent_given_on": _(
                "Without consent the candidate is not matched or shown to any company."
            )
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jobcentre"].queryset = (
            Organisation.objects.filter(system=System.EMPLOYMENT).only("name").order_by("name")
        )
        self.fields["project"].queryset = Project.objects.restrict(user).order_by("name")
        self.fields["campaign"].queryset = (
            Campaign.objects.restrict(user).only("title").order_by("title")
        )
        self.fields["competence_areas"].queryset = CompetenceArea.objects.order_by("name")


class ReferPersonForm(PersonForm):
    """Who the candidate is: the participant's person form without the employer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["employer"]


class MoveForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=Proposal.Stage.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    stage_on = forms.DateField(
        label=_("Date"),
        initial=datetime.date.today,
        widget=DateInput(attrs={"class": "form-input"}),
    )
    reason = forms.CharField(
        label=_("Reason not started"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )


class RotationForm(forms.ModelForm):
    exception = forms.CharField(
        label=_("Exception: the reason (operators only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only to go ahead although a rule is broken; it is kept with the rotation."),
    )

    class Meta:
        model = Rotation
        fields = [
            "substitute",
            "employee",
            "employee_employed_since",
            "employee_has_eud_agreement",
            "training_hours",
        ]
        widgets = {"employee_employed_since": DateInput()}

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = candidates


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "project",
            "title",
            "jobcentres",
            "start_date",
            "end_date",
            "materials",
            "people_reached",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "jobcentres": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = _team_projects(user)
        self.fields["jobcentres"].queryset = Organisation.objects.filter(
            system=System.EMPLOYMENT
        ).order_by("name")
