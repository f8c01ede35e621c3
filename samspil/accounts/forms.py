from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Report to the region's data warehouse”."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=settings.SAMSPIL_API_TOKEN_MAX_DAYS,
        initial=settings.SAMSPIL_API_TOKEN_DAYS,
    )
