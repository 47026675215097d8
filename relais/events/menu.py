"""Navigation entry of the events."""

from relais.core.menu import register

register(45, "Événements", "events:calendar", lambda scope: scope.is_authenticated)
