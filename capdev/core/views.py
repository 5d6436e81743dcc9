from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from capdev.core.navigation import AREAS, AREAS_BY_APP


@require_safe
def home(request):
    return render(request, "core/home.html", {"areas": AREAS})


@require_safe
def coming_soon(request, area: str):
    if area not in AREAS_BY_APP:
        raise Http404
    return render(request, "core/coming_soon.html", {"area": AREAS_BY_APP[area]})


@require_safe
def healthz(request):
    """Liveness and database check for load balancers and the demo script."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
