from django.db.models import QuerySet
from django.http import Http404

from capdev.assistant.models import Conversation, Message


def conversations_of(user) -> QuerySet[Conversation]:
    if not user.is_authenticated:
        return Conversation.objects.none()
    return Conversation.objects.filter(user=user)


def conversation_get_for_user(user, pk: int) -> Conversation:
    conversation = conversations_of(user).filter(pk=pk).first()
    if conversation is None:
        raise Http404
    return conversation


def message_get_for_user(user, pk: int) -> Message:
    message = Message.objects.filter(pk=pk, conversation__user_id=user.pk).first()
    if message is None or not user.is_authenticated:
        raise Http404
    return message
