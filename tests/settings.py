"""The real settings module, with a throwaway secret so the suite needs no environment."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")

from wijkkompas.settings import *  # noqa: E402,F403
