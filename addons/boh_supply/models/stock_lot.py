from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.tools import format_date


class StockLot(models.Model):
    _inherit = "stock.lot"

    boh_alert_store_ids = fields.Many2many(
        "boh.store",
        "boh_stock_lot_alert_store_rel",
        "lot_id",
        "store_id",
        string="Expiry Alerted At",
        copy=False,
        readonly=True,
        help="Sites whose manager has already been told that this lot reached "
        "its alert date.",
    )

    @api.model
    def _cron_boh_expiry_alerts(self):
        """Tell each site's manager, by an activity on the lot, of the lots in
        the site's stock that reached their alert date: once per lot and
        site (a site without a manager: its area manager)."""
        quants = self.env["stock.quant"].search(
            [
                ("lot_id.alert_date", "<=", fields.Datetime.now()),
                ("quantity", ">", 0),
                ("location_id.usage", "=", "internal"),
                ("location_id.warehouse_id", "!=", False),
            ]
        )
        stores = self.env["boh.store"].search(
            [("warehouse_id", "in", quants.location_id.warehouse_id.ids)]
        )
        store_by_warehouse = {store.warehouse_id: store for store in stores}
        quantities = defaultdict(float)
        for quant in quants:
            store = store_by_warehouse.get(quant.location_id.warehouse_id)
            if store and store not in quant.lot_id.boh_alert_store_ids:
                quantities[quant.lot_id, store] += quant.quantity
        activity_type = self.env.ref(
            "product_expiry.mail_activity_type_alert_date_reached"
        )
        for (lot, store), quantity in quantities.items():
            user = store.manager_id or store.area_manager_id
            if not user:
                continue
            lot.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=(lot.expiration_date or lot.alert_date).date(),
                user_id=user.id,
                summary=_(
                    "%(store)s: lot %(lot)s of %(product)s expires on %(date)s",
                    store=store.display_name,
                    lot=lot.name,
                    product=lot.product_id.display_name,
                    date=format_date(
                        self.env, (lot.expiration_date or lot.alert_date).date()
                    ),
                ),
                note=_(
                    "%(qty)s %(uom)s of lot %(lot)s are in the stock of %(store)s "
                    "and reached their alert date: use them first, or waste them "
                    "once expired.",
                    qty=quantity,
                    uom=lot.product_id.uom_id.name,
                    lot=lot.name,
                    store=store.display_name,
                ),
            )
            lot.boh_alert_store_ids = [Command.link(store.id)]
        return True
