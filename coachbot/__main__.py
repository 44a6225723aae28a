from coachbot.cli import main

raise SystemExit(main())
