"""Build step the declarative setup.cfg cannot say: carry the top-level data into the wheel.

templates/, reports/ and questionnaires/ stay at the top level of the repository (fixed layout).
A wheel only holds packages, so build_py copies them into the built package as
readiness/_resources/<name>, where readiness/resources.py looks first. It also compiles the
translations (*.po -> *.mo, what `make translations` does in a checkout): *.mo files are not
committed, so a clone has none. Editable installs (`pip install -e .`) skip both: a checkout uses
the top-level directories and `make translations`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = ("templates", "reports", "questionnaires")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*~")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "readiness"
        target = package / "_resources"
        if target.exists():
            shutil.rmtree(target)  # a stale build/lib must not keep deleted templates
        for name in RESOURCES:
            shutil.copytree(ROOT / name, target / name, ignore=IGNORE)
        self._compile_translations(package / "translations")

    def _compile_translations(self, directory: Path) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(directory.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as f:
                catalog = read_po(f, locale=po.parent.parent.name)
            if catalog.fuzzy:  # as `pybabel compile` without --use-fuzzy
                raise SystemExit(f"{po}: the catalogue is marked fuzzy; fix it before building")
            with po.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False):
            return outputs
        package = Path(self.build_lib) / "readiness"
        extra = [p for p in (package / "_resources").rglob("*") if p.is_file()]
        extra += (package / "translations").glob("*/LC_MESSAGES/*.mo")
        return sorted(set(outputs) | {str(p) for p in extra})


setup(cmdclass={"build_py": BuildWithResources})
