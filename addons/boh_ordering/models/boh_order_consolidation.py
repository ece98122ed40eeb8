from odoo import _, fields, models, tools
from odoo.exceptions import UserError

from .planning_fields import planned_qty


class BohOrderConsolidation(models.Model):
    """What all stores ordered from a central site for a delivery date.

    One row per delivery date, source site and product, in the product's unit.
    The shortfall is cumulative over the delivery dates of the site and
    product: the demand still to cover through the date (ordered quantities
    not reserved yet: a submitted line counts whole, an approved one for the
    part of its open moves out of the site that is not reserved) minus the
    free quantity of the site (on hand - reserved) and minus the receipts
    expected at the site by that date.
    """

    _name = "boh.order.consolidation"
    _description = "BOH Store Order Consolidation"
    _auto = False
    _order = "delivery_date desc, source_store_id, product_id"

    delivery_date = fields.Date(readonly=True)
    source_store_id = fields.Many2one("boh.store", string="Source Site", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    qty_ordered = planned_qty("Ordered", "sum")
    store_count = fields.Integer(string="Stores", readonly=True, aggregator="max")
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    qty_available = planned_qty(
        "Free at Source", help="On hand minus reserved at the source site."
    )
    qty_to_cover = planned_qty(
        "Not Reserved",
        "sum",
        help="Ordered quantity the source site has not reserved yet.",
    )
    qty_demand_cumulative = planned_qty(
        "Cumulative Demand",
        help="Quantity not reserved yet of this and the earlier delivery dates.",
    )
    qty_incoming = planned_qty(
        "Incoming by Date",
        help="Receipts expected at the source site by the delivery date.",
    )
    qty_shortfall = planned_qty(
        "Shortfall",
        help="Cumulative demand - free quantity - incoming by the date, when positive.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE OR REPLACE VIEW boh_order_consolidation AS (
                WITH line AS (
                    SELECT l.id, l.order_id, o.store_id, o.delivery_date,
                           o.source_store_id, l.product_id,
                           pt.uom_id AS product_uom_id, o.company_id,
                           l.qty_ordered / lu.factor * pu.factor AS qty
                      FROM boh_store_order_line l
                      JOIN boh_store_order o ON o.id = l.order_id
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      JOIN uom_uom lu ON lu.id = l.product_uom_id
                      JOIN uom_uom pu ON pu.id = pt.uom_id
                     WHERE o.state IN ('submitted', 'approved', 'fulfilling')
                       AND o.source_store_id IS NOT NULL
                ),
                reserved AS (
                    SELECT ml.move_id, SUM(ml.quantity_product_uom) AS qty
                      FROM stock_move_line ml
                     WHERE ml.state NOT IN ('done', 'cancel')
                  GROUP BY ml.move_id
                ),
                shipping AS (
                    SELECT m.boh_order_line_id AS line_id,
                           SUM(CASE WHEN m.state = 'done' THEN 0.0
                                    ELSE GREATEST(
                                        m.product_qty - COALESCE(r.qty, 0.0),
                                        0.0)
                               END) AS qty_open
                      FROM stock_move m
                      JOIN line ON line.id = m.boh_order_line_id
                      JOIN boh_store s ON s.id = line.source_store_id
                      JOIN stock_location src ON src.id = m.location_id
                      JOIN stock_location dst ON dst.id = m.location_dest_id
                 LEFT JOIN reserved r ON r.move_id = m.id
                     WHERE m.state NOT IN ('draft', 'cancel')
                       AND src.warehouse_id = s.warehouse_id
                       AND dst.warehouse_id IS DISTINCT FROM s.warehouse_id
                  GROUP BY m.boh_order_line_id
                ),
                demand AS (
                    SELECT MIN(line.id) AS id, line.delivery_date,
                           line.source_store_id, line.product_id,
                           line.product_uom_id, line.company_id,
                           SUM(line.qty) AS qty_ordered,
                           SUM(COALESCE(sh.qty_open, line.qty)) AS qty_to_cover,
                           COUNT(DISTINCT line.store_id) AS store_count,
                           COUNT(DISTINCT line.order_id) AS order_count
                      FROM line
                 LEFT JOIN shipping sh ON sh.line_id = line.id
                  GROUP BY line.delivery_date, line.source_store_id,
                           line.product_id, line.product_uom_id, line.company_id
                ),
                stock AS (
                    SELECT s.id AS source_store_id, q.product_id,
                           SUM(q.quantity - q.reserved_quantity) AS qty
                      FROM stock_quant q
                      JOIN stock_location loc ON loc.id = q.location_id
                      JOIN boh_store s ON s.warehouse_id = loc.warehouse_id
                     WHERE loc.usage = 'internal'
                  GROUP BY s.id, q.product_id
                ),
                incoming AS (
                    SELECT s.id AS source_store_id, m.product_id,
                           m.date::date AS day, SUM(m.product_qty) AS qty
                      FROM stock_move m
                      JOIN stock_location dst ON dst.id = m.location_dest_id
                      JOIN stock_location src ON src.id = m.location_id
                      JOIN boh_store s ON s.warehouse_id = dst.warehouse_id
                     WHERE dst.usage = 'internal'
                       AND src.warehouse_id IS DISTINCT FROM dst.warehouse_id
                       AND m.state IN ('waiting', 'confirmed',
                                       'partially_available', 'assigned')
                  GROUP BY s.id, m.product_id, m.date::date
                ),
                rows AS (
                    SELECT d.*,
                           COALESCE(st.qty, 0.0) AS qty_available,
                           SUM(d.qty_to_cover) OVER (
                               PARTITION BY d.source_store_id, d.product_id
                               ORDER BY d.delivery_date
                           ) AS qty_demand_cumulative,
                           COALESCE((
                               SELECT SUM(i.qty) FROM incoming i
                                WHERE i.source_store_id = d.source_store_id
                                  AND i.product_id = d.product_id
                                  AND i.day <= d.delivery_date
                           ), 0.0) AS qty_incoming
                      FROM demand d
                 LEFT JOIN stock st ON st.source_store_id = d.source_store_id
                                    AND st.product_id = d.product_id
                )
                SELECT rows.*,
                       GREATEST(qty_demand_cumulative - qty_available
                                - qty_incoming, 0.0) AS qty_shortfall
                  FROM rows
            )
            """
        )

    def _get_orders(self):
        domain = [("state", "in", ("submitted", "approved", "fulfilling"))]
        keys = {(r.delivery_date, r.source_store_id.id) for r in self}
        orders = self.env["boh.store.order"].search(
            domain
            + [
                ("delivery_date", "in", [k[0] for k in keys]),
                ("source_store_id", "in", [k[1] for k in keys]),
            ]
        )
        return orders.filtered(
            lambda o: (o.delivery_date, o.source_store_id.id) in keys
        )

    def action_print_pick_lists(self):
        orders = self._get_orders()
        if not orders:
            raise UserError(_("No submitted or approved order for these rows."))
        return self.env.ref("boh_ordering.action_report_pick_list").report_action(
            orders
        )
