import shutil
from pathlib import Path

import pytest

from bot.core.content import DEFAULT_PROMPTS_DIR


@pytest.fixture
def prompts(tmp_path: Path) -> Path:
    """A copy of prompts/ that a test may break."""
    copy = tmp_path / "prompts"
    shutil.copytree(DEFAULT_PROMPTS_DIR, copy)
    return copy
