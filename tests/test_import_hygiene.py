"""The core never loads textual (ARCHITECTURE.md: arrows point one way)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import coopwizard


def _modules_loaded_by(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, timeout=60,
    )
    return set(result.stdout.split())


def test_importing_every_core_module_never_loads_textual():
    names = [
        m.name for m in pkgutil.walk_packages(coopwizard.__path__, "coopwizard.")
        if m.name != "coopwizard.__main__"
    ]
    code = "\n".join(f"import {name}" for name in names)
    loaded = _modules_loaded_by(code)
    assert "coopwizard.cli" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_running_check_never_loads_textual(example_copy):
    code = (
        "import sys\n"
        "from coopwizard.cli import main\n"
        f"sys.argv = ['coopwizard', 'check', {str(example_copy)!r}]\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    )
    loaded = _modules_loaded_by(code)
    assert "coopwizard.diagnostics" in loaded
    assert "textual" not in loaded
