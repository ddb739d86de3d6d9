from wakesmith.cli.main import main

raise SystemExit(main())
