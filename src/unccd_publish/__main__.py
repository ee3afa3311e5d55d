from unccd_publish.cli import main

raise SystemExit(main())
