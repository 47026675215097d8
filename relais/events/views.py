"""Pages of the events: calendar, event page."""

from django.http import HttpResponse


def calendar(request):
    return HttpResponse("")


def event_detail(request, pk):
    return HttpResponse("")
