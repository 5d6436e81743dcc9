import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from capdev.assistant.answering import answer_question


def user_for(email: str | None):
    if not email:
        return AnonymousUser()
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        raise CommandError(f"No user with e-mail {email}.")
    return user


class Command(BaseCommand):
    help = "Ask the assistant a question, as a user (anonymous by default)."

    def add_arguments(self, parser):
        parser.add_argument("question")
        parser.add_argument("--user", help="E-mail of the user whose scope applies.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--mode", choices=["extractive", "data", "llm"])

    def handle(self, *args, question, user=None, json=False, mode=None, **options):
        result = answer_question(user_for(user), question, mode=mode)
        if json:
            self.stdout.write(_dumps(result.as_json()))
            return
        self.stdout.write(result.answer)
        if result.link:
            self.stdout.write(f"\nSee: {result.link}")
        for number, citation in enumerate(result.citations, start=1):
            page = f", page {citation['page']}" if citation.get("page") else ""
            self.stdout.write(f"[{number}] {citation['title']}{page} — {citation['url']}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
