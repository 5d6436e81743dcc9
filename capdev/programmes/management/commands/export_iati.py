from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from capdev.programmes.iati import iati_activities_xml
from capdev.programmes.models import Project


class Command(BaseCommand):
    help = "Write projects as IATI 2.03 iati-activities XML."

    def add_arguments(self, parser):
        parser.add_argument("--project", help="code of one project (default: all)")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, project=None, output=None, **options):
        projects = Project.objects.order_by("code")
        if project:
            projects = projects.filter(code=project)
            if not projects.exists():
                raise CommandError(f"No project with code {project!r}.")
        xml = iati_activities_xml(projects)
        if output:
            Path(output).write_bytes(xml)
            self.stderr.write(f"{projects.count()} project(s) written to {output}")
        else:
            self.stdout.write(xml.decode(), ending="")
