from cskexam.cli import main

raise SystemExit(main())
