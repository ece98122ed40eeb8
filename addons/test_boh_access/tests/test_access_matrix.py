import logging
from collections import Counter

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import (
    ROLES,
    SAMPLE,
    STORE_ROLES,
    boh_models,
    load_access_chain,
    record_stores,
    scope_of,
)

_logger = logging.getLogger(__name__)
REFUSED = (AccessError, UserError, ValidationError)
# Records a store role reads although they belong to no store of theirs, by
# model, with the reason (the central sites that supply every store).
SHARED_READ = {
    "boh.store": lambda rec: rec.store_type != "store",
}
# The food cost addons: every model they make, or give rights or rules on,
# has its row in RIGHTS (test_food_cost_models_are_in_the_matrix).
FOOD_COST_ADDONS = (
    "boh_recipe",
    "boh_food_cost",
    "boh_store_account",
    "boh_supply_statement",
    "boh_recipe_forecast",
)
# Access rights (c)reate (r)ead (w)rite (u)nlink of each role, "-" none; the
# record rules then narrow them to the role's stores (test_reads) or, for a
# supplier (portal), to its own statements once sent.
_READ = dict.fromkeys((*ROLES, "portal"), "r") | {"portal": "-"}
_RECIPE = _READ | {"buyer": "crwu", "admin": "crwu"}
_STATEMENT = dict.fromkeys(STORE_ROLES, "-") | {"executive": "r", "portal": "r"}
RIGHTS = {
    # computed by the period's buttons, read by every role
    "boh.food.cost.period": _READ
    | {"store_manager": "crwu", "area_manager": "crwu", "admin": "crwu"},
    "boh.food.cost.line": _READ,
    "boh.food.cost.waste": _READ,
    "boh.menu.engineering": _READ,
    "boh.usage.theoretical": _READ,
    # recipes: buyers and BOH administrators edit them
    "mrp.bom": _RECIPE,
    "mrp.bom.line": _RECIPE,
    "mrp.bom.byproduct": _RECIPE,
    # read only for buyers, as Odoo's purchase users: they set the target
    # food cost and menu owner of a dish through boh.recipe.target.wizard
    "product.product": _READ | {"admin": "crwu"},
    "product.template": _READ | {"admin": "crwu"},
    "boh.recipe.target.wizard": dict.fromkeys((*ROLES, "portal"), "-")
    | {"buyer": "crwu", "admin": "crwu"},
    # booked food cost: store managers and up, no store staff
    "account.analytic.line": _READ | {"store_user": "-", "admin": "crwu"},
    "boh.supplier.statement": _STATEMENT | {"buyer": "crwu", "admin": "crwu"},
    # lines are written by the statement's buttons and the portal only
    "boh.supplier.statement.line": _STATEMENT | {"buyer": "r", "admin": "r"},
    "boh.forecast.recipe.choice": _READ | {"admin": "ru"},
    # the wizard that makes a month's statements
    "boh.supplier.statement.generate": dict.fromkeys((*ROLES, "portal"), "-")
    | {"buyer": "crwu", "admin": "crwu"},
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    """Role x model x operation over every BOH model and Odoo's documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_access_chain(cls)
        cls.models = boh_models(cls.env)
        cls.samples = {}
        for name in cls.models:
            records = cls.env[name].sudo().search([], limit=SAMPLE, order="id desc")
            cls.samples[name] = [(rec, record_stores(rec)) for rec in records]
        cls.counts = Counter()

    @classmethod
    def tearDownClass(cls):
        _logger.info(
            "access matrix: %s models, checks %s",
            len(cls.models),
            dict(sorted(cls.counts.items())),
        )
        super().tearDownClass()

    def _in_scope(self, role, stores):
        scope = scope_of(self, role)
        return scope is None or bool(stores and stores & scope)

    def test_every_model_has_records_to_check(self):
        # The matrix is only as good as the records it sees: the chain must
        # produce documents of every kind that stores own.
        empty = [name for name in self.models if not self.samples[name]]
        owned = [
            name
            for name in self.models
            if any(stores for _rec, stores in self.samples[name])
        ]
        self.assertGreaterEqual(len(owned), 25, f"owned {owned}, empty {empty}")
        for name in (
            "boh.store.order",
            "boh.store.order.line",
            "boh.waste",
            "boh.stock.count",
            "boh.claim",
            "boh.inspection",
            "boh.inspection.answer",
            "boh.asn",
            "purchase.order",
            "stock.picking",
            "mrp.production",
            "boh.food.cost.period",
            "boh.food.cost.line",
            "boh.food.cost.waste",
            "boh.menu.engineering",
            "boh.usage.theoretical",
            "boh.forecast.recipe.choice",
            "account.analytic.line",
        ):
            self.assertIn(
                name, owned, f"no store-owned record of {name}; empty: {empty}"
            )

    def test_food_cost_models_are_in_the_matrix(self):
        """Every model the food cost addons make, or declare rights or rules
        on, has its row in RIGHTS."""
        declared = {
            name
            for name, model in self.env.registry.items()
            if model._original_module in FOOD_COST_ADDONS
            and not model._abstract
            and not model._transient
        }
        for data in self.env["ir.model.data"].search(
            [
                ("module", "in", FOOD_COST_ADDONS),
                ("model", "in", ("ir.model.access", "ir.rule")),
            ]
        ):
            declared.add(self.env[data.model].browse(data.res_id).model_id.model)
        self.assertIn("boh.usage.theoretical", declared)
        self.assertFalse(declared - set(RIGHTS), "models missing from RIGHTS")
        # and every BOH one that stores records is checked by the record
        # tests of this class
        stored = {
            name
            for name in declared
            if name.startswith("boh.") and not self.env[name]._transient
        }
        self.assertFalse(stored - set(self.models))

    def test_rights_of_food_cost_models(self):
        """Each role's access rights on the food cost models are RIGHTS."""
        users = dict(self.users, portal=self.supplier_users[:1])
        self.assertTrue(users["portal"], "the chain has no supplier user")
        for name, expected in RIGHTS.items():
            for role, user in users.items():
                Model = self.env[name].with_user(user)
                rights = "".join(
                    letter
                    for letter, operation in zip(
                        "crwu", ("create", "read", "write", "unlink"), strict=True
                    )
                    if Model.has_access(operation)
                )
                with self.subTest(model=name, role=role):
                    self.assertEqual(rights or "-", expected[role])
                self.counts[f"rights: {role}"] += 1

    def test_reads(self):
        """Each role reads exactly the records of its stores (store roles),
        or all of them (buyer, executive, administrator)."""
        for role in ROLES:
            user = self.users[role]
            for name in self.models:
                Model = self.env[name].with_user(user)
                if not Model.has_access("read"):
                    self.counts["read: no access right"] += 1
                    continue
                records = self.samples[name]
                if not records:
                    continue
                ids = [rec.id for rec, _stores in records]
                visible = set(Model.search([("id", "in", ids)]).ids)
                for rec, stores in records:
                    if stores is None:
                        continue  # chain-wide: templates, configuration
                    shared = SHARED_READ.get(name, lambda r: False)(rec)
                    expected = self._in_scope(role, stores) or shared
                    with self.subTest(role=role, model=name, record=rec.id):
                        if role in STORE_ROLES and not expected:
                            self.assertNotIn(rec.id, visible, "leaks another store")
                        if expected and role not in STORE_ROLES:
                            self.assertIn(rec.id, visible, "hides a record")
                        self.counts[f"read: {role}"] += 1

    def test_no_writes_outside_scope(self):
        """Store roles write and delete nothing of other stores; the
        executive writes and deletes nothing at all."""
        for role in (*STORE_ROLES, "executive"):
            user = self.users[role]
            for name in self.models:
                for rec, stores in self.samples[name][:20]:
                    if stores is None and role != "executive":
                        continue
                    if role != "executive" and self._in_scope(role, stores):
                        continue
                    for operation in ("write", "unlink"):
                        with self.subTest(role=role, model=name, op=operation):
                            with self.assertRaises(AccessError):
                                rec.with_user(user).check_access(operation)
                            self.counts[f"{operation}: {role} refused"] += 1

    def test_executive_has_no_write_right(self):
        executive = self.users["executive"]
        for name in self.models:
            Model = self.env[name].with_user(executive)
            for operation in ("write", "create", "unlink"):
                with self.subTest(model=name, op=operation):
                    if name.startswith("boh.") or name in (
                        "purchase.order",
                        "stock.picking",
                    ):
                        self.assertFalse(Model.has_access(operation))
                    self.counts[f"{operation} right: executive"] += 1

    @mute_logger("odoo.models", "odoo.sql_db", "odoo.addons.base.models.ir_rule")
    def test_no_creates_in_other_stores(self):
        """A record copied from one's own store and moved to another store
        cannot be created (the store rules apply to new records too)."""
        for role in STORE_ROLES:
            user = self.users[role]
            scope = scope_of(self, role)
            other = (self.stores - scope)[:1]
            for name in self.models:
                Model = self.env[name].with_user(user)
                if "store_id" not in Model._fields or not Model.has_access("create"):
                    continue
                own = [
                    rec
                    for rec, stores in self.samples[name]
                    if stores and stores & scope
                ]
                if not own:
                    continue
                vals = self._creatable_vals(Model, own[0])
                try:
                    with self.env.cr.savepoint():
                        Model.create(dict(vals, store_id=own[0].store_id.id))
                except Exception:  # noqa: BLE001 - only what works at home is tried
                    self.counts[f"create: {role} not even in own store"] += 1
                    continue
                with self.subTest(role=role, model=name):
                    try:
                        with self.env.cr.savepoint():
                            created = Model.create(dict(vals, store_id=other.id))
                            # a store taken from the parent document ignores
                            # the value given: the record stays at home
                            moved = created.sudo().store_id == other
                    except REFUSED:
                        moved = False
                    if moved:
                        self.fail(f"{role} created a {name} in store {other.code}")
                    self.counts[f"create: {role} refused"] += 1

    def _creatable_vals(self, Model, record):
        """What a user could send to create a record like ``record``: its
        copyable values without the workflow's fields and lines."""
        vals = record.sudo().copy_data()[0]
        guarded = getattr(Model, "_boh_workflow_fields", frozenset())
        return {
            key: value
            for key, value in vals.items()
            if key not in guarded
            and Model._fields[key].type not in ("one2many",)
            and not Model._fields[key].readonly
        }
