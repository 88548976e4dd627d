"""The wheel is the app: it carries our package with its data and nothing else, and runs without the checkout.

The wheel is built once per session from a copy of the sources it is made of (so the checkout gets no `build/`),
with the setuptools of the test extras (no download). `.ci/run` also installs it into a fresh venv with its
dependencies (.ci/smoke_wheel.py); here, unpacking it beside this venv's dependencies is enough.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from importlib.resources import files
from pathlib import Path

import pytest

import journal
from journal.errors import JournalError
from journal.resources import MIGRATIONS_PACKAGE, SEEDS_PACKAGE, migrations_dir, read_seed, shipped
from journal.version import DIST_NAME, installed_version

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
MAPPED = PYPROJECT["tool"]["setuptools"]["package-dir"]  # {"journal._migrations": "migrations", ...}


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "CHANGELOG.md"):
        shutil.copy2(REPO / name, source / name)
    for folder in ("journal", *MAPPED.values()):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)]
    done = subprocess.run(build, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (built,) = out.glob("*.whl")
    return built


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def shipped_as(package: str, folder: Path, suffixes: tuple[str, ...] = ()) -> set[str]:
    """The wheel paths the files of a source folder (those with one of `suffixes`, or all) must have,
    installed as `package`."""
    root = package.replace(".", "/")
    return {
        f"{root}/{path.relative_to(folder).as_posix()}"
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and (not suffixes or path.suffix in suffixes)
    }


def test_the_wheel_holds_only_our_package_and_its_metadata(wheel: Path) -> None:
    names = wheel_names(wheel)
    dist_info = f"{DIST_NAME.replace('-', '_')}-{journal.__version__}.dist-info"
    assert {name.split("/")[0] for name in names} == {"journal", dist_info}
    assert not [name for name in names if name.endswith((".pyc", ".pyo"))]


def test_every_module_and_style_of_the_package_is_in_the_wheel(wheel: Path) -> None:
    """A subpackage missing from `packages` in pyproject.toml would be left out of the wheel (but not of an
    editable install, so only this and .ci/run would notice)."""
    expected = shipped_as("journal", REPO / "journal", (".py", ".tcss"))
    missing = sorted(expected - wheel_names(wheel))
    assert not missing, f"not in the wheel (add their packages to [tool.setuptools] packages): {missing}"
    assert "journal/tui/app.tcss" in expected


def test_migrations_and_seeds_are_in_the_wheel_inside_our_package(wheel: Path) -> None:
    names = wheel_names(wheel)
    assert MAPPED == {MIGRATIONS_PACKAGE: "migrations", SEEDS_PACKAGE: "seeds"}
    for package, folder in MAPPED.items():
        expected = shipped_as(package, REPO / folder)
        assert expected <= names, sorted(expected - names)
    versions = [n for n in names if n.startswith("journal/_migrations/versions/") and n.endswith(".py")]
    assert len(versions) == len(list((REPO / "migrations" / "versions").glob("0*.py"))) >= 4
    for name in (
        "_migrations/env.py",
        "_migrations/script.py.mako",
        "_seeds/masterclass-week8.md",
        "_seeds/prompts.toml",
    ):
        assert f"journal/{name}" in names


def test_the_wheel_metadata_is_complete(wheel: Path) -> None:
    dist_info = f"{DIST_NAME.replace('-', '_')}-{journal.__version__}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        meta = Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode())
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
        license_text = archive.read(f"{dist_info}/licenses/LICENSE").decode()
    assert meta["Name"] == DIST_NAME == PYPROJECT["project"]["name"]
    assert meta["Version"] == journal.__version__
    assert meta["License-Expression"] == "MIT"
    assert "Copyright (c) 2026 the journal authors" in license_text
    assert meta["Requires-Python"] == ">=3.11"
    assert meta["Summary"] and meta["Keywords"]
    assert len(meta.get_all("Classifier") or []) >= 5
    assert meta.get_all("Project-URL")
    assert "journal = journal.cli:main" in entry_points
    requires = " ".join(meta.get_all("Requires-Dist") or [])
    for dependency in ("textual", "sqlalchemy", "alembic", "whoosh-reloaded", "platformdirs", "python-dateutil"):
        assert dependency in requires


@pytest.fixture
def site(wheel: Path, tmp_path: Path) -> Path:
    """The wheel unpacked as pip would lay it out in site-packages (a pure-Python wheel is just its files)."""
    folder = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)
    return folder


def run_elsewhere(code: str, site: Path, home: Path, tmp_path: Path) -> str:
    """`python -c code` from a folder that is not the checkout, with the unpacked wheel first on sys.path."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env |= {"PYTHONPATH": str(site), "JOURNAL_HOME": str(home), "JOURNAL_NOW": "2026-11-23T09:00:00+09:00"}
    done = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_unpacked_wheel_runs_a_new_journal_from_outside_the_checkout(
    site: Path, tmp_path: Path, new_home: Path
) -> None:
    """The wheel's own files, beside this venv's dependencies, from a folder that is not the checkout: the
    migrations and seeds must come from the wheel (before 0.2.0 this failed: 'Path doesn't exist: …/migrations')."""
    seen = json.loads(run_elsewhere(UNPACKED_RUN, site, new_home, tmp_path))
    assert Path(seen["module"]).is_relative_to(site)
    assert Path(seen["migrations"]).is_relative_to(site)
    assert seen["masterclass"] == 15
    assert seen["found"] == ["포장 테스트 wheel note"]


UNPACKED_RUN = """
import contextlib, io, json
import journal
from journal.cli import main
from journal.resources import migrations_dir

def run(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(args)) == 0, args
    return out.getvalue()

run("add", "포장 테스트 wheel note")
day = json.loads(run("list", "--on", "2021-03-19", "--notebook", "Masterclass · 2021-03-19", "--format", "json"))
found = json.loads(run("search", "포장", "--format", "json"))
print(json.dumps({
    "module": journal.__file__,
    "migrations": str(migrations_dir()),
    "masterclass": len(day),
    "found": [hit["body"] for hit in found],
}))
"""


def test_resources_are_found_through_importlib_resources() -> None:
    folder = files(MIGRATIONS_PACKAGE)
    assert migrations_dir() == folder
    for name in ("env.py", "script.py.mako"):
        assert folder.joinpath(name).is_file()
    from journal.db import HEAD_REVISION, alembic_config

    assert any(p.name.startswith(HEAD_REVISION) for p in folder.joinpath("versions").iterdir())
    assert alembic_config(Path("x.db")).get_main_option("script_location") == str(folder)
    assert read_seed("prompts.toml") == files(SEEDS_PACKAGE).joinpath("prompts.toml").read_text(encoding="utf-8")
    assert read_seed("masterclass-week8.md").startswith("# Week 8")
    if Path(journal.__file__).is_relative_to(REPO):  # a checkout: `alembic revision` must write into it
        assert Path(str(folder)) == REPO / "migrations"
        assert Path(str(files(SEEDS_PACKAGE))) == REPO / "seeds"


def test_a_missing_data_package_is_a_clear_error() -> None:
    with pytest.raises(JournalError, match=r"journal\._nothing is missing from this installation.*reinstall"):
        shipped("journal._nothing")


def test_the_version_is_read_from_the_installed_metadata() -> None:
    assert PYPROJECT["project"]["name"] == DIST_NAME
    assert installed_version() == journal.__version__, "the installed metadata is stale: pip install -e . again"


def test_an_installed_wheel_reads_its_version_from_its_metadata_without_importlib_metadata(
    site: Path, tmp_path: Path, new_home: Path
) -> None:
    """The METADATA beside the package is read directly (importlib.metadata costs ~30 ms to import); a version
    written there that is not this source's shows it is the metadata, not `__version__`, that is printed."""
    (metadata,) = site.glob("journal_tui-*.dist-info/METADATA")
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(text.replace(f"\nVersion: {journal.__version__}\n", "\nVersion: 9.8.7\n"), encoding="utf-8")
    code = (
        "import sys\nfrom journal.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as exit:\n    assert exit.code in (0, None)\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    assert run_elsewhere(code, site, new_home, tmp_path).split() == ["journal", "9.8.7", "False"]


def test_a_checkout_without_metadata_says_its_own_version(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(REPO / "journal", source / "journal", ignore=shutil.ignore_patterns("__pycache__"))
    code = "from journal.version import installed_version; print(installed_version())"
    # -S: no site-packages, so no installed metadata of ours anywhere on the path
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=source, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == journal.__version__


def test_alembic_command_line_works_from_the_checkout(new_home: Path) -> None:
    """Developers run Alembic's own CLI with alembic.ini at the top of the checkout, on $JOURNAL_HOME."""
    env = {**os.environ, "JOURNAL_HOME": str(new_home)}
    new_home.mkdir()
    for args in (["upgrade", "head"], ["check"]):
        done = subprocess.run(
            [sys.executable, "-m", "alembic", "-c", str(REPO / "alembic.ini"), *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert (new_home / "journal.db").exists()
