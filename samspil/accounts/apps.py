from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samspil.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from samspil.accounts.services import revoke_when_password_changes

        pre_save.connect(
            revoke_when_password_changes,
            sender=get_user_model(),
            dispatch_uid="samspil-revoke-tokens-on-password-change",
        )
        # The app's scoping rules, registered on import.
        from samspil.accounts import scoping  # noqa: F401
