"""Live preview: MkDocs' development server with the plans folder watched.

The planbook plugin registers the plans folder and the standards file with
the server, so saving a plan rebuilds the site and the browser reloads. The
pages are generated in memory, never written into docs/ or plans/, so a
rebuild never triggers another.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from generator import repository
from generator.checker import UsageError
from generator.mkdocs_plugin import AS_OF_VARIABLE
from generator.people import with_people
from generator.site.build import load_site_config, planbook_plugin, quiet_mkdocs
from generator.standards.config import load_standards


def serve_site(config_file: Path, *, dev_addr: str, as_of: dt.date | None = None) -> int:
    """Serve a live preview until interrupted; the exit code for the command."""
    # Fail early, with planbook's messages, on what would stop every rebuild.
    config = load_site_config(config_file)
    plans_dir, standards_file = planbook_plugin(config).source_paths(config)
    if not plans_dir.is_dir():
        raise UsageError(f"{plans_dir}: the plans folder does not exist")
    with_people(load_standards(standards_file if standards_file.is_file() else None),
                repository.people_path(planbook_plugin(config).config_folder(config)))
    if as_of is not None:
        # The server reloads mkdocs.yml (and a fresh plugin) at every rebuild:
        # the environment is what carries the date through all of them.
        os.environ[AS_OF_VARIABLE] = as_of.isoformat()
    with quiet_mkdocs(logging.INFO):
        try:
            mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
        except ConfigurationError as error:
            raise UsageError(f"{error.format_message()} (see the messages above)") from None
        except (MkDocsException, Abort) as error:
            print(f"planbook: the preview stopped: {error.format_message()}", file=sys.stderr)
            return 1
        except OSError as error:  # the address is taken or not ours to bind
            raise UsageError(f"--dev-addr {dev_addr}: cannot serve there: {error.strerror}; "
                             "choose another address or port") from None
    return 0
