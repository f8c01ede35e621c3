from django.utils.translation import gettext_lazy as _

from samspil.companies.imports import CompanyImporter
from samspil.core.import_views import ImportView


class CompanyImportView(ImportView):
    """Operators import the company register; a bad file is refused whole, row by row."""

    importer = CompanyImporter
    title = _("Import companies")
    columns_help = _(
        "A CSV or XLSX file with one company per row. Required columns: cvr, name. Optional: "
        "p_number, address, postcode, city, municipality (code or name), industry_code (DB07), "
        "industry_title, employees, size_band, growth_company (ja/nej), notes. A company already "
        "in samspil is updated (the CVR number is the key). If any row is wrong, nothing is saved."
    )
