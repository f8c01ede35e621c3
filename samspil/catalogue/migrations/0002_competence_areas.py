from django.db import migrations


def load(apps, schema_editor):
    from samspil.catalogue.data.areas import AREAS

    CompetenceArea = apps.get_model("catalogue", "CompetenceArea")
    for name, keywords in AREAS:
        CompetenceArea.objects.get_or_create(name=name, defaults={"keywords": keywords})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
