"""Forum pages: thin views over the selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.community import selectors, services
from capdev.community.forms import (
    HideForm,
    ReplyForm,
    ReportForm,
    SearchForm,
    SubscriptionForm,
    ThreadForm,
)
from capdev.community.models import Report
from capdev.core.uploads import serve_file

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 30


def _forum_or_404(request, slug):
    forum = selectors.forum_get_for_user(request.user, slug)
    if forum is None:
        raise Http404
    return forum


def _thread_or_404(request, pk):
    thread = selectors.thread_get_for_user(request.user, pk)
    if thread is None:
        raise Http404
    return thread


def _post_or_404(request, pk):
    post = selectors.post_get_for_user(request.user, pk)
    if post is None:
        raise Http404
    return post


def _errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@require_safe
@login_required
def index(request):
    return render(
        request,
        "community/index.html",
        {
            "forums": selectors.forums_with_activity(request.user),
            "search_form": SearchForm(),
            "open_reports": selectors.moderation_queue(request.user).count(),
        },
    )


@require_safe
@login_required
def forum_detail(request, slug):
    forum = _forum_or_404(request, slug)
    moderator = selectors.can_moderate_forum(request.user, forum)
    threads = selectors.threads_for_forum(request.user, forum, moderator=moderator)
    paginator = Paginator(threads, THREADS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    subscription = selectors.subscription_of(request.user, forum=forum)
    return render(
        request,
        "community/forum.html",
        {
            "forum": forum,
            "page": page,
            "moderator": moderator,
            "subscription": subscription,
            "subscription_form": SubscriptionForm(
                initial={"frequency": subscription.frequency} if subscription else None
            ),
            "search_form": SearchForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def thread_create(request, slug):
    forum = _forum_or_404(request, slug)
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(
                forum=forum,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Your thread has been started."))
            return redirect(thread)
    return render(request, "community/thread_form.html", {"forum": forum, "form": form})


@require_safe
@login_required
def thread_detail(request, pk):
    thread = _thread_or_404(request, pk)
    forum = thread.forum
    moderator = selectors.can_moderate_forum(request.user, forum)
    paginator = Paginator(selectors.posts_for_thread(thread), POSTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    read_at = selectors.thread_read_at(request.user, thread)
    posts = list(page)
    for post in posts:
        post.is_new = read_at is None or post.created_at > read_at
    if posts:
        # Reading a page marks read what it showed, not the pages not yet seen.
        services.thread_mark_read(user=request.user, thread=thread, at=posts[-1].created_at)
    quote = None
    quote_id = request.GET.get("quote")
    if quote_id and quote_id.isdigit():
        quote = next((p for p in posts if p.pk == int(quote_id) and not p.is_hidden), None)
        quote = (
            quote
            or selectors.posts_for_thread(thread).filter(pk=int(quote_id), is_hidden=False).first()
        )
    subscription = selectors.subscription_of(request.user, thread=thread)
    return render(
        request,
        "community/thread.html",
        {
            "forum": forum,
            "thread": thread,
            "page": page,
            "posts": posts,
            "moderator": moderator,
            "can_reply": not thread.is_locked or moderator,
            "form": ReplyForm(initial={"quote": quote.pk if quote else None}),
            "quote": quote,
            "subscription": subscription,
            "subscription_form": SubscriptionForm(
                initial={"frequency": subscription.frequency} if subscription else None
            ),
        },
    )


@require_POST
@login_required
def reply(request, pk):
    thread = _thread_or_404(request, pk)
    form = ReplyForm(request.POST, request.FILES)
    quote = None
    if form.is_valid():
        quote_id = form.cleaned_data.get("quote")
        quote = selectors.posts_for_thread(thread).filter(pk=quote_id).first() if quote_id else None
        try:
            post = services.post_create(
                thread=thread,
                author=request.user,
                body=form.cleaned_data["body"],
                quoted_post=quote,
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Your reply has been posted."))
            last_page = Paginator(selectors.posts_for_thread(thread), POSTS_PER_PAGE).num_pages
            suffix = f"?page={last_page}" if last_page > 1 else ""
            return redirect(f"{thread.get_absolute_url()}{suffix}#post-{post.pk}")
    return render(
        request,
        "community/reply_form.html",
        {"forum": thread.forum, "thread": thread, "form": form, "quote": quote},
        status=400,
    )


@require_POST
@login_required
def thread_moderate(request, pk):
    thread = _thread_or_404(request, pk)
    try:
        services.thread_moderate(
            thread=thread, moderator=request.user, action=request.POST.get("action", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The thread has been updated."))
    if thread.is_hidden and not selectors.can_moderate_forum(request.user, thread.forum):
        return redirect(thread.forum)
    return redirect(thread)


@require_http_methods(["GET", "POST"])
@login_required
def post_hide(request, pk):
    post = _post_or_404(request, pk)
    if not selectors.can_moderate_forum(request.user, post.thread.forum):
        raise PermissionDenied
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hidden = request.POST.get("action") != "unhide"
        services.post_hide(
            post=post, moderator=request.user, reason=form.cleaned_data["reason"], hidden=hidden
        )
        messages.success(
            request, _("The message is hidden.") if hidden else _("The message is shown again.")
        )
        return redirect(post)
    return render(request, "community/post_hide.html", {"post": post, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def post_report(request, pk):
    post = _post_or_404(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(
                post=post, reporter=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Thank you: the moderators will look at this message."))
            return redirect(post)
    return render(request, "community/post_report.html", {"post": post, "form": form})


@require_safe
@login_required
def moderation(request):
    if not selectors.moderated_forums(request.user):
        raise PermissionDenied
    paginator = Paginator(selectors.moderation_queue(request.user), 50)
    return render(
        request, "community/moderation.html", {"page": paginator.get_page(request.GET.get("page"))}
    )


@require_POST
@login_required
def report_resolve(request, pk):
    report = (
        selectors.moderation_queue(request.user).filter(pk=pk, status=Report.Status.OPEN).first()
    )
    if report is None:
        raise Http404
    hide = request.POST.get("action") == "hide"
    services.report_resolve(report=report, moderator=request.user, hide_post=hide)
    messages.success(
        request, _("The message is hidden.") if hide else _("The report has been dismissed.")
    )
    return redirect("community:moderation")


@require_POST
@login_required
def subscribe(request, kind, pk):
    if kind not in ("forum", "thread"):
        raise Http404
    if kind == "forum":
        forum = selectors.forums_visible_to(request.user).filter(pk=pk).first()
        if forum is None:
            raise Http404
        target, back = {"forum": forum}, forum
    else:
        thread = _thread_or_404(request, pk)
        target, back = {"thread": thread}, thread
    if request.POST.get("action") == "unsubscribe":
        services.subscription_delete(user=request.user, **target)
        messages.success(request, _("You will no longer receive e-mails about this."))
        return redirect(back)
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        services.subscription_set(
            user=request.user, frequency=form.cleaned_data["frequency"], **target
        )
        messages.success(request, _("You are subscribed."))
    else:
        messages.error(request, _("Choose how often to receive e-mails."))
    return redirect(back)


@require_POST
@login_required
def forum_mark_read(request, slug):
    forum = _forum_or_404(request, slug)
    services.forum_mark_read(user=request.user, forum=forum)
    messages.success(request, _("Every thread of this forum is marked read."))
    return redirect(forum)


@require_safe
@login_required
def subscriptions(request):
    return render(
        request,
        "community/subscriptions.html",
        {"subscriptions": selectors.subscriptions_of(request.user)},
    )


@require_safe
@login_required
def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = None
    if query:
        page = Paginator(selectors.search_posts(request.user, query), 20).get_page(
            request.GET.get("page")
        )
    return render(request, "community/search.html", {"form": form, "query": query, "page": page})


@require_safe
@login_required
def attachment(request, pk):
    found = selectors.attachment_get_for_user(request.user, pk)
    if found is None:
        raise Http404
    return serve_file(
        request,
        found.file,
        filename=found.filename,
        inline=found.kind in {"pdf", "png", "jpeg", "gif", "webp"},
    )
