from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from samspil.companies.forms import DateInput
from samspil.companies.models import Company
from samspil.organisations.models import Organisation, System
from samspil.partnerships.models import DIMENSIONS, LEVELS, Case, LearningNote, Meeting
from samspil.partnerships.models.maturity import EvaluationRound
from samspil.programmes.models import Project, Tool

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})


def full_name(user) -> str:
    return user.get_full_name() or user.username


def members_of(partnership):
    return (
        get_user_model()
        .objects.filter(partnership_memberships__partnership=partnership)
        .order_by("first_name", "last_name")
    )


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = [
            "company",
            "referred_by",
            "referred_on",
            "need",
            "status",
            "follow_up_on",
            "outcome",
        ]
        widgets = {
            "referred_on": DateInput(),
            "follow_up_on": DateInput(),
            "need": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.order_by("name")
        self.fields["referred_by"].queryset = Organisation.objects.order_by("name")


class DecisionForm(forms.Form):
    """What the partnership decides for one case; on a meeting page there is one per case."""

    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    systems = forms.MultipleChoiceField(
        label=_("Systems that act"), choices=System.choices, widget=CHECKBOXES, required=False
    )
    consultants = forms.ModelMultipleChoiceField(
        label=_("Consultants who act"),
        queryset=get_user_model().objects.none(),
        widget=CHECKBOXES,
        required=False,
    )
    project = forms.ModelChoiceField(label=_("Project"), queryset=None, required=False)
    tools = forms.ModelMultipleChoiceField(
        label=_("Tools"), queryset=Tool.objects.none(), widget=CHECKBOXES, required=False
    )

    def __init__(self, *args, case, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        options = options or self.options_for(case.partnership)
        # Offered are the partnership's members, projects and their tools; the querysets are
        # wider so that a tampered form reaches the service, which names what is wrong.
        self.fields["consultants"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["consultants"].widget.choices = options["consultants"]
        self.fields["project"].queryset = Project.objects.all()
        self.fields["project"].widget.choices = [("", "---------"), *options["projects"]]
        self.fields["tools"].queryset = Tool.objects.all()
        self.fields["tools"].widget.choices = options["tools"]
        self.tool_projects = options.get("tool_projects", {})
        self.project_names = dict(options["projects"])

    def tool_groups(self):
        """The tools' checkboxes by project, so the page shows only the chosen project's."""
        groups = {}
        for box in self["tools"]:
            project = self.tool_projects.get(box.data["value"])
            groups.setdefault(project, []).append(box)
        return [
            {"project": project, "name": self.project_names.get(project, ""), "boxes": boxes}
            for project, boxes in groups.items()
        ]

    @staticmethod
    def options_for(partnership) -> dict:
        """The choices for every decision form of one partnership, in three queries, so a
        meeting page with many cases costs the same as one with few."""
        tools = list(
            Tool.objects.filter(project__partnerships=partnership)
            .select_related("project")
            .order_by("project__name", "pk")
        )
        return {
            "consultants": [(u.pk, full_name(u)) for u in members_of(partnership)],
            "projects": [(p.pk, p.name) for p in partnership.projects.order_by("name")],
            "tools": [(t.pk, t.name) for t in tools],
            "tool_projects": {t.pk: t.project_id for t in tools},
        }


class MeetingForm(forms.ModelForm):
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases on the agenda"),
        queryset=Case.objects.none(),
        widget=CHECKBOXES,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = ["date", "place", "status", "attendees", "minutes"]
        widgets = {
            "date": DateInput(),
            "attendees": CHECKBOXES,
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members_of(partnership)
        self.fields["attendees"].label_from_instance = full_name
        if self.instance.pk:
            del self.fields["cases"]
        else:
            self.fields["cases"].queryset = (
                Case.objects.open().filter(partnership=partnership).select_related("company")
            )
            self.fields["cases"].label_from_instance = lambda c: f"{c.company.name}: {c.need[:80]}"


class RoundForm(forms.ModelForm):
    class Meta:
        model = EvaluationRound
        fields = ["title", "opens_on", "closes_on"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}


class EvaluationForm(forms.Form):
    """One radio group per dimension, each level described in words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in DIMENSIONS:
            self.fields[dimension.code] = forms.TypedChoiceField(
                label=dimension.label,
                coerce=int,
                choices=[
                    (level, f"{LEVELS[level]}: {dimension.descriptors[level - 1]}")
                    for level in LEVELS
                ],
                widget=forms.RadioSelect(attrs={"class": "form-radio"}),
            )
            self.fields[f"{dimension.code}_comment"] = forms.CharField(
                label=_("Comment on %(dimension)s") % {"dimension": dimension.label},
                required=False,
                max_length=500,
            )

    def ratings(self) -> tuple[dict, dict]:
        data = self.cleaned_data
        ratings = {d.code: data.get(d.code) for d in DIMENSIONS}
        comments = {d.code: data.get(f"{d.code}_comment", "") for d in DIMENSIONS}
        return ratings, comments


class LearningNoteForm(forms.ModelForm):
    class Meta:
        model = LearningNote
        fields = [
            "title",
            "noted_on",
            "project",
            "tried",
            "for_whom",
            "context",
            "result",
            "evidence",
            "tags",
            "success_story",
            "publish",
        ]
        widgets = {
            "noted_on": DateInput(),
            "tried": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = partnership.projects.all()


class ToolForm(forms.ModelForm):
    class Meta:
        model = Tool
        fields = ["name", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
