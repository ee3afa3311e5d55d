import sys

from unccd_publish.noop import replay

status = replay(sys.argv[1:])  # a build with nothing to do, as the last run found it
if status is None:
    from unccd_publish.cli import main

    status = main()
raise SystemExit(status)
