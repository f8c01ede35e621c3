"""The upload page every import shares: operators check or import a CSV/XLSX file."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views import generic

from samspil.core import scoping
from samspil.core.imports import ImportFileError, read_table


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    dry_run = forms.BooleanField(
        label=_("Only check the file; save nothing"), required=False, initial=True
    )


MAX_BYTES = 20 * 1024 * 1024


def run_upload(form, importer):
    """Check or import the file of a valid ``ImportForm`` with ``importer`` (all or nothing);
    the result, or None with the reason on the form's file field."""
    upload = form.cleaned_data["file"]
    if upload.size > MAX_BYTES:
        form.add_error("file", _("The file is larger than 20 MB."))
        return None
    try:
        rows = read_table(upload.read(), upload.name)
        return importer.run(rows, dry_run=form.cleaned_data["dry_run"])
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return None


class ImportView(generic.FormView):
    """Subclasses name the ``importer`` and describe the columns in ``columns_help``."""

    form_class = ImportForm
    template_name = "core/import.html"
    importer = None
    title = ""
    columns_help = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser and not scoping.is_operator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, columns_help=self.columns_help, **kwargs)

    def form_valid(self, form):
        result = run_upload(form, self.importer(actor=self.request.user))
        if result is None:
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, result=result))
