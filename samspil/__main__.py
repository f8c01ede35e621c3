"""The ``samspil`` command: Django's manage command with samspil's settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspil.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["samspil", *sys.argv[1:]])


if __name__ == "__main__":
    main()
