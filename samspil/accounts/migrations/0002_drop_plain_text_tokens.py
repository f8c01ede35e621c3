"""DRF's token table held API tokens in plain text; samspil now keeps only hashes (ApiToken).
Drop the old table where an earlier version left it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
