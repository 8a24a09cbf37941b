"""The cover and running header of the client's PDF: the consultancy's brand and the consultant
as a client reads them (profile, never the login email) (issue 9)."""
import os
import shutil
import subprocess

import pytest

from readiness.branding import services as brand
from readiness.extensions import db
from tests.branding.helpers import png

pytestmark = pytest.mark.pdf  # renders PDFs: `make test-fast` leaves them out


def _pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")


def _squash(text: str) -> str:
    return "".join(text.split()).upper()


def test_cover_and_running_header_show_brand_and_profile_name(app, runner, demo, tmp_path):
    with app.app_context():
        brand.save_settings("Harbour Lane Consulting", "#0b5d3b", png(360, 120, (11, 93, 59)))
        db.session.commit()
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["report", str(demo.engagement_id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    if os.environ.get("KEEP_REPORT"):  # to look at it: KEEP_REPORT=/tmp/x.pdf pytest ...
        shutil.copyfile(out, os.environ["KEEP_REPORT"])
    pages = _pages(out)
    cover = " ".join(pages[0].split())
    assert "Sarah Chen, Northwind Advisory" in cover and "Principal Consultant" in cover
    # Letter-spaced capitals (kicker, labels) come out of pdftotext as "H A R B O U R ...".
    assert "HARBOURLANECONSULTING" in _squash(pages[0]) and "PREPAREDBY" in _squash(pages[0])
    assert demo.email not in "".join(pages) and "@" not in cover
    assert "Harbour Lane Consulting · Northwind Retail" in " ".join(pages[2].split())
    images = subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-list", str(out)], check=True,
                            capture_output=True, text=True).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in images] == [["360", "120"]]  # the logo, on the cover


def test_default_look_without_settings(app, runner, demo, tmp_path):
    out = tmp_path / "report.pdf"
    assert runner.invoke(args=["report", str(demo.engagement_id), "--out", str(out)]).exit_code == 0
    pages = _pages(out)
    assert "READINESS" in _squash(pages[0]) and "Sarah Chen, Northwind Advisory" in pages[0]
    assert "Readiness · Northwind Retail" in " ".join(pages[2].split())
