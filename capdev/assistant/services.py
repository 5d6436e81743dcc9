"""Writes of the assistant: asking within a conversation, and feedback on answers."""

from django.db import transaction
from django.utils.text import Truncator

from capdev.assistant.answering import answer_question
from capdev.assistant.models import Conversation, Message


@transaction.atomic
def conversation_ask(
    *, user, question: str, conversation: Conversation | None = None, mode: str | None = None
) -> Message:
    if conversation is not None and conversation.user_id != user.pk:
        raise PermissionError("Not your conversation.")
    result = answer_question(user, question, mode=mode)
    if conversation is None:
        conversation = Conversation.objects.create(
            user=user, title=Truncator(question.strip()).chars(80)
        )
    else:
        conversation.save(update_fields=["updated_at"])
    return Message.objects.create(
        conversation=conversation,
        question=question.strip(),
        answer=result.answer,
        mode=result.mode,
        citations=result.citations,
        link=result.link,
        latency_ms=result.latency_ms,
    )


@transaction.atomic
def message_feedback(*, user, message: Message, value: int) -> Message:
    if message.conversation.user_id != user.pk:
        raise PermissionError("Not your conversation.")
    if value not in Message.Feedback.values:
        raise ValueError("Feedback is 1 or -1.")
    message.feedback = value
    message.save(update_fields=["feedback"])
    return message
