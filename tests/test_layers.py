import subprocess
import sys

import pytest

DOMAIN = [
    "journal.services",
    "journal.search.store",
    "journal.search.snippets",
    "journal.cli",
    "journal.cli.parser",
    "journal.interchange",
]


@pytest.mark.parametrize("module", DOMAIN)
def test_the_domain_and_the_cli_import_no_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


@pytest.mark.parametrize("module", ["journal.services", "journal.cli"])
def test_the_cli_path_imports_no_sqlalchemy_alembic_or_whoosh(module: str) -> None:
    """`journal add` must cost Python start-up plus a few milliseconds: its path, the parser built and
    the services imported, loads none of the heavy libraries."""
    code = (
        f"import sys, {module}\n"
        "from journal.cli.parser import build_parser\n"
        "build_parser().parse_args(['add', 'x'])\n"
        "heavy = {'textual', 'sqlalchemy', 'alembic', 'whoosh', 'shtab', 'icalendar', 'parsedatetime', 'dateutil'}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_add_imports_no_whoosh_and_the_next_search_finds_the_note(tmp_path) -> None:
    import os

    env = {**os.environ, "JOURNAL_HOME": str(tmp_path / "home")}
    setup = "from journal.cli import main; main(['add', '첫 노트']); main(['search', '노트'])"
    subprocess.run([sys.executable, "-c", setup], env=env, check=True, capture_output=True)
    code = (
        "import sys\nfrom journal.cli import main\nmain(['add', '양자화를 공부했다'])\nprint('whoosh' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    assert out.split()[-1] == "False"
    found = subprocess.run(
        [sys.executable, "-m", "journal", "search", "양자화", "--format", "json"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "양자화를 공부했다" in found
