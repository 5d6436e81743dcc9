from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from capdev.assistant.forms import AskForm
from capdev.assistant.models import Message
from capdev.assistant.selectors import (
    conversation_get_for_user,
    conversations_of,
    message_get_for_user,
)
from capdev.assistant.services import conversation_ask, message_feedback


def _page(request, conversation, form):
    return render(
        request,
        "assistant/chat.html",
        {
            "form": form,
            "conversation": conversation,
            "messages_list": conversation.messages.all() if conversation else [],
            "conversations": conversations_of(request.user)[:30],
            "nav_current": "assistant",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = conversation_ask(user=request.user, question=form.cleaned_data["question"])
        if request.htmx:
            response = render(request, "assistant/_message.html", {"message": message})
            response["HX-Push-Url"] = message.conversation.get_absolute_url()
            return response
        return redirect(message.conversation)
    return _page(request, None, form)


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, pk: int):
    item = conversation_get_for_user(request.user, pk)
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = conversation_ask(
            user=request.user, question=form.cleaned_data["question"], conversation=item
        )
        if request.htmx:
            return render(request, "assistant/_message.html", {"message": message})
        return redirect(item)
    return _page(request, item, form)


@login_required
@require_POST
def feedback(request, pk: int):
    message = message_get_for_user(request.user, pk)
    try:
        value = int(request.POST.get("value", ""))
        message_feedback(user=request.user, message=message, value=value)
    except ValueError:
        return render(request, "assistant/_feedback.html", {"message": message}, status=400)
    if request.htmx:
        return render(request, "assistant/_feedback.html", {"message": message})
    return redirect(message.conversation)


__all__ = ["Message"]
