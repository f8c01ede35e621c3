from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samspil.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from samspil.core.scoping import register_core_rules

        register_core_rules()
        from samspil.core import checks  # noqa: F401  (registers the start-up checks)
