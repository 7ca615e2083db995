"""The floor for a printing command: import rich and pydantic, parse the file, print one line.

    python benchmarks/floor.py PROJET.toml

No coopwizard code: whatever `coopwizard checklist` takes beyond this is ours. The file
is parsed with the parser the store uses (tomli when installed, else the standard
library's tomllib), read the same way (bytes, then UTF-8 text): a faster parser in the
store is not counted as our gain.
"""

import sys

try:  # as coopwizard/store/__init__.py
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

from pydantic import BaseModel  # noqa: F401  (the import every model pays for)
from rich.console import Console

with open(sys.argv[1], "rb") as handle:
    data = tomllib.loads(handle.read().decode("utf-8"))
Console().print(f"{sys.argv[1]} : {len(data)} sections lues.")
