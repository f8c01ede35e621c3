from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic

from samspil.catalogue.filtersets import OfferingFilterSet
from samspil.catalogue.forms import CompetenceAreaForm, MatchForm
from samspil.catalogue.imports import OfferingImporter
from samspil.catalogue.matching import rank
from samspil.catalogue.models import CompetenceArea, Offering
from samspil.core import services as core_services
from samspil.core.import_views import ImportView
from samspil.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView


class OfferingListView(ScopedListView):
    model = Offering
    template_name = "catalogue/offering_list.html"

    def get_queryset(self):
        offerings = (
            super()
            .get_queryset()
            .select_related("provider", "municipality")
            .prefetch_related("competence_areas")
        ).order_by("title", "code")
        self.filterset = OfferingFilterSet(self.request.GET or None, queryset=offerings)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class OfferingDetailView(ScopedDetailView):
    model = Offering
    template_name = "catalogue/offering_detail.html"

    def get_base_queryset(self):
        return Offering.objects.select_related("provider", "municipality").prefetch_related(
            "competence_areas", "esco_skills"
        )


class MatchView(generic.FormView):
    """Find courses for a need: ranked offerings with the reasons for each."""

    form_class = MatchForm
    template_name = "catalogue/match.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.GET.get("need"):
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        matches = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            matches = rank(
                data["need"],
                company=data["company"],
                level_from=data["level_from"],
                level_to=data["level_to"],
                horizon=data["horizon"],
                require_qualification=data["require_qualification"],
                top=10,
            )
        return self.render_to_response(self.get_context_data(form=form, matches=matches))


class CompetenceAreaListView(ScopedListView):
    model = CompetenceArea
    template_name = "catalogue/area_list.html"

    def get_queryset(self):
        return super().get_queryset().annotate(offering_count=Count("offerings")).order_by("name")


class CompetenceAreaCreateView(ScopedCreateView):
    model = CompetenceArea
    form_class = CompetenceAreaForm
    template_name = "catalogue/area_form.html"
    success_message = _("The competence area %(object)s was saved.")

    def save_with_service(self, form):
        core_services.ensure_can_create(self.request.user, CompetenceArea)
        return core_services.save_record(
            CompetenceArea(), actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("catalogue:area-list")


class CompetenceAreaUpdateView(ScopedUpdateView):
    model = CompetenceArea
    form_class = CompetenceAreaForm
    template_name = "catalogue/area_form.html"
    success_message = _("The competence area %(object)s was saved.")

    def save_with_service(self, form):
        area = CompetenceArea.objects.get(pk=self.object.pk)
        return core_services.save_record(area, actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("catalogue:area-list")


class OfferingImportView(ImportView):
    importer = OfferingImporter
    title = _("Import offerings")
    columns_help = _(
        "A CSV or XLSX file with one offering per row. Required columns: code, title, kind, "
        "provider, description. Optional: competence_areas and esco_skills (separated by ;), "
        "municipality, level_from, level_to (unskilled, skilled, academy), duration_days, "
        "language, next_start (YYYY-MM-DD), qualification_granting (ja/nej). An offering "
        "already in samspil is updated (the code is the key). If any row is wrong, nothing is "
        "saved."
    )
