"""The `planbook` command line: flags to options, one module per command.

Every command returns an exit code: 0 success, 1 findings that fail (or a
failed build), 2 usage or configuration errors, always with a message and
never with a traceback.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator import __version__
from generator.terminal import terminal_text

EXIT_USAGE = 2


@dataclass(frozen=True)
class CommandSpec:
    """A command as `planbook --help` lists it, read from its module without importing it."""

    name: str
    order: int
    help: str
    module: str


def _constants(source: str) -> dict[str, object]:
    """The module's top-level `NAME = <literal>` assignments."""
    found: dict[str, object] = {}
    for node in ast.parse(source).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


@cache
def command_specs() -> tuple[CommandSpec, ...]:
    """Every command, in menu order.

    A command module imports what its command needs (MkDocs, the checker,
    git …), which costs a noticeable part of a second; the menu is read from
    the modules' source instead, and only the command that runs is imported.
    """
    from generator import commands

    specs = []
    for info in pkgutil.iter_modules(commands.__path__):
        source = Path(commands.__path__[0], f"{info.name}.py")
        values = _constants(source.read_text("utf-8")) if source.is_file() else {}
        if isinstance(values.get("NAME"), str):
            specs.append(CommandSpec(name=str(values["NAME"]), order=int(str(values["ORDER"])),
                                     help=str(values["HELP"]),
                                     module=f"{commands.__name__}.{info.name}"))
    return tuple(sorted(specs, key=lambda spec: spec.order))


def _chosen(argv: Sequence[str], names: set[str]) -> str | None:
    """The command named on the command line (the first word that is not an option)."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in names else None
    return None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"planbook: {message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the command line, only the command it names is imported."""
    parser = _Parser(
        prog="planbook",
        description="Check account plans against the sales standards and publish them.")
    parser.add_argument("--version", action="version", version=f"planbook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    specs = command_specs()
    chosen = None if argv is None else _chosen(argv, {spec.name for spec in specs})
    for spec in specs:
        command = sub.add_parser(spec.name, help=spec.help, description=spec.help)
        if argv is None or spec.name == chosen:
            module = importlib.import_module(spec.module)
            module.add_arguments(command)
            command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Plans are UTF-8 and often bilingual: never let a console encoding fail us.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(arguments).parse_args(arguments)
    # Imported once a command is chosen: the command's module needs them anyway.
    from generator.checker import UsageError
    from generator.standards.config import StandardsError

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
