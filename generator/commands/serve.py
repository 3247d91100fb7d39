"""`planbook serve`: live preview; editing a plan rebuilds the site and refreshes the page."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator import options
from generator.site.build import find_config
from generator.site.serve import serve_site

NAME = "serve"
ORDER = 40
HELP = "preview the site; editing a plan or the standards refreshes the page"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dev-addr", metavar="HOST:PORT", default="127.0.0.1:8000",
                        help="where to serve the preview (default: 127.0.0.1:8000)")
    options.add_as_of(parser)
    parser.add_argument("--config", metavar="FILE", type=Path,
                        help="the MkDocs configuration (default: the nearest mkdocs.yml)")


def run(args: argparse.Namespace) -> int:
    config_file = args.config if args.config is not None else find_config(Path.cwd())
    as_of = options.as_of_override(args)
    return serve_site(config_file, dev_addr=args.dev_addr, as_of=as_of)
