"""/admin/branding and /brand/logo: admins set the brand, everyone sees it, nobody else sets it."""
import pytest

from readiness.branding.checks import MAX_LOGO_BYTES
from tests.branding.helpers import CLEAN_SVG, png, svg, upload
from tests.helpers import csrf_token, make_user


def test_admin_saves_name_and_colour_and_every_header_shows_them(client, admin):
    response = upload(client, name="Northwind Advisory", colour="#0B5D3B")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/branding")
    assert "The brand is saved." in client.get("/admin/branding").text
    page = client.get("/engagements").text
    assert '<span>Northwind Advisory</span></a>' in page
    assert "--accent: #0b5d3b;" in page


def test_the_default_look_stays_until_something_is_set(client, admin):
    page = client.get("/engagements").text
    assert "<span>Readiness</span></a>" in page and "--accent: #2f6fb0;" in page
    assert 'class="brand-logo"' not in page
    assert client.get("/brand/logo").status_code == 404


def test_the_login_page_shows_the_brand_too(client, admin):
    upload(client, name="Northwind Advisory")
    client.post("/auth/logout", data={"csrf_token": csrf_token(client.get("/engagements").text)})
    assert "<span>Northwind Advisory</span></a>" in client.get("/auth/login").text


def test_a_png_logo_is_stored_and_served_with_its_type(client, admin):
    logo = png()
    assert upload(client, logo, name="Northwind Advisory").status_code == 302
    page = client.get("/engagements").text
    assert 'class="brand-logo"' in page and 'src="/brand/logo?v=' in page
    served = client.get("/brand/logo")
    assert served.status_code == 200 and served.data == logo
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_an_svg_logo_is_served_under_a_policy_that_runs_nothing(client, admin):
    assert upload(client, CLEAN_SVG, "logo.svg").status_code == 302
    served = client.get("/brand/logo")
    assert served.headers["Content-Type"] == "image/svg+xml"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    policy = served.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy


def test_the_type_is_told_by_the_bytes_not_the_file_name(client, admin):
    assert upload(client, CLEAN_SVG, "logo.png").status_code == 302
    assert client.get("/brand/logo").headers["Content-Type"] == "image/svg+xml"
    response = upload(client, b"MZ\x90\x00 a program", "logo.png")
    assert response.status_code == 422
    assert "This file is not a PNG or SVG image." in response.text


@pytest.mark.parametrize(("logo", "says"), [
    (b"just some text, no image", "This file is not a PNG or SVG image. Upload the logo as a .png or .svg file."),
    (png(pad=MAX_LOGO_BYTES), "The logo is 513 KB; the limit is 512 KB."),
    (svg("<script>alert(1)</script>"), "This SVG contains a script, which a logo may not have."),
    (svg("<rect/>", 'onload="alert(1)"'), "This SVG contains an event handler (onload)"),
])
def test_refused_logos_say_why_and_change_nothing(client, admin, logo, says):
    upload(client, png(), name="Northwind Advisory", colour="#0b5d3b")
    response = upload(client, logo, "logo.svg", name="Someone Else", colour="#000000")
    assert response.status_code == 422
    assert says in response.text
    assert 'value="Someone Else"' in response.text  # the form keeps what was typed
    page = client.get("/engagements").text
    assert "<span>Northwind Advisory</span></a>" in page and "--accent: #0b5d3b;" in page
    assert client.get("/brand/logo").data == png()


def test_a_file_over_the_upload_limit_gets_the_same_clear_message(app, client, admin):
    app.config["MAX_CONTENT_LENGTH"] = 600 * 1024
    response = upload(client, png(pad=700 * 1024))
    assert response.status_code == 413
    assert "the limit is 512 KB" in response.text


def test_a_too_light_colour_is_refused_saying_why(client, admin):
    response = upload(client, colour="#ffd700")
    assert response.status_code == 422
    assert "This colour is too light to read as text on white" in response.text
    assert 'value="#ffd700"' in response.text
    assert "--accent: #2f6fb0;" in client.get("/engagements").text


def test_remove_logo(client, admin):
    upload(client, png())
    page = client.get("/admin/branding").text
    assert "Remove logo" in page
    response = client.post("/admin/branding/logo/remove", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert "The logo is removed." in client.get("/admin/branding").text
    assert client.get("/brand/logo").status_code == 404
    assert 'class="brand-logo"' not in client.get("/engagements").text


def test_the_brand_name_is_escaped(client, admin):
    upload(client, name='<img src=x onerror="alert(1)">')
    page = client.get("/engagements").text
    assert "&lt;img src=x" in page and '<img src=x' not in page


def test_the_admin_area_links_to_the_brand(client, admin):
    assert 'href="/admin/branding"' in client.get("/admin/users").text


@pytest.mark.parametrize("role", ["consultant", "viewer"])
def test_non_admins_get_403_and_change_nothing(app, client, auth, role):
    make_user(app, "admin@example.com", role="admin")
    make_user(app, f"{role}@example.com", role=role)
    auth.login(f"{role}@example.com")
    assert client.get("/admin/branding").status_code == 403
    token = csrf_token(client.get("/engagements").text)
    response = client.post("/admin/branding", data={"name": "Hijacked", "csrf_token": token})
    assert response.status_code == 403
    assert client.post("/admin/branding/logo/remove", data={"csrf_token": token}).status_code == 403
    assert "Hijacked" not in client.get("/engagements").text


def test_strangers_read_nothing_new(client):
    for path in ("/admin/branding", "/profile"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.post("/admin/branding", data={"name": "x"}).status_code in (302, 400)
    assert client.post("/admin/branding/logo/remove").status_code in (302, 400)
    assert client.get("/brand/logo").status_code == 404  # no logo: nothing to read


def test_a_bad_colour_and_a_bad_logo_are_both_said_at_once(client, admin):
    response = upload(client, svg("<script>alert(1)</script>"), "logo.svg", colour="#ffd700")
    assert response.status_code == 422
    assert "This colour is too light" in response.text and "This SVG contains a script" in response.text


def test_the_respondents_page_shows_the_brand(app, client, admin):
    from tests.respondents.helpers import add_respondent, make_engagement

    upload(client, png(), name="Northwind Advisory")
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Pat Doe", "front_line", eng.departments["Sales"])
    client.post("/auth/logout", data={"csrf_token": csrf_token(client.get("/engagements").text)})
    page = client.get(f"/r/{person.token}").text  # a respondent has no account
    assert "<span>Northwind Advisory</span></a>" in page and 'class="brand-logo"' in page
    assert client.get("/brand/logo").headers["Content-Type"] == "image/png"
