import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["journal.services", "journal.cli"])
def test_domain_and_cli_do_not_import_textual_or_sqlalchemy(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlalchemy', 'alembic', 'rich'))\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
