import django.db.models
from django.db import migrations

import samspil.participants.crypto


class Migration(migrations.Migration):
    """The id of the identity key under which each identifier is encrypted and hashed. Rows
    stored before get "" (their key is not known by id); ``samspil rotate_identity_key`` moves
    them to the newest key like any other."""

    dependencies = [
        ("participants", "0004_scale"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="identifier_key",
            field=django.db.models.CharField(default="", editable=False, max_length=16),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="participant",
            name="identifier_key",
            field=django.db.models.CharField(
                default=samspil.participants.crypto.current_key_id, editable=False, max_length=16
            ),
        ),
    ]
