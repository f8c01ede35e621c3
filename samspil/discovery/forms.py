from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samspil.companies.forms import DateInput
from samspil.companies.models import Cluster, Company
from samspil.core import uploads
from samspil.discovery.models import NeedDecision, Statement, Survey, Workshop, WorkshopFile
from samspil.organisations.models import Organisation
from samspil.organisations.people import members
from samspil.organisations.widgets import Select
from samspil.programmes.models import Project

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "project",
            "cluster",
            "kind",
            "date",
            "theme",
            "facilitators",
            "companies",
            "attendees",
            "documentation",
        ]
        widgets = {
            "date": DateInput(),
            "facilitators": CHECKBOXES,
            "companies": CHECKBOXES,
            "attendees": forms.Textarea(attrs={"rows": 4}),
            "documentation": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.restrict(user).order_by("name")
        self.fields["cluster"].queryset = Cluster.objects.order_by("name")
        self.fields["companies"].queryset = Company.objects.order_by("name")
        # Offered are the people of the user's projects (their teams, the partnerships working
        # under them, their operators) and those already named; the queryset is wider so that
        # another choice reaches the service, which names who does not belong.
        projects = self.fields["project"].queryset
        offered = members(
            projects=projects.values_list("pk", flat=True),
            partnerships=projects.values_list("partnerships", flat=True),
            organisations=projects.values_list("operator", flat=True),
        )
        if self.instance.pk:
            offered = get_user_model().objects.filter(
                Q(pk__in=offered.values("pk")) | Q(pk__in=self.instance.facilitators.values("pk"))
            )
        self.fields["facilitators"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["facilitators"].widget.choices = [
            (u.pk, u.get_full_name() or u.username)
            for u in offered.order_by("first_name", "last_name", "username")
        ]


class WorkshopFileForm(forms.ModelForm):
    """An attachment: a document, spreadsheet, presentation, image or text file, checked by its
    content (``samspil.core.uploads``). ``refused`` is the message for a file stopped for its
    size while it was read (``uploads.refusal(request)``)."""

    class Meta:
        model = WorkshopFile
        fields = ["file", "title"]

    def __init__(self, *args, refused=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused
        self.fields["file"].help_text = _(
            "At most %(size)s MB: a document, spreadsheet, presentation, image or text file."
        ) % {"size": settings.SAMSPIL_MAX_ATTACHMENT_MB}
        self.fields["file"].widget.attrs["accept"] = ",".join(uploads.ALLOWED)

    def clean(self):
        if self.refused:
            self.errors.pop("file", None)
            self.add_error("file", self.refused)
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        uploads.validate_attachment(upload)
        return upload


class StatementForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["text", "theme"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SurveyForm(forms.ModelForm):
    questions = forms.CharField(
        label=_("Own questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question per line; answered in free text."),
    )

    class Meta:
        model = Survey
        fields = [
            "title",
            "introduction",
            "statements",
            "deadline",
            "reminder_interval_days",
            "reminder_days_before_deadline",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "statements": CHECKBOXES,
            "deadline": DateTimeInput(),
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = workshop.statements.all()
        self.fields["statements"].required = False  # sending names the missing statements
        if self.instance.pk:
            self.initial["questions"] = "\n".join(q.text for q in self.instance.questions.all())

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["questions"] = [
            line.strip() for line in data.pop("questions", "").splitlines() if line.strip()
        ]
        return data


class NeedDecisionForm(forms.ModelForm):
    class Meta:
        model = NeedDecision
        fields = ["statement", "company", "kind", "responsible", "status", "due_on", "note"]
        widgets = {
            "due_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
            "statement": Select(),
            "company": Select(label_field="name"),
            "responsible": Select(label_field="name"),
        }

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].queryset = survey.statements.all()
        self.fields["company"].queryset = Company.objects.filter(
            pk__in=survey.invitations.values("company")
        ).order_by("name")
        self.fields["responsible"].queryset = Organisation.objects.only("name").order_by("name")
