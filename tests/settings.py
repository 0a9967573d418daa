"""The real settings module, with a throwaway secret so the suite needs no environment."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")
# The worker runs its tasks in the calling process, with an in-memory queue (settings.HUEY).
os.environ.setdefault("HUEY_IMMEDIATE", "1")

from wijkkompas.settings import *  # noqa: E402,F403
