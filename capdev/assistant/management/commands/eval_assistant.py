import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capdev.assistant.evaluation import evaluate, load_questions
from capdev.assistant.management.commands.ask import user_for


class Command(BaseCommand):
    help = (
        "Evaluate the assistant on a JSONL file of questions: recall@k of the source, "
        "answer hit rate, MRR, latency p50/p95."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--k", type=int, default=5)
        parser.add_argument("--user", help="E-mail of the user whose scope applies.")
        parser.add_argument("--mode", choices=["extractive", "data", "llm"])
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--verbose-rows", action="store_true", help="Show every question.")

    def handle(self, *args, file, k, user=None, mode=None, json=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            questions = load_questions(path)
        except ValueError as error:
            raise CommandError(str(error)) from error
        report = evaluate(questions, user=user_for(user), k=k, mode=mode)
        if json:
            self.stdout.write(_dumps(report))
            return
        if options["verbose_rows"]:
            for row in report["rows"]:
                mark = "ok " if row["hit"] else "-- "
                self.stdout.write(f"{mark} rank={row['rank']} {row['q']}\n    {row['answer']}")
        self.stdout.write(
            f"questions: {report['questions']}\n"
            f"recall@{k}: {report['recall_at_k']:.3f}\n"
            f"answer hit rate: {report['answer_hit_rate']:.3f}\n"
            f"MRR: {report['mrr']:.3f}\n"
            f"latency p50: {report['latency_p50_ms']:.0f} ms\n"
            f"latency p95: {report['latency_p95_ms']:.0f} ms"
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
