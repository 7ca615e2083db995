import sys

from coopwizard.cli import main

sys.exit(main())
