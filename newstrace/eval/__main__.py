"""`python -m newstrace.eval <task> [args]`: run one evaluation task (see `newstrace.eval.tasks()`)."""

from __future__ import annotations

import sys

from newstrace.eval import run, tasks


def main(argv: list[str] | None = None) -> int:
    """Dispatch to `newstrace.eval.<task>.main(rest)`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print("usage: python -m newstrace.eval <task> [--data PATH] [task options]")
        print("tasks: " + ", ".join(tasks()))
        return 0 if args else 2
    return run(args[0], args[1:])


if __name__ == "__main__":
    sys.exit(main())
