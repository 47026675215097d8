"""The one page where a user chooses the e-mails Relais sends them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from relais.core.notifications.forms import NotificationPreferencesForm
from relais.core.notifications.preferences import notification_preferences_update, preferences_of
from relais.core.scope import scope_of


@require_http_methods(["GET", "POST"])
def preferences(request):
    posted = request.POST if request.method == "POST" else None
    form = NotificationPreferencesForm(posted, current=preferences_of(request.user))
    if posted is not None and form.is_valid():
        notification_preferences_update(scope=scope_of(request), choices=form.choices())
        messages.success(request, "Vos préférences de notification sont enregistrées.")
        return redirect("core:notifications")
    return render(
        request,
        "core/notifications/preferences.html",
        {"page_title": "Mes notifications", "form": form, "breadcrumb": {"current": "Mes notifications"}},
    )
