"""One sitting beside the plain-Wagtail anchor (``../shared/bench/anchor-wagtail``).

The anchor is built and measured by its own scripts, then each of our servers by the same
``measure.sh``, under one run id, so that the ratios ``compare.py`` prints mean something on
a noisy machine. ``ratios`` reads them back for a benchmark's verdict.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.production_server import ROOT

ANCHOR = Path(os.environ.get("ANCHOR_BENCH_DIR", ROOT.parent / "shared/bench/anchor-wagtail"))


class AnchorSitting:
    def __init__(self, results: Path, prefix: str):
        self.results = results
        self.run_id = time.strftime(f"{prefix}-%Y%m%dT%H%M%SZ", time.gmtime())
        self.env = {
            **os.environ,
            "ANCHOR_BENCH_RUN_ID": self.run_id,
            "ANCHOR_BENCH_RESULTS": str(results),
        }

    @staticmethod
    def available() -> bool:
        return (ANCHOR / "measure.sh").exists()

    def measure_anchor(self) -> None:
        """Build the anchor if needed, and measure its article, index and feed."""
        subprocess.run([str(ANCHOR / "setup.sh")], check=True, env=self.env, capture_output=True)
        subprocess.run([str(ANCHOR / "run-anchor.sh")], check=True, env=self.env)

    def measure(self, name: str, url: str, pages: dict[str, str]) -> None:
        """Measure ``pages`` (label → path) of the server at ``url`` as the anchor was."""
        labelled = [f"{label}={path}" for label, path in pages.items()]
        subprocess.run([str(ANCHOR / "measure.sh"), name, url, *labelled], check=True, env=self.env)

    def compare(self) -> None:
        subprocess.run(
            [sys.executable, str(ANCHOR / "compare.py"), "--file", str(self.results),
             "--run-id", self.run_id],
            check=True,
        )  # fmt: skip

    def requests_per_second(self) -> dict[tuple[str, str], float]:
        """(site, label) → wrk's requests per second, in this sitting."""
        found = {}
        for line in self.results.read_text().splitlines():
            record = json.loads(line)
            if record.get("run_id") == self.run_id and record.get("kind") == "http":
                found[record["name"], record.get("label") or record["path"]] = record["wrk_rps"]
        return found
