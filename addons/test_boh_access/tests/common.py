"""A small chain loaded through the real flows, users per role, and the store
every record belongs to.

The expected access of a role to a record follows from the record's stores:
:func:`record_stores` derives them from the record itself (its ``store_id``,
``store_ids``, its locations or operation type, or its parent document), so
that every model, BOH's and Odoo's, is checked the same way.
"""

import logging
from datetime import timedelta

from odoo import fields

from odoo.addons.boh_base.tests.common import make_user
from odoo.addons.boh_supply_statement.services.statement_lines import month_bounds

_logger = logging.getLogger(__name__)

ROLES = ("store_user", "store_manager", "area_manager", "buyer", "executive", "admin")
STORE_ROLES = ("store_user", "store_manager", "area_manager")
# Odoo's documents that BOH scopes by store, beside every boh.* model.
ODOO_DOCUMENTS = (
    "purchase.order",
    "purchase.order.line",
    "stock.picking",
    "stock.move",
    "stock.move.line",
    "stock.quant",
    "stock.scrap",
    "mrp.production",
    # the booked food cost of the stores (boh_store_account)
    "account.analytic.line",
)
# The field that gives the site of an Odoo record, where not ``store_id``.
STORE_FIELDS = {"account.analytic.line": "boh_store_id"}
# How an Odoo document reaches its sites.
LOCATION_FIELDS = ("location_id", "location_dest_id")
# Records sampled per model (the chain is small; this bounds the run).
SAMPLE = 120


def boh_models(env):
    """Every stored BOH model (tables made by the ORM, by the addon itself
    such as the theoretical usage, or SQL views) and the Odoo documents BOH
    scopes."""
    names = [
        name
        for name, model in env.registry.items()
        if name.startswith("boh.") and not model._abstract and not model._transient
    ]
    return sorted(names) + [n for n in ODOO_DOCUMENTS if n in env]


def load_access_chain(cls):
    """Load the chain, split it into two regions, make a user per role."""
    env = cls.env
    if not env.company.chart_template:
        # Vendor bills of the supply demo need a purchase journal.
        env["account.chart.template"].try_loading(
            "generic_coa", env.company, install_demo=False
        )
    today = fields.Date.context_today(env.user)
    result = env["boh.demo.loader"].load_chain(
        seed=7,
        stores=4,
        products=8,
        days=21,
        suppliers=2,
        supply_weeks=2,
        start=today - timedelta(days=21),
    )
    sites = result["sites"]
    stores = (
        env["boh.store"]
        .browse([s.id for s in sites.values() if s.store_type == "store"])
        .sorted("code")
    )
    cls.own_store, cls.sibling_store, cls.far_store = stores[0], stores[1], stores[2:]
    cls.region_own = env["boh.region"].create({"name": "Access North", "code": "AXN"})
    cls.region_far = env["boh.region"].create({"name": "Access South", "code": "AXS"})
    (cls.own_store | cls.sibling_store).write({"region_id": cls.region_own.id})
    cls.far_store.write({"region_id": cls.region_far.id})
    cls.users = {
        role: make_user(
            env,
            f"access_{role}",
            f"boh_base.group_boh_{role}",
            password=f"access_{role}_pw",
        )
        for role in ROLES
    }
    cls.own_store.write(
        {
            "manager_id": cls.users["store_manager"].id,
            "user_ids": [(4, cls.users["store_user"].id)],
        }
    )
    cls.region_own.write({"user_ids": [(4, cls.users["area_manager"].id)]})
    cls.supplier_users = env["res.users"].browse(
        [u.id for u in result.get("supplier_users", {}).values()]
        if isinstance(result.get("supplier_users"), dict)
        else []
    )
    # Forecasts, their accuracy and exceptions: a run over the chain's sales.
    run = env["boh.forecast.run"].create(
        {"date_origin": today, "horizon_days": 7, "store_ids": [(6, 0, stores.ids)]}
    )
    run.with_context(queue_job__no_delay=True).action_start()
    # A manufacturing order at the central kitchen, if the orders made none.
    kitchen = [s for s in sites.values() if s.store_type == "kitchen"]
    bom = env["mrp.bom"].search([], limit=1)
    if not bom:
        dish, ingredient = list(result["products"].values())[:2]
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": dish.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    (0, 0, {"product_id": ingredient.id, "product_qty": 2})
                ],
            }
        )
    if kitchen and not env["mrp.production"].search_count([]):
        env["mrp.production"].create(
            {
                "product_id": bom.product_tmpl_id.product_variant_id.id,
                "bom_id": bom.id,
                "product_qty": 5,
                "picking_type_id": kitchen[0].manu_type_id.id,
            }
        ).action_confirm()
    env.flush_all()
    cls.stores = stores
    cls.central_sites = env["boh.store"].browse(
        [s.id for s in sites.values() if s.store_type != "store"]
    )
    load_food_cost_chain(cls, result, today)
    env.flush_all()
    return result


def load_food_cost_chain(cls, result, today):
    """The food cost documents of every store of the chain: recipes, dish
    sales and their theoretical usage, a computed food cost period, booked
    food cost (analytic lines), ingredient forecast sources; and the
    suppliers' statements (one draft, the others sent)."""
    env = cls.env
    Loader = env["boh.demo.loader"]
    Loader.load_recipe_demo()
    dishes = env["product.product"].search(
        [("default_code", "=like", "BOH-MENU-%"), ("sale_ok", "=", True)],
        order="default_code",
    )
    first = today - timedelta(days=21)
    Loader._demo_food_cost_sales(env, cls.stores, dishes, first)
    env["boh.usage.theoretical"]._recompute(store_ids=cls.stores.ids)
    # A period per store: the chain's count of three weeks ago, then one of
    # yesterday (both posted; lot-tracked goods stay out of a count sheet).
    Count = env["boh.stock.count"]
    periods = env["boh.food.cost.period"]
    for store in cls.stores:
        opening = Count.search(
            [("store_id", "=", store.id), ("state", "=", "done")],
            order="date",
            limit=1,
        )
        closing = Count.create(
            {"store_id": store.id, "date": today - timedelta(days=1)}
        )
        closing.action_load_guide()
        closing.line_ids.filtered(lambda ln: ln.product_id.tracking != "none").unlink()
        for index, line in enumerate(closing.line_ids):
            line.qty_counted = index % 5 + 1
        closing.action_post()
        # waste of the period, by reason
        env["boh.waste"].create(
            {
                "store_id": store.id,
                "product_id": closing.line_ids[:1].product_id.id,
                "quantity": 1.0,
                "reason": "expired",
                "date": today - timedelta(days=5),
            }
        ).action_post()
        periods |= periods.create(
            {
                "store_id": store.id,
                "opening_count_id": opening.id,
                "closing_count_id": closing.id,
            }
        )
    periods._compute_periods()
    cls.periods = periods
    # Booked food cost: an analytic line on each store's account.
    lines = []
    for store in cls.stores | cls.central_sites:
        account = store.analytic_account_id
        if account:
            lines.append(
                {
                    "name": f"Food cost {store.code}",
                    "date": today,
                    "amount": -10.0 - len(lines),
                    account.plan_id._column_name(): account.id,
                }
            )
    cls.analytic_lines = env["account.analytic.line"].create(lines)
    # Where each store's ingredient forecasts come from.
    run = env["boh.forecast.run"].search([], order="id desc", limit=1)
    ingredient = dishes[:1].bom_ids[:1].bom_line_ids[:1].product_id
    for store in cls.stores:
        env["boh.forecast.recipe.choice"]._replace_store(
            run,
            store,
            4,
            [
                {
                    "product_id": ingredient.id,
                    "source": "recipe",
                    "reason": "backtest",
                    "wape_history": 0.3,
                    "wape_recipe": 0.2,
                    "wape_recipe_history": 0.25,
                    "coverage": 0.8,
                    "dish_qty": {str(dishes[0].id): 0.2},
                }
            ],
        )
    # Statements: every supplier of the chain has one for this month (sent),
    # the first also a draft of the month before.
    Statement = env["boh.supplier.statement"]
    Statement._boh_generate(today)
    partners = (
        cls.supplier_users.partner_id
        | env["res.partner"].browse([p.id for p in result["suppliers"].values()])
    ).commercial_partner_id
    month, month_end = month_bounds(today)
    have = Statement.search([("date_from", "=", month)])
    new = Statement.create(
        [
            {"partner_id": partner.id, "date_from": month, "date_to": month_end}
            for partner in partners - have.partner_id
        ]
    )
    # A line, so that it can be sent (the chain may have bought nothing of
    # the supplier yet this month).
    env["boh.supplier.statement.line"]._boh_workflow().create(
        [
            {
                "statement_id": statement.id,
                "line_type": "goods",
                "reference": f"ACCESS/{statement.partner_id.id}",
                "qty_ordered": 2.0,
                "price_unit_po": 3.0,
            }
            for statement in (have | new).filtered(lambda s: not s.line_ids)
        ]
    )
    cls.statements = (have | new).filtered(lambda s: s.state == "draft")
    cls.statements.action_send()
    last_from, last_to = month_bounds(month - timedelta(days=1))
    cls.draft_statement = Statement.create(
        {"partner_id": partners[:1].id, "date_from": last_from, "date_to": last_to}
    )
    env["boh.supplier.statement.line"]._boh_workflow().create(
        {"statement_id": cls.draft_statement.id, "reference": "ACCESS/DRAFT"}
    )


def scope_of(cls, role):
    """The stores whose records a role may read (None: all of them)."""
    if role in ("buyer", "executive", "admin"):
        return None
    if role == "area_manager":
        return cls.own_store | cls.sibling_store
    return cls.own_store


def record_stores(record, depth=0):
    """The sites (boh.store) a record belongs to, or None if it belongs to
    none (configuration, templates, chain-wide records)."""
    env = record.env
    Store = env["boh.store"]
    if record._name == "boh.store":
        return record
    fields = record._fields
    fname = STORE_FIELDS.get(record._name, "store_id")
    if fname in fields and fields[fname].comodel_name == "boh.store":
        return record[fname] or None
    if "store_ids" in fields and fields["store_ids"].comodel_name == "boh.store":
        return record.store_ids or None
    if record._name.startswith(("stock.", "mrp.")):
        stores = Store
        for fname in LOCATION_FIELDS:
            if fname in fields:
                stores |= record[fname].warehouse_id.boh_store_ids
        if "picking_type_id" in fields:
            stores |= record.picking_type_id.warehouse_id.boh_store_ids
        return stores or None
    if record._name == "purchase.order":
        return record.picking_type_id.warehouse_id.boh_store_ids or None
    if depth > 3:
        return None
    # Documents about purchase orders or transfers (shipping notices,
    # proposals): the stores of those.
    stores = Store
    for fname, field in fields.items():
        if (
            field.store
            and field.type in ("many2one", "many2many")
            and field.comodel_name in ("purchase.order", "stock.picking")
        ):
            for doc in record[fname]:
                stores |= record_stores(doc, depth + 1) or Store
    if stores:
        return stores
    # A line or child: the stores of its parent document.
    for fname, field in fields.items():
        if (
            field.type == "many2one"
            and field.required
            and field.ondelete == "cascade"
            and (
                field.comodel_name.startswith("boh.")
                or field.comodel_name in ODOO_DOCUMENTS
            )
            and field.comodel_name != "boh.store"
            and record[fname]
        ):
            return record_stores(record[fname], depth + 1)
    return None
