import django_filters
from django.utils.translation import gettext_lazy as _
from django.views import generic

from samspil.companies.filtersets import DateInput
from samspil.core.exports import EXPORT_FORMATS, table_response
from samspil.core.views import ScopedDetailView, ScopedUpdateView, ServiceFormMixin
from samspil.partnerships import services
from samspil.partnerships.forms import LearningNoteForm
from samspil.partnerships.models import LearningNote
from samspil.partnerships.views.common import PartnershipScopedMixin


class LearningNoteFilterSet(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="noted_on", lookup_expr="gte", label=_("From"), widget=DateInput
    )
    date_to = django_filters.DateFilter(
        field_name="noted_on", lookup_expr="lte", label=_("To"), widget=DateInput
    )
    tag = django_filters.CharFilter(field_name="tags", lookup_expr="icontains", label=_("Tag"))
    success_story = django_filters.BooleanFilter(
        label=_("Success stories only"), method="only_success"
    )

    class Meta:
        model = LearningNote
        fields = ["date_from", "date_to", "tag", "success_story"]

    def only_success(self, queryset, name, value):
        return queryset.filter(success_story=True) if value else queryset


EXPORT_HEADERS = [
    _("Date"),
    _("Title"),
    _("What was tried"),
    _("For whom"),
    _("In which context"),
    _("What came of it"),
    _("Evidence"),
    _("Tags"),
    _("Success story"),
    _("Project"),
    _("Written by"),
]


class LearningNoteListView(PartnershipScopedMixin, generic.ListView):
    """The partnership's learning, by period: on screen, to print, or as a spreadsheet for the
    member organisations."""

    template_name = "partnerships/learning_list.html"
    paginate_by = 50

    def get_queryset(self):
        notes = (
            LearningNote.objects.restrict(self.request.user)
            .filter(partnership=self.partnership)
            .select_related("project", "author")
            .order_by("-noted_on", "-pk")
        )
        self.filterset = LearningNoteFilterSet(self.request.GET or None, queryset=notes)
        return self.filterset.qs

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format in EXPORT_FORMATS:
            # Only the exported columns, streamed from the cursor: no model instances.
            rows = (
                [
                    *values,
                    project or "",
                    (f"{first} {last}".strip() or username) if username else "",
                ]
                for *values, project, first, last, username in self.get_queryset()
                .values_list(
                    "noted_on",
                    "title",
                    "tried",
                    "for_whom",
                    "context",
                    "result",
                    "evidence",
                    "tags",
                    "success_story",
                    "project__name",
                    "author__first_name",
                    "author__last_name",
                    "author__username",
                )
                .iterator(chunk_size=2000)
            )
            return table_response("laering", EXPORT_HEADERS, rows, export_format)
        if request.GET.get("print"):
            self.template_name = "partnerships/learning_print.html"
            self.paginate_by = None
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        for key in ("page", "export", "print"):
            query.pop(key, None)
        context["export_query"] = query.urlencode()
        return context


class LearningNoteCreateView(ServiceFormMixin, PartnershipScopedMixin, generic.CreateView):
    model = LearningNote
    form_class = LearningNoteForm
    template_name = "partnerships/learning_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    success_message = _("The learning note was saved.")

    def save_with_service(self, form):
        return services.save_learning_note(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )


class LearningNoteDetailView(ScopedDetailView):
    model = LearningNote
    template_name = "partnerships/learning_detail.html"

    def get_base_queryset(self):
        return LearningNote.objects.select_related("partnership", "project", "author")


class LearningNoteUpdateView(ScopedUpdateView):
    model = LearningNote
    form_class = LearningNoteForm
    template_name = "partnerships/learning_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.object.partnership}

    def get_context_data(self, **kwargs):
        return super().get_context_data(partnership=self.object.partnership, **kwargs)

    def save_with_service(self, form):
        note = LearningNote.objects.get(pk=self.object.pk)
        return services.save_learning_note(
            actor=self.request.user, partnership=note.partnership, note=note, **form.cleaned_data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()
