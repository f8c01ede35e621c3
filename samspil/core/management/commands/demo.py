from django.core.management.base import BaseCommand

from samspil import demo


class Command(BaseCommand):
    help = (
        "Build the demo region from the source documents (Region Midtjylland's organisations, "
        "partnerships and projects, and demo users with password 'demo'). Safe to run again."
    )

    def handle(self, *args, **options):
        created = demo.build()
        summary = ", ".join(f"{name}: {count}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (new records – {summary})."))
