import pytest

from tests.helpers import make_user


@pytest.fixture
def admin(app, auth):
    """Logged in as an admin (the brand settings are theirs)."""
    make_user(app, "admin@example.com", role="admin")
    auth.login("admin@example.com")
