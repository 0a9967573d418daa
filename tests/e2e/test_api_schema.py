"""The live API keeps to its OpenAPI schema: schemathesis over every operation, every check on.

It runs against the production server on the bundled data, with a bounded number of examples per
operation (a few minutes in all): no server error, every status code documented, every response
conforming to its schema, invalid input refused and valid input accepted, 405 for other methods.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.server import REPO, serve

pytestmark = pytest.mark.e2e
EXAMPLES_PER_OPERATION = 30
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture(scope="module")
def api_server(production_env, tmp_path_factory):
    """A second server on the prepared database, with a rate limit schemathesis does not reach
    (429 is documented, but every refused request would be one example less)."""
    env = {**production_env, "API_RATE_LIMIT": "100000/m"}
    with serve(env=env, log_path=tmp_path_factory.mktemp("schema") / "server.log") as server:
        yield server


def test_the_api_keeps_to_its_schema(api_server, tmp_path):
    # One worker: in threads, Python 3.11's ast module can fail while hypothesis describes a strategy
    # ("SystemError: AST constructor recursion depth mismatch"), an error of the tool, not of the API.
    command = [
        str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", f"{api_server.base_url}/api/openapi.json",
        "--checks", "all", "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", "20261201",
        "--workers", "1", "--request-timeout", "30", "--no-color", "--report-dir", str(tmp_path),
    ]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{output[-12000:]}\nServer log:\n{api_server.log_tail()}"
    assert "No issues found" in output or " passed" in output, output[-4000:]
