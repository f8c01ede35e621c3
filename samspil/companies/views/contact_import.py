from django.utils.translation import gettext_lazy as _

from samspil.companies.contact_imports import ContactImporter
from samspil.core.import_views import ImportView


class ContactImportView(ImportView):
    """Operators bring the contact history of an old CRM; a bad file is refused whole."""

    importer = ContactImporter
    title = _("Import contacts")
    columns_help = _(
        "A CSV or XLSX file with one contact per row. Required columns: cvr, date (YYYY-MM-DD "
        "or dd.mm.yyyy), kind, status (done or planned), organisation (its exact name). "
        "Optional: project and partnership (code or exact name), consultants (usernames or "
        "e-mails, separated by , or ;), purpose, notes, next_step, outcome, "
        "joint_organisations (names separated by ;). The companies must be registered. A "
        "contact with the same company, date, kind, organisation and project is updated, not "
        "repeated. If any row is wrong, nothing is saved."
    )
