import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from samspil.companies import services
from samspil.companies.coordination import coordination_picture
from samspil.companies.forms import ContactForm
from samspil.companies.models import Company, Contact
from samspil.core import scoping
from samspil.core.dates import date_from_query
from samspil.core.views import ScopedCreateView, ScopedDetailView, ScopedUpdateView, posted_pk
from samspil.organisations.models import OrganisationMembership
from samspil.partnerships.models import PartnershipMembership
from samspil.programmes.models import ProjectMembership


def _ids(values) -> list[int]:
    return [pk for v in values if (pk := posted_pk(v)) is not None]


def picture_for(request, company, *, contact=None):
    """The coordination picture for what the form currently says (or the user's defaults)."""
    source = request.POST if request.method == "POST" else request.GET
    # A date that is not one of the calendar's is left to the form, which names it on its field.
    day = date_from_query(source, "date")[0] or (contact.date if contact else None)
    organisation_ids = _ids(source.getlist("organisations")) or (
        [o.pk for o in contact.organisations.all()]
        if contact
        else own_organisation_ids(request.user)
    )
    project = source.get("project") or (contact.project_id if contact else None)
    return coordination_picture(
        company,
        day=day,
        organisation_ids=organisation_ids,
        project_id=posted_pk(project),
        excluding=contact,
    )


def own_organisation_ids(user) -> list[int]:
    return list(
        OrganisationMembership.objects.filter(user=user).values_list("organisation", flat=True)
    )


def invitable_users(picture):
    """The consultants of the other actors' contacts: those one may invite to a joint visit."""
    users = {}
    for contact in picture.others:
        for consultant in contact.consultants.all():
            users[consultant.pk] = consultant
    return list(users.values())


class ContactFormMixin:
    model = Contact
    form_class = ContactForm
    template_name = "companies/contact_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.picture = picture_for(
            self.request, self.company, contact=getattr(self, "object", None)
        )
        kwargs.update(
            user=self.request.user, company=self.company, invitable=invitable_users(self.picture)
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # builds the form, and with it the picture
        context.update(company=self.company, picture=self.picture)
        return context

    def save_with_service(self, form):
        data = form.service_arguments()
        return services.save_contact(
            actor=self.request.user,
            contact=self.existing_contact(),
            **data,
        )

    def existing_contact(self):
        return None

    def get_success_url(self):
        return self.company.get_absolute_url() + "#timeline"


class ContactCreateView(ContactFormMixin, ScopedCreateView):
    """Plan or log a contact with a company, seeing first what others are doing with it."""

    success_message = gettext_lazy("The contact was saved on %(object)s.")

    def dispatch(self, request, *args, **kwargs):
        self.company = get_object_or_404(
            Company.objects.restrict(request.user), pk=kwargs["company"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        user = self.request.user
        initial = {
            "status": Contact.Status.PLANNED,
            "kind": Contact.Kind.VISIT,
            "organisations": own_organisation_ids(user),
            "consultants": [user.pk],
        }
        projects = list(
            ProjectMembership.objects.filter(user=user).values_list("project", flat=True)
        )
        partnerships = list(
            PartnershipMembership.objects.filter(user=user).values_list("partnership", flat=True)
        )
        if len(projects) == 1:
            initial["project"] = projects[0]
        if len(partnerships) == 1:
            initial["partnership"] = partnerships[0]
        # "Invite them and make it a joint visit": the link from the coordination panel.
        invited = _ids(self.request.GET.getlist("invite_organisation"))
        if invited:
            initial["kind"] = Contact.Kind.JOINT_VISIT
            initial["organisations"] = sorted(set(initial["organisations"]) | set(invited))
            initial["invite"] = _ids(self.request.GET.getlist("invite_user"))
        if self.request.GET.get("date"):
            initial["date"] = self.request.GET["date"]
        return initial


class ContactUpdateView(ContactFormMixin, ScopedUpdateView):
    success_message = gettext_lazy("The changes to the contact with %(object)s were saved.")

    def get_base_queryset(self):
        return Contact.objects.select_related("company")

    def get_object(self, queryset=None):
        contact = super().get_object(queryset)
        self.company = contact.company
        return contact

    def existing_contact(self):
        return Contact.objects.get(pk=self.object.pk)


class ContactDetailView(ScopedDetailView):
    model = Contact
    template_name = "companies/contact_detail.html"

    def get_base_queryset(self):
        return Contact.objects.select_related("company", "project", "partnership", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["details_visible"] = scoping.can(self.request.user, scoping.DETAILS, self.object)
        return context


def coordination_panel(request, company):
    """htmx fragment: the coordination picture for the contact being planned."""
    company = get_object_or_404(Company.objects.restrict(request.user), pk=company)
    if not request.htmx:
        raise Http404
    picture = picture_for(request, company)
    return render(
        request,
        "companies/_coordination_panel.html",
        {"picture": picture, "company": company, "today": datetime.date.today()},
    )
