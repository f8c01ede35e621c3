"""``samspil import companies FILE``: the company register from a CSV or XLSX file, keyed by CVR.

Columns (header names, any order; see docs/import-companies.md): ``cvr`` (required), ``name``
(required), ``p_number``, ``address``, ``postcode``, ``city``, ``municipality`` (code or name),
``industry_code`` (DB07), ``industry_title``, ``employees``, ``size_band``
(micro/small/medium/large), ``growth_company`` (ja/nej), ``notes``.
"""

import contextlib

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from samspil.companies.models import Company, SizeBand
from samspil.core.imports import Importer, validation_errors
from samspil.core.models import Municipality
from samspil.core.validators import normalise_cvr

TRUE = {"ja", "j", "yes", "y", "true", "1", "x", "sand"}
FALSE = {"nej", "n", "no", "false", "0", "", "falsk"}
TEXT_COLUMNS = (
    "name",
    "p_number",
    "address",
    "postcode",
    "city",
    "industry_code",
    "industry_title",
    "notes",
)


class CompanyImporter(Importer):
    required = ("cvr", "name")
    optional = (
        "p_number",
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
    )
    key = "cvr"

    kind = "companies"
    from samspil.programmes.totals import imported as finish  # running totals, once per file

    batch_size = 2000

    @property
    def kind_label(self) -> str:
        return _("companies")

    def prepare(self, rows) -> None:
        cvrs = []
        for row in rows:
            with contextlib.suppress(ValidationError):
                cvrs.append(normalise_cvr(row.get("cvr", "")))
        self.existing = Company.objects.in_bulk(cvrs, field_name="cvr")
        if hasattr(self, "municipalities"):
            return  # 98 of them: loaded with the first batch
        self.municipalities = {}
        for municipality in Municipality.objects.all():
            self.municipalities[str(municipality.code)] = municipality
            self.municipalities[str(municipality.code).zfill(3)] = municipality
            self.municipalities[municipality.name.lower()] = municipality

    def build(self, row):
        errors: dict[str, list[str]] = {}
        try:
            cvr = normalise_cvr(row.get("cvr", ""))
        except ValidationError as exc:
            # Go on with a stand-in, so every other mistake in the row is named too.
            errors["cvr"] = exc.messages
            cvr = None
        company = (self.existing.get(cvr) if cvr else None) or Company(cvr=cvr or "00000000")
        before = model_to_dict(company) if company.pk else None
        self.remember(company)
        for column in TEXT_COLUMNS:
            if column in row:
                setattr(company, column, row[column])
        if "industry_code" in row and "industry_title" not in row:
            company.industry_title = ""  # derived again from the new code
        if "municipality" in row:
            value = row["municipality"].strip()
            company.municipality = self.municipalities.get(value.lower()) if value else None
            if value and company.municipality is None:
                errors["municipality"] = [_("Unknown municipality “%(value)s”.") % {"value": value}]
        if "employees" in row:
            value = row["employees"].replace(".", "").replace(" ", "")
            if value and not value.isdigit():
                errors["employees"] = [_("The number of employees is a whole number.")]
            else:
                company.employees = int(value) if value else None
        if "size_band" in row:
            value = row["size_band"].strip().lower()
            if value and value not in SizeBand.values:
                errors["size_band"] = [
                    _("The size is one of: %(choices)s.") % {"choices": ", ".join(SizeBand.values)}
                ]
            company.size_band = value
        if "growth_company" in row:
            value = row["growth_company"].strip().lower()
            if value not in TRUE | FALSE:
                errors["growth_company"] = [_("Write ja or nej.")]
            company.growth_company = value in TRUE
        try:
            company.full_clean(validate_unique=False, exclude=["cvr"] if "cvr" in errors else None)
        except ValidationError as exc:
            for column, messages in validation_errors(exc).items():
                errors.setdefault(column, []).extend(messages)
        if company.pk:
            company._import_changed = model_to_dict(company) != before
        return company, errors

    def save_batch(self, records) -> None:
        self.write(Company, records, UPDATED_FIELDS)


UPDATED_FIELDS = [
    *TEXT_COLUMNS,
    "municipality",
    "employees",
    "size_band",
    "growth_company",
    "updated_at",
]
