"""The scoping registry: every concrete model of a samspil app has a rule or is declared as
scoped through its parent, and ``core`` knows no domain app."""

import datetime
import pathlib
import re

import pytest
from django.apps import apps
from django.db.models import Q

from samspil.core import scoping

CORE = pathlib.Path(scoping.__file__).parent
DOMAIN_APPS = (
    "organisations",
    "partnerships",
    "programmes",
    "companies",
    "participants",
    "plans",
    "discovery",
    "recruitment",
    "catalogue",
)


def samspil_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("samspil.") and not model._meta.abstract
    ]


def test_every_samspil_model_has_a_rule_or_a_parent():
    missing = [model._meta.label for model in samspil_models() if not scoping.is_registered(model)]
    assert missing == [], f"models without a scoping rule or parent declaration: {missing}"


def test_the_test_fails_for_a_model_without_a_rule(monkeypatch):
    from samspil.programmes.models import Target

    monkeypatch.delitem(scoping._REGISTRY, Target)
    assert not scoping.is_registered(Target)
    with pytest.raises(LookupError):
        scoping.restrict(Target.objects.all(), None)


def test_core_imports_no_domain_app():
    pattern = re.compile(r"(from|import)\s+samspil\.(" + "|".join(DOMAIN_APPS) + r")\b")
    offenders = []
    for path in CORE.rglob("*.py"):
        relative = path.relative_to(CORE)
        if relative.parts[0] in ("tests", "management", "scale", "migrations"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_each_apps_rules_live_in_its_own_scoping_module():
    for model in samspil_models():
        rule = scoping.entry(model).rule
        owner = model._meta.app_config.name
        # Rules declared through a parent, and the mechanism's ready-made rules (reference
        # data every user reads), come from core; every other rule from the model's own app.
        assert rule.__module__ in (f"{owner}.scoping", "samspil.core.scoping"), (
            model._meta.label,
            rule.__module__,
        )


def test_a_rule_is_registered_once():
    from samspil.programmes.models import Target

    with pytest.raises(LookupError):
        scoping.rule(Target)(lambda user, action: Q())


@pytest.mark.django_db
def test_a_child_is_scoped_through_its_parent(world):
    from samspil.programmes.models import BudgetLine, Target

    target = Target.objects.create(
        project=world.project_a, indicator="companies", value=5, due_on=datetime.date(2030, 1, 1)
    )
    line = BudgetLine.objects.create(project=world.project_a, name="Løn")

    def visible(model, user, action=scoping.VIEW):
        return list(scoping.restrict(model.objects.all(), user, action))

    # Targets: the whole team reads, the operators change.
    assert visible(Target, world.member) == [target]
    assert visible(Target, world.operator) == [target]
    assert visible(Target, world.other_member) == []
    assert visible(Target, world.member, scoping.CHANGE) == []
    assert visible(Target, world.operator, scoping.CHANGE) == [target]
    # Budgets: the operators only.
    assert visible(BudgetLine, world.member) == []
    assert visible(BudgetLine, world.operator) == [line]
    # Creation is answered by the registry: may the user change the parent.
    assert scoping.can_create(world.operator, Target, world.project_a)
    assert not scoping.can_create(world.member, Target, world.project_a)
    assert not scoping.can_create(world.operator, Target, world.project_b)
    assert scoping.can_create(world.superuser, Target, world.project_b)
    assert not scoping.can_create(world.outsider, Target, None)
    assert scoping.can_create(world.operator, Target, None)
