from django.contrib import admin

from samspil.partnerships.models import Partnership, PartnershipMembership


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "secretariat"]
    filter_horizontal = ["organisations", "municipalities", "projects"]


@admin.register(PartnershipMembership)
class PartnershipMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "role"]
    list_filter = ["role"]
