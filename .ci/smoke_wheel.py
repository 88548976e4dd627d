"""The wheel works without the checkout: build it, install it into a fresh venv, use it from elsewhere.

Run by .ci/run with the CI venv's Python (it has `build` and `setuptools` from the test extras, so the build
needs no download): builds the sdist and, from it, the wheel; installs the wheel (not editable) into a new venv
in a temporary folder whose path has a space and a `%`; then, from that folder with a temporary JOURNAL_HOME,
starts a new journal and checks add, list of the masterclass day, prompts, search, digest and a headless TUI,
and that site-packages holds nothing of ours but `journal` and its .dist-info. Exit code 0, or 1 with the
failed check on stderr (the temporary folder is kept then, for a look).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIST_NAME = "journal-tui"
MASTERCLASS = "Masterclass · 2021-03-19"
NOW = "2026-11-23T09:00:00+09:00"  # a Monday: the digest's week is known
FORBIDDEN_TOP_LEVEL = {"migrations", "seeds", "tests", "bench", "docs"}

TUI_CHECK = """
import asyncio
import os
from pathlib import Path

import journal
from journal.clock import clock_from_env
from journal.tui.app import make_app
from journal.tui.widgets.entry_list import EntryItem


async def main() -> None:
    app = make_app(Path(os.environ["JOURNAL_HOME"]), clock=clock_from_env())
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        shown = [item.entry.body for item in app.screen.query(EntryItem)]
        assert any("스모크" in body for body in shown), shown
        for key in "tui note":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("ctrl+q")
    print(journal.__file__)
    print(";".join(str(path) for path in app.css_path))


asyncio.run(main())
"""


class SmokeFailure(Exception):
    pass


def main() -> int:
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="journal smoke 100% "))
    try:
        run_smoke(tmp)
    except SmokeFailure as exc:
        print(f"smoke: FAILED: {exc} (files kept in {tmp})", file=sys.stderr)
        return 1
    shutil.rmtree(tmp)
    print(f"smoke: the wheel works outside the checkout ({time.monotonic() - started:.0f} s)")
    return 0


def run_smoke(tmp: Path) -> None:
    dist = tmp / "dist"
    step("build the sdist and, from it, the wheel")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(REPO)], quiet=True)
    wheel = one(dist.glob("*.whl"))
    sdist = one(dist.glob("*.tar.gz"))
    version = wheel.name.split("-")[1]
    print(f"  {wheel.name}, {sdist.name}")

    step("install the wheel into a fresh venv (not editable)")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python, journal = venv / "bin" / "python", venv / "bin" / "journal"
    began = time.monotonic()
    run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)], quiet=True)
    print(f"  installed in {time.monotonic() - began:.1f} s")
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    check_site_packages(site, version)

    work = tmp / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env |= {"JOURNAL_HOME": str(tmp / "home"), "JOURNAL_NOW": NOW, "HOME": str(tmp)}

    def cli(*args: str) -> str:
        return run([str(journal), *args], cwd=work, env=env)

    step("journal --version and python -m journal --version read the installed metadata")
    expect(cli("--version").strip() == f"journal {version}", f"journal --version: not {version}")
    by_module = run([str(python), "-m", "journal", "--version"], cwd=work, env=env).strip()
    expect(by_module == f"journal {version}", f"python -m journal --version said {by_module!r}")

    step("a new journal: add, list the masterclass day, prompts, search, digest")
    added = cli("add", "스모크 테스트 note #built")
    expect("Added" in added, f"journal add said {added!r}")
    day = json.loads(cli("list", "--on", "2021-03-19", "--notebook", MASTERCLASS, "--format", "json"))
    expect(len(day) == 15, f"the masterclass day has {len(day)} notes, not 15")
    prompts = json.loads(cli("prompts", "--all", "--format", "json"))
    expect(len(prompts) >= 8, f"{len(prompts)} prompts, expected at least 8")
    found = json.loads(cli("search", "테스트", "--format", "json"))
    expect([hit["body"] for hit in found] == ["스모크 테스트 note #built"], f"search 테스트 found {found}")
    seeded = json.loads(cli("search", "슬럼프", "--format", "json"))
    expect(any(hit["notebook"] == MASTERCLASS for hit in seeded), "search 슬럼프 missed the masterclass notes")
    digest = cli("digest")
    expect("스모크 테스트 note" in digest, f"the digest does not list the #built note:\n{digest}")

    step("the TUI starts headless from the installed package, saves a note, quits on ctrl+q")
    shown = run([str(python), "-c", TUI_CHECK], cwd=work, env=env).splitlines()
    module_file, styles = Path(shown[-2]), shown[-1]
    expect(module_file.is_relative_to(site), f"the TUI ran journal from {module_file}, not the venv")
    expect(styles.endswith("journal/tui/app.tcss") and Path(styles).is_relative_to(site), f"styles from {styles}")
    notes = json.loads(cli("list", "--on", "today", "--format", "json"))
    expect([n["body"] for n in notes] == ["스모크 테스트 note #built", "tui note"], f"today holds {notes}")


def check_site_packages(site: Path, version: str) -> None:
    """Our distribution installs `journal` and its .dist-info, nothing else; every entry in site-packages
    belongs to some installed distribution (so no stray `migrations`, `seeds`, `tests` or `bench`)."""
    step("site-packages: only journal and its .dist-info from us")
    from importlib.metadata import distributions

    owners: dict[str, set[str]] = {}
    for dist in distributions(path=[str(site)]):
        tops = {Path(f).parts[0] for f in dist.files or () if not str(f).startswith("..")}
        owners[dist.metadata["Name"]] = tops
    ours = owners.get(DIST_NAME)
    expect(ours is not None, f"{DIST_NAME} is not installed in {site}")
    wanted = {"journal", f"{DIST_NAME.replace('-', '_')}-{version}.dist-info"}
    expect(ours == wanted, f"{DIST_NAME} installed {sorted(ours or ())}, expected {sorted(wanted)}")
    present = {p.name for p in site.iterdir()} - {"__pycache__"}
    expect(not present & FORBIDDEN_TOP_LEVEL, f"site-packages has {sorted(present & FORBIDDEN_TOP_LEVEL)}")
    unowned = present - set().union(*owners.values())
    expect(not unowned, f"site-packages has entries no distribution owns: {sorted(unowned)}")
    print(f"  {len(present)} entries, all owned by the {len(owners)} installed distributions")


def run(args: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, quiet: bool = False) -> str:
    done = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        output = done.stderr if quiet else done.stdout + done.stderr
        raise SmokeFailure(f"{' '.join(args)} exited {done.returncode}:\n{output[-4000:]}")
    return done.stdout


def one(paths: Iterable[Path]) -> Path:
    found = sorted(paths)
    expect(len(found) == 1, f"expected one file, found {found}")
    return found[0]


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def step(text: str) -> None:
    print(f"smoke: {text}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
