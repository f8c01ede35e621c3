from django import forms
from django.utils.translation import gettext_lazy as _

from samspil.catalogue.models import CompetenceArea
from samspil.companies.forms import DateInput
from samspil.plans.models import PlanNeed
from samspil.programmes.models import Project


class StartPlanForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.restrict(user).order_by("name")


class NeedForm(forms.ModelForm):
    class Meta:
        model = PlanNeed
        fields = [
            "area",
            "description",
            "current_level",
            "target_level",
            "priority",
            "horizon",
            "employees",
            "source",
            "notes",
        ]
        widgets = {"horizon": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = CompetenceArea.objects.order_by("name")
        for name in ("current_level", "target_level"):
            self.fields[name].widget.attrs.update({"min": 0, "max": 5})


class AgreeForm(forms.Form):
    agreed_by = forms.CharField(label=_("Agreed by (at the company)"), max_length=200)
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput())
