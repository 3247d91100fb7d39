"""One module per `planbook` command.

Each module defines NAME, HELP, `add_arguments(parser)` and `run(args) -> int`
(the exit code). Commands are discovered, so adding one touches one file.
"""
