"""Load Denmark's regions and municipalities (reference data, kept up to date by migrations)."""

from django.db import migrations


def load(apps, schema_editor):
    from samspil.core.data.municipalities import MUNICIPALITIES, REGIONS

    Region = apps.get_model("core", "Region")
    Municipality = apps.get_model("core", "Municipality")
    regions = {}
    for code, name in REGIONS.items():
        regions[code], _ = Region.objects.update_or_create(code=code, defaults={"name": name})
    for code, name, region_code in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            code=code, defaults={"name": name, "region": regions[region_code]}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
