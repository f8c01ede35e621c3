from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samspil.catalogue.models import Offering, Provider
from samspil.companies.forms import DateInput
from samspil.companies.models import Company
from samspil.organisations.models import Organisation, System
from samspil.participants.identifiers import parse
from samspil.participants.models import (
    START_FORM,
    STOP_FORM,
    EducationPlan,
    Enrolment,
    Gender,
    Participant,
    PriorLearningAssessment,
)


class _EnrolmentChoiceMixin:
    """The enrolment is chosen among the person's enrolments in projects the user works on."""

    def limit_choices(self, user, participant):
        self.fields["enrolment"].queryset = (
            Enrolment.objects.restrict(user, "change")
            .filter(participant=participant)
            .select_related("project")
        )
        self.fields["enrolment"].label_from_instance = lambda e: e.project.name
        self.fields["enrolment"].label = _("Project")
        enrolments = list(self.fields["enrolment"].queryset)
        if len(enrolments) == 1:  # the usual case: one project, nothing to choose
            self.fields["enrolment"].empty_label = None
            self.fields["enrolment"].initial = enrolments[0].pk
        if "school" in self.fields:
            self.fields["school"].queryset = Provider.objects.order_by("name")
        if "provider" in self.fields:
            self.fields["provider"].queryset = Provider.objects.order_by("name")
        for name in ("education",):
            self.fields[name].queryset = Offering.objects.select_related("provider").order_by(
                "title"
            )
            self.fields[name].label_from_instance = lambda o: f"{o.title} – {o.provider.name}"


class AssessmentForm(_EnrolmentChoiceMixin, forms.ModelForm):
    class Meta:
        model = PriorLearningAssessment
        fields = [
            "enrolment",
            "school",
            "education",
            "assessed_on",
            "assessor",
            "track",
            "length_weeks",
            "merit",
            "notes",
        ]
        widgets = {
            "assessed_on": DateInput(),
            "merit": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(user, participant)


class EducationPlanForm(_EnrolmentChoiceMixin, forms.ModelForm):
    class Meta:
        model = EducationPlan
        fields = [
            "enrolment",
            "education",
            "provider",
            "assessment",
            "subjects",
            "start_date",
            "expected_end_date",
            "danish_requirement",
            "maths_requirement",
            "preparatory_course",
            "status",
            "ended_on",
        ]
        widgets = {
            "start_date": DateInput(),
            "expected_end_date": DateInput(),
            "ended_on": DateInput(),
            "subjects": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(user, participant)
        self.fields["assessment"].queryset = (
            PriorLearningAssessment.objects.restrict(user)
            .filter(enrolment__participant=participant)
            .select_related("school")
        )


class SchoolPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if bool(data.get("start")) != bool(data.get("end")):
            raise forms.ValidationError(_("Give both the first and the last day of the period."))
        return data


SchoolPeriodFormSet = forms.formset_factory(SchoolPeriodForm, extra=3)


class PersonForm(forms.Form):
    """Who the participant is; the identifier is checked as the import checks it."""

    personal_id_type = forms.ChoiceField(
        label=_("Identifier type"), choices=Participant.IdentifierType.choices
    )
    personal_id = forms.CharField(
        label=_("Identifier"),
        max_length=40,
        help_text=_("CPR number (DDMMYY-XXXX), Swedish personnummer or an external reference."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False
    )
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=DateInput(),
        help_text=_("Taken from the CPR number or personnummer when left empty."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Company.objects.order_by("name"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("personal_id_type") and data.get("personal_id"):
            try:
                data["identifier"] = parse(data["personal_id_type"], data["personal_id"])
            except ValidationError as exc:
                self.add_error("personal_id", exc)
        return data


class StartForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = list(START_FORM)
        widgets = {"entry_date": DateInput()}


class StartAndStopForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = [*START_FORM, *STOP_FORM]
        widgets = {"entry_date": DateInput(), "leaving_date": DateInput()}


class ParticipantForm(forms.ModelForm):
    """The person's details beside the start and stop form (the identifier is not changed)."""

    class Meta:
        model = Participant
        fields = ["name", "gender", "birth_date", "email", "phone", "employer", "jobcentre"]
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Company.objects.order_by("name")
        self.fields["jobcentre"].queryset = Organisation.objects.filter(
            system=System.EMPLOYMENT
        ).order_by("name")
