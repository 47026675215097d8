"""The outbox and the preferences in the admin, read only: what was sent to whom, what is stuck."""

from django.contrib import admin

from relais.core.notifications.models import NotificationPreference, OutboxEmail


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "code", "recipient", "status", "attempts", "sent_at")
    list_filter = ("status", "code")
    search_fields = ("recipient__email", "dedup_key", "subject")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ("user", "code", "enabled", "frequency", "updated_at")
    list_filter = ("code", "enabled", "frequency")
    search_fields = ("user__email",)
    list_select_related = ("user",)
