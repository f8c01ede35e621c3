"""The upload page every import shares: operators check or import a CSV/XLSX file.

A small file is imported while the user waits; a large one (more than ``BACKGROUND_ROWS`` rows
or ``BACKGROUND_BYTES``) is stored under the var directory and imported by the task worker,
and the page shows a progress bar the user can leave and come back to (their recent imports are
listed on the page). Only the user who started an import, and superusers, see it.
"""

import uuid
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from samspil.core import scoping
from samspil.core.imports import ImportFileError, count_rows, iter_table
from samspil.core.models import ImportJob


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    dry_run = forms.BooleanField(
        label=_("Only check the file; save nothing"), required=False, initial=True
    )


MAX_BYTES = 20 * 1024 * 1024  # imported while the user waits
MAX_BACKGROUND_BYTES = 500 * 1024 * 1024
BACKGROUND_ROWS = 2000
BACKGROUND_BYTES = 1024 * 1024


def run_upload(form, importer):
    """Check or import the file of a valid ``ImportForm`` with ``importer`` (all or nothing);
    the result, or None with the reason on the form's file field."""
    upload = form.cleaned_data["file"]
    if upload.size > MAX_BYTES:
        form.add_error("file", _("The file is larger than 20 MB."))
        return None
    try:
        rows = iter_table(upload.file, upload.name)
        return importer.run(rows, dry_run=form.cleaned_data["dry_run"])
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return None


def store_upload(upload) -> Path:
    """Keep an uploaded file under the var directory for the worker (streamed, in chunks)."""
    from samspil.core.tasks import jobs_dir

    folder = jobs_dir() / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ("upload" + Path(upload.name).suffix.lower())
    with open(path, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def visible_jobs(user):
    jobs = ImportJob.objects.all()
    return jobs if user.is_superuser else jobs.filter(user=user)


def may_import(user) -> bool:
    """Who may use an import page (and so sees its button): operators and superusers."""
    return user.is_superuser or scoping.is_operator(user)


class ImportView(generic.FormView):
    """Subclasses name the ``importer`` and describe the columns in ``columns_help``."""

    form_class = ImportForm
    template_name = "core/import.html"
    importer = None
    title = ""
    columns_help = ""

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def importer_path(self) -> str:
        return f"{self.importer.__module__}.{self.importer.__qualname__}"

    def get(self, request, *args, **kwargs):
        if "job" in request.GET:
            job = self.get_job(request.GET["job"])
            if request.htmx:
                return self.response_class(
                    request=request,
                    template="core/_import_job.html",
                    context=self.job_context(job),
                    using=self.template_engine,
                )
            return self.render_to_response(self.get_context_data(**self.job_context(job)))
        return super().get(request, *args, **kwargs)

    def get_job(self, pk):
        try:
            return visible_jobs(self.request.user).get(pk=int(pk), importer=self.importer_path)
        except (ValueError, ImportJob.DoesNotExist):
            raise Http404 from None

    def job_context(self, job):
        from samspil.core.tasks import rows_done

        done = rows_done(job)
        total = max(job.rows_total, done)
        return {
            "job": job,
            "rows_done": done,
            "rows_total": total,
            "percent": round(100 * done / total) if total else 0,
        }

    def get_context_data(self, **kwargs):
        jobs = visible_jobs(self.request.user).filter(
            user=self.request.user, importer=self.importer_path
        )[:10]
        return super().get_context_data(
            title=self.title, columns_help=self.columns_help, jobs=jobs, **kwargs
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > BACKGROUND_BYTES or self.estimate_rows(upload) > BACKGROUND_ROWS:
            return self.start_job(form, upload)
        result = run_upload(form, self.importer(actor=self.request.user))
        if result is None:
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form, result=result))

    @staticmethod
    def estimate_rows(upload) -> int:
        if Path(upload.name).suffix.lower() in (".csv", ".txt"):
            lines = sum(chunk.count(b"\n") for chunk in upload.chunks())
            upload.seek(0)
            return lines
        return 0  # an XLSX small enough in bytes is small enough in rows

    def start_job(self, form, upload):
        from samspil.core.tasks import run_import_job

        if upload.size > MAX_BACKGROUND_BYTES:
            form.add_error("file", _("The file is larger than 500 MB."))
            return self.form_invalid(form)
        path = store_upload(upload)
        try:
            iter_table(path, upload.name).close()  # refuse what is not a table at once
        except ImportFileError as exc:
            path.unlink(missing_ok=True)
            path.parent.rmdir()
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        job = ImportJob.objects.create(
            kind=self.importer(actor=self.request.user).lock_name,
            importer=self.importer_path,
            title=str(self.title),
            filename=upload.name[:255],
            path=str(path),
            dry_run=form.cleaned_data["dry_run"],
            user=self.request.user,
            rows_total=count_rows(path, upload.name),
        )
        transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
        return redirect(f"{self.request.path}?job={job.pk}")
