"""The `planbook` command line: flags to options, one module per command.

Every command returns an exit code: 0 success, 1 findings that fail (or a
failed build), 2 usage or configuration errors, always with a message and
never with a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from generator import __version__
from generator.checker import UsageError
from generator.standards.config import StandardsError
from generator.terminal import terminal_text

EXIT_USAGE = 2


def _commands() -> list[ModuleType]:
    from generator import commands

    modules = [importlib.import_module(f"{commands.__name__}.{info.name}")
               for info in pkgutil.iter_modules(commands.__path__)]
    return sorted((m for m in modules if hasattr(m, "NAME")), key=lambda m: m.ORDER)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"planbook: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="planbook",
        description="Check account plans against the sales standards and publish them.")
    parser.add_argument("--version", action="version", version=f"planbook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for module in _commands():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Plans are UTF-8 and often bilingual: never let a console encoding fail us.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (UsageError, StandardsError) as error:
        print(f"planbook: {terminal_text(error)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
