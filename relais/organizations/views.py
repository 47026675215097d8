"""Directory pages (placeholder, completed below)."""

from django.http import HttpResponse


def ml_list(request):
    return HttpResponse("")


def partner_list(request):
    return HttpResponse("")


def coverage(request):
    return HttpResponse("")
