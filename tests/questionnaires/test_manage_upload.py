"""Upload: a good YAML or JSON file is stored; a bad one is refused with the CLI's FILE:LINE
messages on the page and nothing stored; hostile files are refused by the cheap checks, before
any tree is built (their timing is measured in bench/questionnaire_upload.py)."""
from __future__ import annotations

import json

import pytest

from readiness.method.loading import MAX_YAML_EVENTS
from tests.helpers import make_user
from tests.questionnaires.manage_helpers import (
    PULSE_TEXT,
    definition,
    renamed,
    upload,
    version_id,
    versions,
)

CONSULTANT = "consultant@example.com"


@pytest.fixture
def manager(app, auth):
    make_user(app, CONSULTANT)
    auth.login(CONSULTANT)
    return auth


def test_a_good_yaml_file_is_stored_and_shown(app, client, manager):
    before = versions(app)
    response = upload(client, renamed(PULSE_TEXT, "acme-pulse"), "acme-pulse.yaml")
    assert response.status_code == 302
    new = version_id(app, "acme-pulse")
    assert response.headers["Location"].endswith(f"/questionnaires/{new}")
    assert len(versions(app)) == len(before) + 1
    page = client.get(f"/questionnaires/{new}").text
    assert "CRM readiness pulse" in page and "draft: edits change this version" in page


def test_the_same_content_twice_is_one_version(app, client, manager):
    upload(client, renamed(PULSE_TEXT, "acme-pulse"))
    count = len(versions(app))
    response = upload(client, renamed(PULSE_TEXT, "acme-pulse") + "\n# a comment\n")
    assert response.status_code == 302 and len(versions(app)) == count
    assert "stored already" in client.get(response.headers["Location"]).text


def test_a_json_file_is_stored_like_yaml(app, client, manager):
    pulse = version_id(app, "crm-pulse")
    data = json.loads(client.get(f"/questionnaires/{pulse}/download.json").text)
    data["id"] = "acme-json"
    response = upload(client, json.dumps(data, ensure_ascii=False, indent="\t"), "acme.json")
    assert response.status_code == 302
    assert definition(app, version_id(app, "acme-json"))["blocks"] == definition(app, pulse)["blocks"]


def test_a_downloaded_yaml_uploads_back_as_the_same_version(app, client, manager):
    pulse = version_id(app, "crm-pulse")
    download = client.get(f"/questionnaires/{pulse}/download.yaml")
    assert download.headers["Content-Disposition"] == 'attachment; filename="crm-pulse-1.0.yaml"'
    count = len(versions(app))
    assert upload(client, download.data, "crm-pulse-1.0.yaml").status_code == 302
    assert len(versions(app)) == count


def test_a_bad_file_shows_every_problem_with_its_line_and_stores_nothing(app, client, manager):
    lines = renamed(PULSE_TEXT, "acme-bad").splitlines(keepends=True)
    weight = next(n for n, line in enumerate(lines) if line.strip() == "weight: 1.5")
    lines[weight] = lines[weight].replace("1.5", "12")
    level = next(n for n, line in enumerate(lines) if line.strip().startswith("3: {en:"))
    lines[level] = lines[level].split(", zh:")[0] + "}\n"
    before = versions(app)
    response = upload(client, "".join(lines), "acme-bad.yaml")
    assert response.status_code == 422
    assert versions(app) == before
    page = response.text
    assert f"acme-bad.yaml:{weight + 1}: item B1.1: weight: Input should be less than or equal to 10" in page
    assert f"acme-bad.yaml:{level + 1}: item B1.1: level 3 missing zh text" in page
    assert "The file was not stored" in page


def test_a_label_reused_with_other_content_is_refused(app, client, manager):
    text = renamed(PULSE_TEXT, "crm-pulse").replace("weight: 1.5", "weight: 2.5", 1)
    before = versions(app)
    response = upload(client, text)
    assert response.status_code == 422 and versions(app) == before
    assert "crm-pulse version 1.0 is already stored with other content" in response.text


def test_no_file_and_not_utf8_are_refused(app, client, manager):
    response = upload(client, b"", "")
    assert response.status_code == 422
    response = upload(client, b"\xff\xfe\x00bad", "x.yaml")
    assert response.status_code == 422 and "x.yaml:1: not UTF-8 text" in response.text


BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 9) + "]\n" for n in range(8))

HOSTILE = {
    "alias bomb": (BOMB, "anchors and aliases"),
    "huge file": ("x: " + "a" * (300 * 1024) + "\n", "larger than 256 KB"),
    "deep flow nesting": ("x: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 40 levels"),
    "deep block nesting": ("".join("  " * n + f"k{n}:\n" for n in range(60)) + "  " * 60 + "v\n",
                           "nested more than 40 levels"),
    "many values": ("x: [" + "1," * (MAX_YAML_EVENTS + 10) + "1]\n", f"more than {MAX_YAML_EVENTS} values"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_files_are_refused_by_the_cheap_checks(app, client, manager, name):
    text, reason = HOSTILE[name]
    before = versions(app)
    response = upload(client, text, "hostile.yaml")
    assert response.status_code == 422
    assert reason in response.text
    assert versions(app) == before


def test_settings_are_validated_on_upload(app, client, manager):
    text = renamed(PULSE_TEXT, "acme-settings")
    lines = text.splitlines(keepends=True)
    text = text.replace("low_sample: 3", "low_sample: 0").replace(
        "walk_prerequisites: {B4: 50,", "walk_prerequisites: {B9: 5, B4: 50,")
    before = versions(app)
    response = upload(client, text, "s.yaml")
    assert response.status_code == 422 and versions(app) == before
    page = response.text
    low = next(n for n, line in enumerate(lines, 1) if "low_sample" in line)
    walk = next(n for n, line in enumerate(lines, 1) if "walk_prerequisites" in line)
    assert f"s.yaml:{low}: settings.low_sample: Input should be greater than or equal to 1" in page
    assert f"s.yaml:{walk}: settings.walk_prerequisites: unknown block B9 (B1-B8 only)" in page
