"""The import contract (docs/architecture.md, ADR 0132): who may import whom.

The contracts are import-linter's, written in pyproject.toml (`[tool.importlinter]`), so that
`PYTHONPATH=src lint-imports` checks the same thing from the command line. Here they run against
the real import graph, and against the same graph with a forbidden import added, to show that each
rule can fail.
"""

import copy
import pathlib
import re
from typing import Any

import grimp
import pytest
from importlinter.api import read_configuration
from importlinter.application import output
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract
from importlinter.domain.contract import Contract

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
APPS = ROOT / "src" / "opensend"
CONTRACT_TYPES: dict[str, type[Contract]] = {"layers": LayersContract, "forbidden": ForbiddenContract}
LAYERS = "Layers: entry points, then the domain, the rule book, accounts and access, and core"
TASKS = "Tasks sit below services: a task never calls the service that queues it"


def _contracts() -> list[Contract]:
    config: dict[str, Any] = read_configuration(str(PYPROJECT))
    contracts = []
    for options in config["contracts_options"]:
        contract_type = CONTRACT_TYPES[options["type"]]
        contracts.append(
            contract_type(
                name=options["name"], session_options=config["session_options"], contract_options=options
            )
        )
    return contracts


def broken_contracts(graph: grimp.ImportGraph) -> dict[str, str]:
    """The name of each broken contract, with import-linter's account of the imports that break it."""
    broken = {}
    for contract in _contracts():
        check = contract.check(copy.deepcopy(graph), verbose=False)
        if not check.kept:
            with output.console.capture() as report:
                contract.render_broken_contract(check)
            broken[contract.name] = report.get()
    return broken


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("opensend", cache_dir=None)


def test_every_contract_is_kept(graph):
    broken = broken_contracts(graph)
    assert not broken, "\n\n".join(f"{name} is broken:\n{report}" for name, report in broken.items())


@pytest.mark.parametrize(
    ("importer", "imported", "breaks"),
    [
        ("opensend.core.clock", "opensend.casework.models", LAYERS),
        ("opensend.core.forms", "opensend.portal.navigation", LAYERS),
        ("opensend.rulebook.selectors", "opensend.children.models", LAYERS),
        ("opensend.rulebook.engine", "opensend.plans.models", LAYERS),
        ("opensend.access.policy", "opensend.casework.policies", LAYERS),
        ("opensend.plans.api", "opensend.api.errors", LAYERS),
        ("opensend.casework.views", "opensend.portal.navigation", LAYERS),
        ("opensend.support.services", "opensend.synthetic.demo", LAYERS),
        ("opensend.notify.tasks", "opensend.notify.services", TASKS),
        ("opensend.plans.tasks", "opensend.plans.services.issuing", TASKS),
        # Allowed: the domain uses the rule book, an entry point uses the domain.
        ("opensend.casework.views", "opensend.rulebook.engine", None),
        ("opensend.synthetic.demo.area", "opensend.plans.services", None),
    ],
)
def test_a_forbidden_import_breaks_the_contract(graph, importer, imported, breaks):
    changed = copy.deepcopy(graph)
    changed.add_import(importer=importer, imported=imported, line_number=1, line_contents="import it")
    broken = broken_contracts(changed)
    if breaks is None:
        assert broken == {}
    else:
        assert list(broken) == [breaks]
        assert f"{importer} -> {imported}" in broken[breaks]


def test_every_app_is_placed_in_a_layer():
    """A new app must say where it sits, or the contract would not cover it."""
    [layers] = [c for c in _contracts() if c.name == LAYERS]
    named = set(re.findall(r"opensend\.(\w+)", " ".join(layers.contract_options["layers"])))
    apps = {path.parent.name for path in APPS.glob("*/__init__.py")}
    assert apps - named == set(), "add these apps to a layer in pyproject.toml [tool.importlinter]"
    assert named - apps == set()
