from django import forms
from django.utils.translation import gettext_lazy as _

from samspil.catalogue.models import Offering, Provider
from samspil.companies.forms import DateInput
from samspil.participants.models import EducationPlan, Enrolment, PriorLearningAssessment


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
        if "school" in self.fields:
            self.fields["school"].queryset = Provider.objects.order_by("name")
        if "provider" in self.fields:
            self.fields["provider"].queryset = Provider.objects.order_by("name")
        for name in ("education",):
            self.fields[name].queryset = Offering.objects.select_related("provider").order_by(
                "title"
            )


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
        ]
        widgets = {
            "start_date": DateInput(),
            "expected_end_date": DateInput(),
            "subjects": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(user, participant)
        self.fields["assessment"].queryset = PriorLearningAssessment.objects.restrict(user).filter(
            enrolment__participant=participant
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
