from django.contrib import admin

from samspil.accounts.models import ApiToken, SingleSignOnIdentity


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "token_key", "created", "expiry")
    readonly_fields = ("digest", "token_key", "created")
    search_fields = ("name", "user__username")


@admin.register(SingleSignOnIdentity)
class SingleSignOnIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "issuer", "subject", "created", "last_sign_in")
    readonly_fields = ("issuer", "subject", "created", "last_sign_in")
    search_fields = ("user__username", "user__email", "subject")
