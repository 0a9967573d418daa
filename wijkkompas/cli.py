"""The `wijkkompas` command: `wijkkompas import <source> FILE` and every Django management command."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkompas.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "import":
        argv[1] = "import_data"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
