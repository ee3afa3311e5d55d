"""The command line's entry point: a build with nothing to do is answered from what the last
run kept (:mod:`unccd_publish.noop`) before the command line itself is loaded."""

import sys

from unccd_publish.noop import replay


def main() -> int:
    status = replay(sys.argv[1:])  # a build with nothing to do, as the last run found it
    if status is None:
        from unccd_publish.cli import run

        run()  # exits with the command's status
    return status


if __name__ == "__main__":
    raise SystemExit(main())
