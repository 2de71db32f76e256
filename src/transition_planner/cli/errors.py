"""The library's errors turned into messages and exit codes, once for every command."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from transition_planner.errors import (
    Diagnostic,
    NoScheduleFound,
    OptionsError,
    PlanError,
    TransitionPlannerError,
    VerificationFailed,
)

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn the library's errors into messages and exit codes, in one place."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PlanError as exc:
            _print_diagnostics(exc.warnings)
            _print_diagnostics(exc.diagnostics)
            count = len(exc.diagnostics)
            click.echo(
                f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True
            )
            sys.exit(exc.exit_code)
        except VerificationFailed as exc:
            for fault in exc.faults:
                click.echo(fault, err=True)
            click.echo(f"{len(exc.faults)} fault(s) found.", err=True)
            if exc.note:
                click.echo(f"note: {exc.note}", err=True)
            sys.exit(exc.exit_code)
        except NoScheduleFound as exc:
            click.echo(f"error: {exc.with_remedy()}", err=True)
            sys.exit(exc.exit_code)
        except OptionsError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except TransitionPlannerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; nothing more was written", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader stopped (`tplan week ... | head`): not a fault; files were written whole
            _stdout_to_devnull()
            sys.exit(1)
        except Exception as exc:
            if _debug():
                raise
            click.echo(
                f"error: unexpected {type(exc).__name__}: {_one_line(exc)} "
                "(a fault in tplan, not in your files; run with --debug for the traceback "
                "and report it)",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _stdout_to_devnull() -> None:
    """Point standard output at /dev/null, so that flushing it at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + ("…" if len(text) > 200 else "")


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.render() + (" (--strict)" if d.strict else ""), err=True)
