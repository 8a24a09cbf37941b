"""The browser fixtures of tests/browser (live server, Debian's chromium) for the axe check."""
from tests.browser.conftest import browser, live_server  # noqa: F401  (fixtures, used by name)
