from django.shortcuts import get_object_or_404

from samspil.core import scoping
from samspil.partnerships.models import Partnership


class PartnershipScopedMixin:
    """Views under one partnership (``pk`` or ``partnership`` in the URL): 404 outside scope."""

    partnership_kwarg = "partnership"

    def dispatch(self, request, *args, **kwargs):
        self.partnership = get_object_or_404(
            Partnership.objects.restrict(request.user, scoping.VIEW),
            pk=kwargs[self.partnership_kwarg],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.partnership
        return context
