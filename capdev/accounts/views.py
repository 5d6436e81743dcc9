from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.accounts import selectors, services
from capdev.accounts.decorators import permission_required
from capdev.accounts.forms import ApiTokenForm, PeopleFilterForm, ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "token_form": ApiTokenForm(),
            "tokens": selectors.api_tokens_of(request.user),
        },
    )


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name of at most 100 characters."))
        return redirect("accounts:profile")
    _token, key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"key": key})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    if services.api_token_revoke(user=request.user, token_id=token_id):
        messages.success(request, _("The token has been revoked."))
    else:
        messages.error(request, _("No such token."))
    return redirect("accounts:profile")


@require_safe
@permission_required("accounts.view_user")
def people(request):
    form = PeopleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.people_visible_to(
        request.user,
        role=filters.get("role") or None,
        country_iso3=(filters.get("country") or "").upper() or None,
        search=filters.get("q", ""),
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/people.html", {"form": form, "page": page})
