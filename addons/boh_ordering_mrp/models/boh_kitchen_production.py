from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import float_is_zero, float_round

from odoo.addons.boh_ordering.models.planning_fields import planned_qty

PLANNER_GROUPS = (
    "boh_base.group_boh_buyer",
    "boh_base.group_boh_area_manager",
    "boh_base.group_boh_admin",
)
# Deepest sub-bill of materials followed (a loop in the BoMs stops there).
MAX_LEVEL = 10


class BohKitchenProduction(models.TransientModel):
    """Production list of the central kitchens, per day.

    Built for the user who opens it: what each kitchen has to produce (open
    manufacturing orders of the kitchen, and the lines of approved store
    orders sourced from it that have no manufacturing order yet, on their
    delivery date) and the components needed, exploded through the
    sub-bills of materials in the units of the products.  For components,
    the shortfall is cumulative over the days: needs through the day minus
    the kitchen's free quantity (on hand - reserved, what the listed
    manufacturing orders reserved counted back in).
    """

    _name = "boh.kitchen.production"
    _description = "BOH Kitchen Production List"
    _order = "date, kitchen_id, line_type desc, level, product_id"

    date = fields.Date(readonly=True)
    kitchen_id = fields.Many2one("boh.store", string="Kitchen", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    line_type = fields.Selection(
        [("produce", "To Produce"), ("component", "Component")],
        string="Type",
        readonly=True,
    )
    level = fields.Integer(
        readonly=True, help="0: ordered by the stores; 1 and more: sub-recipes."
    )
    product_id = fields.Many2one("product.product", readonly=True)
    product_uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    qty = planned_qty("Quantity", "sum")
    qty_available = planned_qty(
        "Free at Kitchen", help="On hand minus reserved at the kitchen."
    )
    qty_shortfall = planned_qty(
        "Shortfall",
        help="Components needed through the day minus the free quantity,"
        " when positive.",
    )

    @api.model
    def action_open(self):
        """Build the list of the kitchens the user may read, from today."""
        if not any(self.env.user.has_group(g) for g in PLANNER_GROUPS):
            raise AccessError(
                _(
                    "Only buyers, area managers and BOH administrators can open the"
                    " production list of the central kitchens."
                )
            )
        kitchens = self.env["boh.store"].search([("store_type", "=", "kitchen")])
        records = self._generate(kitchens, fields.Date.context_today(self))
        return {
            "type": "ir.actions.act_window",
            "name": _("Kitchen Production List"),
            "res_model": self._name,
            "view_mode": "list,pivot",
            "views": [(False, "list"), (False, "pivot")],
            "domain": [("id", "in", records.ids)],
            "context": {"search_default_group_date": 1},
        }

    @api.model
    def _generate(self, kitchens, date_from):
        """Replace the user's rows by those of ``kitchens`` from ``date_from``."""
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        vals_list = []
        for kitchen in kitchens:
            vals_list += self._prepare_kitchen_rows(kitchen, date_from)
        return self.create(vals_list)

    # -- demand ---------------------------------------------------------------
    @api.model
    def _get_kitchen_demand(self, kitchen, date_from):
        """``({(date, product): qty in the product's unit}, productions)``.

        sudo: the list is a planning figure of the kitchen; buyers and area
        managers may not read manufacturing orders or every store's order,
        and only quantities, dates and products are taken.
        """
        warehouse = kitchen.warehouse_id.sudo()
        demand = defaultdict(float)
        productions = (
            self.env["mrp.production"]
            .sudo()
            .search(
                [
                    ("picking_type_id.warehouse_id", "=", warehouse.id),
                    ("state", "in", ("confirmed", "progress", "to_close")),
                    ("date_start", ">=", fields.Datetime.to_datetime(date_from)),
                ]
            )
        )
        for production in productions:
            key = (production.date_start.date(), production.product_id)
            demand[key] += production.product_uom_id._compute_quantity(
                production.product_qty - production.qty_producing,
                production.product_id.uom_id,
                round=False,
            )
        orders = (
            self.env["boh.store.order"]
            .sudo()
            .search(
                [
                    ("source_type", "=", "central_kitchen"),
                    ("source_store_id", "=", kitchen.id),
                    ("state", "in", ("approved", "fulfilling")),
                    ("delivery_date", ">=", date_from),
                ]
            )
        )
        # Lines already turned into a manufacturing order are counted by it.
        made = {
            (order.id, production.product_id.id)
            for order in orders
            for production in order.production_ids
            if production.state != "cancel"
        }
        boms = self._find_boms(orders.line_ids.product_id, warehouse)
        for order in orders:
            for line in order.line_ids:
                product = line.product_id
                if not boms.get(product) or ((order.id, product.id) in made):
                    continue
                demand[(order.delivery_date, product)] += (
                    line.product_uom_id._compute_quantity(
                        line.qty_ordered, product.uom_id, round=False
                    )
                )
        return demand, productions

    @api.model
    def _find_boms(self, products, warehouse):
        return (
            self.env["mrp.bom"]
            .sudo()
            ._bom_find(
                products,
                picking_type=warehouse.manu_type_id,
                company_id=warehouse.company_id.id,
            )
        )

    @api.model
    def _explode(self, product, qty, warehouse, level, rows, key_date):
        """Add ``product``'s components for ``qty`` (product's unit) to rows,
        through its sub-bills of materials."""
        bom = self._find_boms(product, warehouse).get(product)
        if not bom or level >= MAX_LEVEL:
            return
        # qty in the BoM's unit, as a multiple of the quantity it makes
        factor = (
            product.uom_id._compute_quantity(qty, bom.product_uom_id, round=False)
            / bom.product_qty
        )
        for bom_line in bom.bom_line_ids:
            component = bom_line.product_id
            if bom_line._skip_bom_line(product):
                continue
            need = bom_line.product_uom_id._compute_quantity(
                bom_line.product_qty * factor, component.uom_id, round=False
            )
            if self._find_boms(component, warehouse).get(component):
                rows[(key_date, "produce", level + 1, component)] += need
                self._explode(component, need, warehouse, level + 1, rows, key_date)
            else:
                rows[(key_date, "component", level + 1, component)] += need

    @api.model
    def _get_free_qty(self, warehouse, products, productions):
        """Free quantity at the kitchen per product, what ``productions``
        reserved counted back in (their needs are in the list)."""
        Quant = self.env["stock.quant"].sudo()
        free = defaultdict(float)
        for group in Quant._read_group(
            [
                ("location_id", "child_of", warehouse.view_location_id.id),
                ("location_id.usage", "=", "internal"),
                ("product_id", "in", products.ids),
            ],
            ["product_id"],
            ["quantity:sum", "reserved_quantity:sum"],
        ):
            product, quantity, reserved = group
            free[product] += quantity - reserved
        for move_line in productions.move_raw_ids.move_line_ids:
            if move_line.state not in ("done", "cancel"):
                free[move_line.product_id] += move_line.quantity_product_uom
        return free

    @api.model
    def _prepare_kitchen_rows(self, kitchen, date_from):
        warehouse = kitchen.warehouse_id.sudo()
        demand, productions = self._get_kitchen_demand(kitchen, date_from)
        rows = defaultdict(float)
        for (day, product), qty in demand.items():
            rows[(day, "produce", 0, product)] += qty
            self._explode(product, qty, warehouse, 0, rows, day)
        products = self.env["product.product"].union(*(k[3] for k in rows))
        free = self._get_free_qty(warehouse, products, productions)
        cumulative = defaultdict(float)
        vals_list = []
        for day, line_type, level, product in sorted(
            rows, key=lambda k: (k[0], k[1] != "produce", k[2], k[3].id)
        ):
            qty = rows[(day, line_type, level, product)]
            if float_is_zero(qty, precision_rounding=product.uom_id.rounding):
                continue
            shortfall = 0.0
            if line_type == "component":
                cumulative[product] += qty
                shortfall = max(cumulative[product] - free[product], 0.0)
            vals_list.append(
                {
                    "date": day,
                    "kitchen_id": kitchen.id,
                    "company_id": kitchen.company_id.id,
                    "line_type": line_type,
                    "level": level,
                    "product_id": product.id,
                    "product_uom_id": product.uom_id.id,
                    "qty": qty,
                    "qty_available": free[product],
                    "qty_shortfall": float_round(
                        shortfall, precision_rounding=product.uom_id.rounding
                    ),
                }
            )
        return vals_list
