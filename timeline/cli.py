"""The command line: a thin click layer over ``timeline.build`` and the renderers."""
from __future__ import annotations

import enum
import functools
import os
import re
import sys
import tempfile
from pathlib import Path

import click

from timeline import __version__
from timeline.render import ACTOR_FORMATS, FORMATS, RenderContext, format_for_path, get_renderer


class Exit(enum.IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


class PeriodParam(click.ParamType):
    """A date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``end`` picks the period's last day."""

    name = "DATE"

    def __init__(self, end: bool) -> None:
        self.end = end

    def convert(self, value, param, ctx):
        from timeline.periods import bounds

        try:
            first, last = bounds(str(value).strip())
        except (ValueError, OverflowError):
            self.fail(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", param, ctx)
        return last if self.end else first


# Control and bidi/zero-width characters (from file names, say) would break the line or the terminal;
# surrogates (a file name's non-UTF-8 bytes) would fail to encode.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def warn(message: str, kind: str = "Warning") -> None:
    """One line on stderr, never wrapped, with unprintable characters shown escaped."""
    line = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)
    click.echo(f"{kind}: {line}", err=True)


def fail(message: str) -> None:
    """Report an error and exit 1 (a usage error is click's, exit 2)."""
    warn(message, "Error")
    sys.exit(Exit.ERROR)


def check_output(output: str | None) -> None:
    """Refuse an --output in a missing directory before the build, not after it (nothing is created)."""
    if not output or output == "-":
        return
    parent = Path(output).parent
    if not parent.is_dir():
        fail(f"{output}: directory {parent} {'is not a directory' if parent.exists() else 'does not exist'}")


def filter_options(func):
    @click.option("-a", "--actor", "actors", multiple=True, metavar="NAME",
                  help="Keep entries involving NAME (repeatable; aliases count, an organisation includes its people).")
    @click.option("-k", "--kind", "kinds", multiple=True, type=click.Choice(["event", "quote"]),
                  help="Keep only this kind of entry (repeatable).")
    @click.option("--since", type=PeriodParam(end=False), help="Keep entries on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--until", type=PeriodParam(end=True), help="Keep entries on or before DATE (inclusive).")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def output_options(formats):
    """--format (one of ``formats``) and --output, for every command that writes."""
    def decorate(func):
        @click.option("-f", "--format", "fmt", type=click.Choice(list(formats)), default=None,
                      help="Output format (default: from the --output suffix, else table).")
        @click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
                      help="Write to FILE (atomically) instead of standard output.")
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)

        return wrapper

    return decorate


def resolve_format(fmt: str | None, output: str | None, formats) -> str:
    """The format asked for, else the one --output's suffix implies (if the command has it), else table."""
    implied = format_for_path(output) if output and output != "-" else None
    if not fmt and implied and implied not in formats:
        raise click.UsageError(f"{output}: this command has no {implied} format (use {', '.join(formats)})")
    return fmt or implied or "table"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
def cli() -> None:
    """Turn news articles into a sourced, chronological timeline.

    \b
    Examples:
      timeline build                      # the bundled sample articles
      timeline build articles/ -o timeline.md
      timeline build a.txt b.txt --actor NAHT --since 2023-03
      timeline actors articles/
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@filter_options
@output_options(FORMATS)
@click.option("--min-sources", type=click.IntRange(min=1), default=1, show_default=True,
              help="Keep only entries reported by at least N sources.")
@click.option("--no-merge", is_flag=True, help="Do not merge the same claim across documents.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Read documents in N worker processes (default: one per core).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents are processed: local processes, or dask (pip install 'timeline[dask]').")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the address of a dask scheduler to run on (default: local processes).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of extracted documents.")
def build(paths, actors, kinds, since, until, fmt, output, min_sources, no_merge, jobs, engine, scheduler, no_cache):
    """Build the timeline of PATHS (files, directories, - for stdin; none: the bundled sources).

    \b
    Examples:
      timeline build
      timeline build articles/ --format markdown -o timeline.md
      timeline build articles/ --actor "Amanda Spielman" --kind quote
      timeline build articles/ --since 2023-01 --until 2023-06 -o out.csv
    """
    from timeline.engine import EngineError
    from timeline.filters import Selection
    from timeline.pipeline import BuildOptions
    from timeline.pipeline import build as run_build
    from timeline.progress import ProgressBar

    if since and until and since > until:
        raise click.UsageError(f"--since ({since}) is later than --until ({until})")
    check_output(output)
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    fmt = resolve_format(fmt, output, FORMATS)
    selection = Selection(actors=actors, kinds=kinds, since=since, until=until, min_sources=min_sources)
    options = BuildOptions(selection=selection, merge=not no_merge, jobs=jobs, engine=engine,
                           scheduler=scheduler, cache=not no_cache)
    stderr = sys.stderr
    try:
        with ProgressBar(stderr, enabled=stderr.isatty()) as progress:
            result = run_build(list(paths), options, on_progress=progress,
                               on_problem=lambda p: warn(f"{p.path}: {p.message}", "Error" if p.error else "Warning"))
    except EngineError as exc:
        warn(str(exc), "Error")
        sys.exit(Exit.ERROR)
    if not result.timeline.sources:
        warn("nothing to read: no input could be loaded", "Error")
        sys.exit(Exit.ERROR)
    write_output(lambda out, ctx: get_renderer(fmt)(result.timeline, out, ctx), output)
    sys.exit(Exit.ERROR if result.failed_inputs else Exit.OK)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@output_options(ACTOR_FORMATS)
def actors(paths, fmt, output):
    """List every actor found in PATHS, with the aliases seen and entry counts.

    \b
    Example:
      timeline actors articles/
    """
    from timeline.actors_report import actor_rows, render_actors

    fmt = resolve_format(fmt, output, ACTOR_FORMATS)
    check_output(output)
    from timeline.pipeline import build as run_build
    from timeline.pipeline import load_registry

    result = run_build(list(paths), on_problem=lambda p: warn(f"{p.path}: {p.message}", "Error" if p.error else "Warning"))
    if not result.timeline.sources:
        warn("nothing to read: no input could be loaded", "Error")
        sys.exit(Exit.ERROR)
    rows = actor_rows(result.timeline, load_registry())
    write_output(lambda out, ctx: render_actors(rows, out, ctx, fmt), output)
    sys.exit(Exit.ERROR if result.failed_inputs else Exit.OK)


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def write_output(render, output: str | None) -> None:
    """Render to stdout, or to OUTPUT through a temporary file renamed only on success.

    A failed or interrupted run leaves an existing OUTPUT byte-for-byte as it was
    and no temporary file behind.
    """
    from timeline.load import describe_os_error

    if not output or output == "-":
        _write_stdout(render)
        return
    target = Path(output)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        fail(f"{output}: cannot write: {describe_os_error(exc)}")
    try:
        os.fchmod(fd, _new_file_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            render(out, RenderContext(color=False))
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            fail(f"{output}: cannot write: {describe_os_error(exc)}")
        raise


def _new_file_mode() -> int:
    """The mode open() would give a new file; mkstemp's is owner-only."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_stdout(render) -> None:
    stream = sys.stdout
    try:
        render(stream, RenderContext(color=_use_color(stream)))
        stream.flush()
    except BrokenPipeError:
        # The reader left early (`timeline build | head`): stop writing, quietly.
        _discard_stdout()


def _discard_stdout() -> None:
    """Point stdout at /dev/null so Python's last flush does not report the closed pipe."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def main() -> None:
    """Console entry point: exit codes for Ctrl-C and usage errors, never a traceback."""
    try:
        code = cli.main(standalone_mode=False, prog_name="timeline")
    except (click.exceptions.Abort, KeyboardInterrupt):
        # click turns Ctrl-C into Abort, after a newline that ends the terminal's ^C.
        click.echo("Interrupted.", err=True)
        sys.exit(Exit.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except OSError as exc:
        from timeline.load import describe_os_error

        fail(describe_os_error(exc))
    except Exception as exc:
        if os.environ.get("TIMELINE_DEBUG"):
            raise
        fail(f"unexpected {type(exc).__name__}: {exc} (run with TIMELINE_DEBUG=1 for the details)")
    sys.exit(code if isinstance(code, int) else Exit.OK)
