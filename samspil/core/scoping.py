"""Who sees what: the mechanism that turns a user into the rows they may see and change.

Every view, API endpoint, export and report narrows its queryset through :func:`restrict`
(usually as ``Model.objects.restrict(user, action)``). The rules themselves belong to the apps
that own the models: each app's ``scoping.py`` registers them when the app is ready. This
module holds only the registry and the mechanism, and imports no domain app.

- ``@rule(Model, parent=..., can_create=...)`` registers a function ``(user, action) -> Q`` for a
  signed-in user who is not a superuser. Superusers see everything; anonymous users nothing.
- ``scoped_through(Child, "parent")`` declares in one line that a child record is seen and
  changed through its parent: it is seen by those who see the parent and changed (created,
  deleted) by those who may change the parent, unless the declaration says otherwise.
- ``can_create(user, Model, parent)`` answers "may this user create one under this parent":
  the model's own creation rule if it has one, else "may the user change the parent".
- ``capability(name)`` registers a named predicate about a user ("operator", "practitioner")
  for the few places in ``core`` that need one without knowing the domain.

Rows out of scope are simply absent, so views answer 404 and their existence does not leak.
``docs/scoping.md`` is the table of record of the rules.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

VIEW = "view"
CHANGE = "change"
DELETE = "delete"
# For records whose existence is shared but whose content is not (a contact's notes).
DETAILS = "details"
ACTIONS = (VIEW, CHANGE, DELETE, DETAILS)

Rule = Callable[[object, str], Q]
Creator = Callable[[object, object], bool]
NOTHING = Q(pk__in=[])
EVERYTHING = Q()


@dataclass(frozen=True)
class Entry:
    """What the registry knows about one model."""

    rule: Rule
    # The field naming the record this one is created under (``"project"``), if any.
    parent: str | None = None
    # Who may create one: ``(user, parent) -> bool``; None: "may change the parent".
    creator: Creator | None = None


_REGISTRY: dict[type[Model], Entry] = {}
# Further rules other apps add to a model's own (who else sees a person: the recruitment app's
# candidates widen the participants app's rule without the lower app knowing the higher).
_WIDENINGS: dict[type[Model], list[Rule]] = {}
_CAPABILITIES: dict[str, Callable[[object], bool]] = {}
_OBJECT_RULES: dict[str, Callable[[object, object], bool]] = {}


def rule(model: type[Model], *, parent: str | None = None, can_create: Creator | None = None):
    """Register the scoping rule of ``model``: ``(user, action) -> Q``. ``parent`` names the
    field holding the record a new one is created under; ``can_create(user, parent)`` says
    who may create one (without it: who may change the parent; without a parent: nobody)."""

    def register(func: Rule) -> Rule:
        if model in _REGISTRY:
            raise LookupError(f"{model.__name__} has a scoping rule already")
        _REGISTRY[model] = Entry(rule=func, parent=parent, creator=can_create)
        return func

    return register


def widen(model: type[Model], func: Rule) -> Rule:
    """Add ``func`` as a further way to reach ``model``'s rows (OR-ed with its rule): for an
    app above the model's own that gives some of its users access to it."""
    _WIDENINGS.setdefault(model, []).append(func)
    return func


def scoped_through(
    model: type[Model],
    path: str,
    *,
    view: str = VIEW,
    change: str | None = CHANGE,
    delete: str | None = CHANGE,
    can_create: Creator | None = None,
) -> None:
    """Declare that ``model`` is scoped through the record at ``path`` (a foreign key, or a
    chain of them: ``"line__project"``): it is seen by those who may ``view`` the parent,
    changed by those who may ``change`` it and deleted by those who may ``delete`` it (None:
    by nobody). Creating one needs ``change`` on the parent unless ``can_create`` says
    otherwise."""
    parent_field = path.split("__")[0]
    mapping = {VIEW: view, DETAILS: view, CHANGE: change, DELETE: delete}

    def through_parent(user, action: str) -> Q:
        parent_action = mapping[action]
        if parent_action is None:
            return NOTHING
        parent_model = _related_model(model, path)
        allowed = restrict(parent_model._default_manager.all(), user, parent_action)
        return Q(**{f"{path}__in": allowed.values("pk")})

    def create(user, parent) -> bool:
        if change is None:
            return False
        if parent is None:  # under some parent
            parent_model = _related_model(model, parent_field)
            return restrict(parent_model._default_manager.all(), user, change).exists()
        return can(user, change, parent)

    rule(model, parent=parent_field, can_create=can_create or create)(through_parent)


def _related_model(model: type[Model], path: str) -> type[Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def capability(name: str):
    """Register a named predicate about a user (``"operator"``, ``"practitioner"``)."""

    def register(func: Callable[[object], bool]) -> Callable[[object], bool]:
        _CAPABILITIES[name] = func
        return func

    return register


def has_capability(user, name: str) -> bool:
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return bool(_CAPABILITIES[name](user))


def object_rule(name: str):
    """Register a named question about a user and one record (``"project-team"``), asked by the
    pages' ``{% may %}`` tag with the very function the view or service asks before it acts."""

    def register(func: Callable[[object, object], bool]) -> Callable[[object, object], bool]:
        _OBJECT_RULES[name] = func
        return func

    return register


def may(user, name: str, obj=None) -> bool:
    if not _signed_in(user):
        return False
    return bool(_OBJECT_RULES[name](user, obj))


def is_operator(user) -> bool:
    """An operator (of any project or organisation); answered by the organisations app."""
    return has_capability(user, "operator")


def is_practitioner(user) -> bool:
    """Someone who works with companies; answered by the organisations app."""
    return has_capability(user, "practitioner")


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def entry(model: type[Model]) -> Entry:
    try:
        return _REGISTRY[model]
    except KeyError:
        raise LookupError(f"No scoping rule for {model.__name__}") from None


def is_registered(model: type[Model]) -> bool:
    return model in _REGISTRY


def restrict(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    model_entry = entry(queryset.model)
    if not _signed_in(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    condition = model_entry.rule(user, action)
    for further in _WIDENINGS.get(queryset.model, ()):
        condition |= further(user, action)
    return queryset.filter(condition)


def parent_field(model: type[Model]) -> str | None:
    """The field naming the record a new ``model`` is created under, if it has one."""
    return entry(model).parent


def can_create(user, model: type[Model], parent: Model | None = None) -> bool:
    """Whether ``user`` may create a ``model`` under ``parent``. For a model created under a
    parent, ``parent=None`` asks whether there is any parent they may create one under (for
    showing a button, and the API's first check before the parent is read)."""
    model_entry = entry(model)
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    if model_entry.creator is None:
        return False
    return bool(model_entry.creator(user, parent))


def can(user, action: str, obj: Model) -> bool:
    """Whether ``user`` may do ``action`` to this one object (one query)."""
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


# Rules that depend on nothing but the user ----------------------------------------------


def everyone_reads(user, action: str) -> Q:
    """Reference data: every signed-in user reads it; only superusers change it."""
    return EVERYTHING if action == VIEW else NOTHING


def register_core_rules() -> None:
    """The rules of ``core``'s own models (called from ``CoreConfig.ready``)."""
    from samspil.core import models
    from samspil.core.models import ImportJob, Municipality, Region

    rule(Region)(everyone_reads)
    rule(Municipality)(everyone_reads)

    def machinery(user, action: str) -> Q:
        return NOTHING  # the machinery's own bookkeeping, never shown or changed by hand

    for name in ("ImportLock", "ScheduledRun"):
        if hasattr(models, name):
            rule(getattr(models, name))(machinery)

    @rule(ImportJob)
    def import_jobs(user, action: str) -> Q:
        # The user who started it reads its progress; the task worker writes it.
        return Q(user=user) if action == VIEW else NOTHING
