from markupsafe import Markup

from odoo import _, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def _boh_after_supplier_reject(self, lines, reason):
        """Tell the store orders the rejected lines came from."""
        res = super()._boh_after_supplier_reject(lines, reason)
        store_lines = lines.boh_order_line_id
        if not store_lines:
            return res
        root = self.env.ref("base.partner_root")
        for order in store_lines.order_id:
            rows = lines.filtered(
                lambda pol, o=order: pol.boh_order_line_id.order_id == o
            )
            items = Markup("").join(
                Markup("<li>%s</li>")
                % _(
                    "%(product)s: %(qty)s %(uom)s",
                    product=pol.product_id.display_name,
                    qty=pol.boh_rejected_qty,
                    uom=pol.product_uom.name,
                )
                for pol in rows
            )
            body = Markup("%s<ul>%s</ul>%s") % (
                _(
                    "Supplier %(supplier)s rejected these lines of purchase order"
                    " %(po)s; they will not be delivered. Re-source them with"
                    " Re-source Rejected Lines.",
                    supplier=self.partner_id.display_name,
                    po=self.name,
                ),
                items,
                _("Reason: %(reason)s", reason=reason),
            )
            # sudo: the supplier (through the portal) or the buyer acts here;
            # the note goes, as the system, to the store orders these very
            # lines were bought for.
            order.sudo().message_post(
                body=body, author_id=root.id, subtype_xmlid="mail.mt_note"
            )
        return res
