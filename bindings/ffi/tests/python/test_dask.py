"""Portfolio risk on Dask (issue 9): jindu runs inside an existing distributed engine.

`examples/python/portfolio_risk_dask.py` maps `jindu.risk` over generated client projects on a
`distributed` LocalCluster of worker processes; the reports must be identical to the
single-process run with the same seeds, and depend on each project's own input.
"""

from __future__ import annotations

import sys
from typing import Any, List

from conftest import ROOT
from dask.distributed import Client, LocalCluster

# The example is imported by name here and in the worker processes (which start with this
# process's path), as a host's workers import its own module.
sys.path.insert(0, str(ROOT / "examples" / "python"))
import portfolio_risk_dask as example  # noqa: E402


def test_a_portfolio_on_a_local_cluster_matches_the_single_process_run() -> None:
    projects = example.portfolio(12)
    local: List[Any] = example.run_local(projects, iterations=500)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster:
        with Client(cluster) as client:
            distributed = example.run_dask(projects, client, iterations=500)
            workers = len(client.scheduler_info()["workers"])
    assert workers == 2
    assert distributed == local
    assert [r["project"] for r in distributed] == [p["name"] for p in projects]
    # The projects differ: a longer build (every fifth client is the same size) finishes later
    # on average, and a likelier vendor risk never raises the chance of making the deadline.
    by_stretch = [r["mean_working_days"] for r in local[:5]]
    assert by_stretch == sorted(by_stretch) and by_stretch[0] < by_stretch[-1]
    for r in local:
        assert r["p50"] <= r["p80"]
        assert 0.0 <= r["probability_on_time"] <= 1.0


def test_the_seed_alone_decides_a_report() -> None:
    p = example.portfolio(1)[0]
    assert example.analyse(p, 7, 300) == example.analyse(p, 7, 300)
    assert example.analyse(p, 7, 300)["mean_working_days"] != example.analyse(p, 8, 300)["mean_working_days"]
