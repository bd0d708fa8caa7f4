"""The browser tests' own harness: a Chromium that went away is started again."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_a_browser_that_went_away_is_started_again(_chromium: Any) -> None:
    """Once a crashed Chromium failed all 36 browser tests after it in CI; now the next test gets
    a new one."""
    first = _chromium.connected()
    first.close()  # as a crash leaves it: disconnected
    assert not first.is_connected()
    again = _chromium.connected()
    assert again is not first and again.is_connected()
    page = again.new_page()
    assert page.evaluate("() => 6 * 7") == 42
    page.close()
