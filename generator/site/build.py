"""Build the site atomically: the previous site stays until the new one is whole.

The site is built into a fresh folder beside the target; only when MkDocs has
finished (and, with --strict, the plans pass) is it swapped in by renaming:
the old site is moved aside, the new one renamed into place, the old one
removed. A failed build removes its half-built folder and leaves the previous
site exactly as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from generator import repository
from generator.checker import CheckRun, UsageError
from generator.mkdocs_plugin import PlanbookPlugin
from generator.people import with_people
from generator.standards.config import Standards, load_standards

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
#: files that show a folder holds a built site, so replacing it loses nothing else
SITE_SIGNS = ("index.html", "sitemap.xml", "404.html")


class SiteBuildError(Exception):
    """MkDocs could not build the site (exit 1); str() is the user's message."""


@dataclass(frozen=True)
class BuiltSite:
    """What a build did: the check behind it, and whether the site was replaced."""

    run: CheckRun
    pages: int
    site_dir: Path
    seconds: float
    published: bool


def find_config(start: Path) -> Path:
    """mkdocs.yml in `start` or the nearest folder above it."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
    raise UsageError(f"no mkdocs.yml in {start} or any folder above it; "
                     "run planbook inside the plans repository or pass --config")


def planbook_plugin(config: MkDocsConfig) -> PlanbookPlugin:
    """The planbook plugin that mkdocs.yml enables, or a UsageError."""
    for plugin in config.plugins.values():
        if isinstance(plugin, PlanbookPlugin) and plugin.config.enabled:
            return plugin
    raise UsageError(f"{config.config_file_path}: the planbook plugin is not enabled "
                     "(add `- planbook` under `plugins:`)")


def _contains(folder: Path, path: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_dir(out: Path, *, root: Path, plans: Path, docs: Path) -> None:
    """Refuse an output folder whose replacement would destroy sources.

    The site folder is wiped and replaced at every build, so it may not be
    the repository root, the plans or docs folder, anything inside those two,
    or a folder that holds any of them.
    """
    target = out.resolve()
    protected = {"the repository root": root.resolve(), "the plans folder": plans.resolve(),
                 "the docs folder": docs.resolve(), "the git folder": (root / ".git").resolve()}
    for name, folder in protected.items():
        if target == folder:
            raise UsageError(f"--out {out}: that is {name}; choose a separate folder such as site/")
        if _contains(target, folder):
            raise UsageError(f"--out {out}: it holds {name}, which a build would replace")
        if name != "the repository root" and _contains(folder, target):
            raise UsageError(f"--out {out}: it is inside {name}; choose a folder outside it")
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {out}: that is a file, not a folder")
    try:
        foreign = target.is_dir() and any(target.iterdir()) and not any(
            (target / sign).is_file() for sign in SITE_SIGNS)
    except OSError as error:
        raise UsageError(f"--out {out}: cannot read the folder ({error.strerror or error})"
                         ) from None
    if foreign:
        raise UsageError(f"--out {out}: the folder is not empty and does not hold a built "
                         "site; choose another folder or empty it")


@contextlib.contextmanager
def quiet_mkdocs(level: int = logging.WARNING) -> Iterator[None]:
    """Show MkDocs' messages of `level` and above on stderr, prefixed, then restore."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s %(message)s"))
    saved = (logger.level, logger.propagate)
    logger.setLevel(level)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def load_site_config(config_file: Path) -> MkDocsConfig:
    """mkdocs.yml, loaded and validated; a UsageError when it cannot be used."""
    try:
        return load_config(str(config_file))
    except (ConfigurationError, Abort) as error:
        raise UsageError(f"{config_file}: {error.format_message()} (see the messages above)"
                         ) from None
    except OSError as error:
        raise UsageError(f"{config_file}: {error.strerror}") from None


BUILDING, PREVIOUS = "building", "previous"


def _work_prefix(out: Path, kind: str) -> str:
    """`.site.building-<pid>-`: hidden, beside the site, naming the process that owns it."""
    return f".{out.name}.{kind}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def remove_leftovers(out: Path) -> list[Path]:
    """Remove the work folders a killed build left beside `out` (their process is gone).

    A build that was interrupted by SIGKILL or a power cut cannot clean up
    after itself; the next build does. Folders of a build still running (its
    process is alive) are left alone.
    """
    removed = []
    for kind in (BUILDING, PREVIOUS):
        for folder in out.parent.glob(f".{out.name}.{kind}-*"):
            pid_text = folder.name[len(f".{out.name}.{kind}-"):].split("-", 1)[0]
            if pid_text.isdigit() and int(pid_text) != os.getpid() and _alive(int(pid_text)):
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def readable_as_umask_says(folder: Path) -> None:
    """Give the built folder the mode a plain `mkdir` would have (mkdtemp makes it 0700).

    A web server running as another user must be able to read the site.
    """
    os.chmod(folder, 0o777 & ~_umask())


def make_work_folder(out: Path) -> Path:
    """A fresh folder beside `out` to build into; a UsageError when `out` cannot be made."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out}: that is a file, not a folder")
        return Path(tempfile.mkdtemp(dir=out.parent, prefix=_work_prefix(out, BUILDING)))
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(f"--out {out}: cannot create the site folder there ({reason}); "
                         "choose a folder you can write to") from None


def swap_in(new: Path, out: Path) -> None:
    """Put the built folder `new` at `out`, removing the previous site last."""
    if not out.exists():
        os.rename(new, out)
        return
    previous = Path(tempfile.mkdtemp(dir=out.parent, prefix=_work_prefix(out, PREVIOUS)))
    previous.rmdir()  # only the unique name is wanted: rename needs it free
    os.rename(out, previous)
    try:
        os.rename(new, out)
    except OSError:
        os.rename(previous, out)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def build_site(config_file: Path, *, out: Path | None = None,
               standards: Standards | None = None, as_of: dt.date | None = None,
               use_cache: bool = True, jobs: int | None = None,
               publish_if: Callable[[CheckRun], bool] = lambda run: True,
               internal_full: bool = False) -> BuiltSite:
    """Check, render and build the site into `out` (mkdocs.yml's site_dir by default).

    `publish_if` sees the check run once the site is built; when it says no,
    the new site is discarded and the previous one kept (for --strict).
    Raises UsageError or StandardsError for unusable input (exit 2) and
    SiteBuildError when MkDocs fails (exit 1). `internal_full` puts restricted
    values in the search index, exports and portfolio pages too
    (`--audience internal-full`).
    """
    started = time.monotonic()
    config = load_site_config(config_file)
    plugin = planbook_plugin(config)
    root = config_file.resolve().parent
    plans_dir, standards_file = plugin.source_paths(config)
    if not plans_dir.is_dir():
        raise UsageError(f"{plans_dir}: the plans folder does not exist")
    if standards is None:
        # Loaded here rather than in the plugin so that a bad standards file is a
        # configuration error (StandardsError, exit 2), not a failed build.
        standards = load_standards(standards_file if standards_file.is_file() else None)
    if internal_full:
        standards = dataclasses.replace(standards, audiences=dataclasses.replace(
            standards.audiences, internal_site_shows_restricted=True))
    if standards.people is None:
        standards = with_people(standards, repository.people_path(plugin.config_folder(config)))
    requested = out if out is not None else Path(config.site_dir)
    check_output_dir(requested, root=root, plans=plans_dir, docs=Path(config.docs_dir))
    target = requested.absolute()
    plugin.standards_override = standards
    plugin.as_of_override = as_of
    plugin.use_cache = plugin.use_cache and use_cache
    plugin.jobs_override = jobs

    remove_leftovers(target)
    building = make_work_folder(target)
    config.site_dir = str(building)
    published = False
    try:
        try:
            mkdocs_build(config)
        except (MkDocsException, Abort) as error:
            raise SiteBuildError(f"the site could not be built: {error.format_message()}"
                                 ) from None
        except Exception as error:  # a template or extension bug must not lose the old site
            raise SiteBuildError(f"the site could not be built: {type(error).__name__}: "
                                 f"{error}") from None
        run = plugin.last_run
        assert run is not None  # on_files ran, or mkdocs_build raised
        if publish_if(run):
            readable_as_umask_says(building)
            try:
                swap_in(building, target)
            except OSError as error:
                raise SiteBuildError(f"the new site could not be put at {target}: "
                                     f"{error.strerror or error}") from None
            published = True
    finally:
        # Every way out (an error, Ctrl-C, SIGTERM turned into SystemExit by the
        # command) removes the half-built folder; only a swapped-in site stays.
        if not published:
            shutil.rmtree(building, ignore_errors=True)
    return BuiltSite(run=run, pages=plugin.pages_built, site_dir=target,
                     seconds=time.monotonic() - started, published=published)
