"""Nothing writes a status except the function meant to (ADR 0120). Reads the source: every
assignment to `.status`, every `status=` given to a create, update or model constructor, and every
`save(update_fields=[..."status"...])`, anywhere in the plans app and in any module that imports
the plans' models, must be one of the writers below."""

import ast
from pathlib import Path

import opensend

SRC = Path(opensend.__file__).parent
PLANS = SRC / "plans"

# (module under src/opensend, function): what it writes.
WRITERS = {
    ("plans/services/transitions.py", "plan_transition"): "Plan.status, after workflow.PLAN_MOVES",
    ("plans/services/transitions.py", "plan_create"): "Plan.status at birth, one of workflow.ENTRY",
    ("plans/services/reviews.py", "review_move"): "Review.status, after workflow.REVIEW_TRANSITIONS",
    (
        "plans/services/council_transfers.py",
        "transfer_move",
    ): "PlanTransfer.status, after TRANSFER_TRANSITIONS",
    ("plans/services/drafting.py", "section_save"): "PlanSection.status (not started, in progress, done)",
    ("plans/tasks.py", "render_version_pdf"): "Rendering.status (the PDF job)",
}
WRITING_CALLS = {"create", "update", "get_or_create", "update_or_create", "Plan", "Review", "PlanTransfer"}


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.stack: list[str] = []
        self.found: list[tuple[str, int]] = []

    def _here(self, node: ast.AST) -> None:
        self.found.append((self.stack[-1] if self.stack else "<module>", getattr(node, "lineno", 0)))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.stack.append(node.name)
        self.generic_visit(node)
        self.stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            for t in ast.walk(target):
                if isinstance(t, ast.Attribute) and t.attr == "status" and isinstance(t.ctx, ast.Store):
                    self._here(node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in WRITING_CALLS and any(k.arg == "status" for k in node.keywords):
            self._here(node)
        if name == "save":
            for k in node.keywords:
                if k.arg == "update_fields" and "status" in ast.unparse(k.value):
                    self._here(node)
        self.generic_visit(node)


def _writers(path: Path) -> set[tuple[str, str]]:
    finder = _Finder()
    finder.visit(ast.parse(path.read_text(), filename=str(path)))
    return {(str(path.relative_to(SRC)), function) for function, _ in finder.found}


def _modules() -> list[Path]:
    mine = [p for p in PLANS.rglob("*.py") if "migrations" not in p.parts]
    others = [
        p
        for p in SRC.rglob("*.py")
        if PLANS not in p.parents and "migrations" not in p.parts and "opensend.plans.models" in p.read_text()
    ]
    return mine + others


def test_only_the_named_functions_write_a_status():
    found: set[tuple[str, str]] = set()
    for path in _modules():
        found |= _writers(path)
    assert found == set(WRITERS), (
        f"unexpected: {sorted(found - set(WRITERS))}, gone: {sorted(set(WRITERS) - found)}"
    )


def test_the_finder_sees_each_way_of_writing_a_status(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def a(plan):\n    plan.status = 'x'\n"
        "def b():\n    Plan.objects.filter(pk=1).update(status='x')\n"
        "def c(plan):\n    plan.save(update_fields=['status'])\n"
        "def d():\n    Plan.objects.create(status='x')\n"
        "def e(plan):\n    plan.status, plan.cease_date = 'x', None\n"
        "def f():\n    Plan.objects.filter(status='x')\n"
    )
    finder = _Finder()
    finder.visit(ast.parse(sample.read_text()))
    assert {name for name, _ in finder.found} == {"a", "b", "c", "d", "e"}
