from django.contrib import admin

from samspil.accounts.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "token_key", "created", "expiry")
    readonly_fields = ("digest", "token_key", "created")
    search_fields = ("name", "user__username")
