"""`samspil embed_offerings`: store the semantic ranker's vector of every offering that has none
or whose text changed (offerings saved before the ranker was on, or outside samspil)."""

from django.core.management.base import BaseCommand

from samspil.catalogue import matching, services


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        if matching.embedder() is None:
            self.stdout.write("The semantic ranker is off or its model cannot load; nothing to do.")
            return
        done = services.embed_missing()
        self.stdout.write(f"Encoded {done} offerings.")
