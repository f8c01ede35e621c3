"""Load Denmark's regions and municipalities (reference data, kept up to date by migrations)."""

from django.db import migrations


def load(apps, schema_editor):
    from samspil.core.data import municipalities

    municipalities.load(apps.get_model("core", "Region"), apps.get_model("core", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
