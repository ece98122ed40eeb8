"""`python3 tools/boh ARGS` (what ./boh runs) or `python3 -m boh ARGS`."""

import sys
from pathlib import Path

if __package__:
    from .cli import main
else:
    # Run as a folder (python3 tools/boh): import the package from tools/.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from boh.cli import main

sys.exit(main())
