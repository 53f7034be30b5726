from mashangban.cli import main

raise SystemExit(main())
