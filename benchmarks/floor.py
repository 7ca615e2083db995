"""The floor for a printing command: import rich and pydantic, parse the file, print one line.

    python benchmarks/floor.py PROJET.toml

No coopwizard code: whatever `coopwizard checklist` takes beyond this is ours.
"""

import sys
import tomllib

from pydantic import BaseModel  # noqa: F401  (the import every model pays for)
from rich.console import Console

with open(sys.argv[1], "rb") as handle:
    data = tomllib.load(handle)
Console().print(f"{sys.argv[1]} : {len(data)} sections lues.")
