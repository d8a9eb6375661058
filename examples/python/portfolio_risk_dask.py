"""Portfolio schedule risk on Dask: thousands of client projects, one jindu call each.

jindu stays a library: the distributed engine (here Dask's ``distributed``) ships documents to
its workers, each worker runs ``jindu.risk`` on its share, and the results come back as plain
dicts. A project's report depends only on its document and its seed, so the run on a cluster is
identical to the run in one process (``bindings/ffi/tests/python/test_dask.py`` checks it).

Run it (with the wheel and ``dask[distributed]`` installed)::

    python examples/python/portfolio_risk_dask.py            # 200 projects, a local cluster
    python examples/python/portfolio_risk_dask.py 2000 tcp://scheduler:8786

A real host would read its projects from its own store; here they are generated from
``examples/risk.json`` with each client's own scale and risk probability.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from typing import Any, Dict, List, Optional, Sequence

import jindu

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "..", "risk.json")


def portfolio(n: int) -> List[Dict[str, Any]]:
    """``n`` client projects: the go-live template with durations and the vendor risk varied."""
    with open(TEMPLATE, encoding="utf-8") as f:
        template = json.load(f)
    projects = []
    for i in range(n):
        p = copy.deepcopy(template)
        p["name"] = f"Client {i + 1:04d} go-live"
        stretch = 1 + (i % 5)  # working days added to the build for bigger clients
        for t in p["tasks"]:
            if t["id"] == "build":
                t["duration"] = f"{10 + stretch}d"
                t["estimate"] = {
                    "optimistic": f"{8 + stretch}d",
                    "likely": f"{10 + stretch}d",
                    "pessimistic": f"{18 + 2 * stretch}d",
                    "distribution": "pert",
                }
        p["risks"][0]["probability"] = round(0.1 + 0.05 * (i % 9), 2)
        projects.append(p)
    return projects


def analyse(project: Dict[str, Any], seed: int, iterations: int = 2000) -> Dict[str, Any]:
    """One project's risk summary: what a portfolio view shows per client."""
    report = jindu.risk(project, iterations=iterations, seed=seed, threads=1)
    deadline = next((d for d in report["deadlines"]), None)
    return {
        "project": project["name"],
        "seed": seed,
        "p50": report["finish"]["p50"],
        "p80": report["finish"]["p80"],
        "mean_working_days": report["finish"]["mean_working_days"],
        "probability_on_time": deadline["probability_on_time"] if deadline else None,
        "top_driver": report["tornado"][0]["id"] if report["tornado"] else None,
    }


def seeds(n: int, base: int = 2026) -> List[int]:
    """One fixed seed per project, so any run, anywhere, reproduces the same reports."""
    return [base + i for i in range(n)]


def run_local(projects: Sequence[Dict[str, Any]], iterations: int = 2000) -> List[Dict[str, Any]]:
    """The single-process reference run."""
    return [analyse(p, s, iterations) for p, s in zip(projects, seeds(len(projects)))]


def run_dask(
    projects: Sequence[Dict[str, Any]], client: Any, iterations: int = 2000
) -> List[Dict[str, Any]]:
    """The same analyses as tasks on a Dask cluster, results in the projects' order."""
    futures = client.map(
        analyse, list(projects), seeds(len(projects)), [iterations] * len(projects), pure=False
    )
    return client.gather(futures)


def main(argv: List[str]) -> None:
    from dask.distributed import Client, LocalCluster

    n = int(argv[1]) if len(argv) > 1 else 200
    address: Optional[str] = argv[2] if len(argv) > 2 else None
    projects = portfolio(n)
    if address:
        client = Client(address)
    else:
        client = Client(LocalCluster(n_workers=os.cpu_count() or 2, threads_per_worker=1))
    with client:
        results = run_dask(projects, client)
        workers = len(client.scheduler_info()["workers"])
    at_risk = sorted(
        (r for r in results if r["probability_on_time"] is not None),
        key=lambda r: r["probability_on_time"],
    )
    print(f"{n} projects analysed on {workers} workers")
    print("least likely to make their go-live deadline:")
    for r in at_risk[:5]:
        print(
            f"  {r['project']}: {r['probability_on_time']:.0%} on time, "
            f"P80 {r['p80']}, top driver {r['top_driver']}"
        )


if __name__ == "__main__":
    main(sys.argv)
