"""The Danish job rotation rules, with the numbers from settings by the year the substitute post
starts: each rule says whether it holds and why, and the expected subsidy is the planned
training hours at the year's rate per hour."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from samspil.core.dates import add_months

KEYS = (
    "substitute_unemployed_months",
    "post_max_months",
    "post_min_hours_per_week",
    "employee_employed_months",
    "subsidy_per_hour",
)


@dataclass(frozen=True)
class Check:
    code: str
    field: str  # the field of the rotation (or opening) the rule is about
    ok: bool
    message: str


def rules_for(year: int) -> dict:
    """The rules of the latest year not after ``year`` (or the earliest there is)."""
    try:
        table = {int(y): values for y, values in settings.SAMSPIL_JOB_ROTATION_RULES.items()}
    except ValueError as exc:
        raise ImproperlyConfigured("SAMSPIL_JOB_ROTATION_RULES is keyed by year.") from exc
    if not table:
        raise ImproperlyConfigured("SAMSPIL_JOB_ROTATION_RULES names no year.")
    earlier = [y for y in table if y <= year]
    chosen = table[max(earlier) if earlier else min(table)]
    missing = [key for key in KEYS if key not in chosen]
    if missing:
        raise ImproperlyConfigured(
            f"SAMSPIL_JOB_ROTATION_RULES lacks {', '.join(missing)} for {year}."
        )
    return chosen


def _date(day) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def check(rotation) -> list[Check]:
    """Every rule for a proposed rotation, whether it holds and why."""
    opening, substitute = rotation.opening, rotation.substitute
    start = opening.start_date
    rules = rules_for(start.year)
    months = rules["substitute_unemployed_months"]
    since = substitute.unemployed_since
    checks = [
        Check(
            "substitute_unemployed",
            "substitute",
            add_months(since, months) <= start,
            _(
                "The substitute must have been unemployed at least %(months)s months when the "
                "post starts; unemployed since %(since)s, the post starts %(start)s."
            )
            % {"months": months, "since": _date(since), "start": _date(start)},
        )
    ]
    longest = rules["post_max_months"]
    end = opening.end_date
    checks.append(
        Check(
            "post_max_months",
            "opening",
            # The end date is the post's last day: six months from 1 March end on 31 August.
            end is not None and end < add_months(start, longest),
            _("The post may last at most %(months)s months; it runs %(start)s – %(end)s.")
            % {"months": longest, "start": _date(start), "end": _date(end) if end else "?"},
        )
    )
    fewest = Decimal(str(rules["post_min_hours_per_week"]))
    checks.append(
        Check(
            "post_min_hours",
            "opening",
            opening.hours_per_week >= fewest,
            _("The post must average at least %(min)s hours a week; it has %(hours)s.")
            % {"min": number_format(fewest), "hours": number_format(opening.hours_per_week)},
        )
    )
    employed = rules["employee_employed_months"]
    checks.append(
        Check(
            "employee_employed",
            "employee_employed_since",
            add_months(rotation.employee_employed_since, employed) <= start,
            _(
                "The employee in training must have been employed at least %(months)s months "
                "when the post starts; employed since %(since)s."
            )
            % {"months": employed, "since": _date(rotation.employee_employed_since)},
        )
    )
    checks.append(
        Check(
            "no_eud_agreement",
            "employee_has_eud_agreement",
            not rotation.employee_has_eud_agreement,
            _("An employee with an EUD training agreement cannot be covered by job rotation."),
        )
    )
    return checks


def subsidy(rotation) -> Decimal:
    """The expected subsidy: the planned training hours at the year's rate."""
    rate = Decimal(str(rules_for(rotation.opening.start_date.year)["subsidy_per_hour"]))
    return (rotation.training_hours * rate).quantize(Decimal("0.01"))
