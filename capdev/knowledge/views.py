from django.shortcuts import render
from django.views.decorators.http import require_safe

from capdev.knowledge.forms import SearchForm
from capdev.knowledge.selectors import search_for_user
from capdev.knowledge.sources import source_label


@require_safe
def index(request):
    form = SearchForm(request.GET or None)
    results = []
    query = ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            results = search_for_user(request.user, query, limit=30, filters=form.filters())
    for result in results:
        result.label = source_label(result.chunk.source_type)
    template = "knowledge/_results.html" if request.htmx else "knowledge/index.html"
    return render(
        request,
        template,
        {"form": form, "query": query, "results": results, "nav_current": "knowledge"},
    )
