import base64
import random

from odoo import Command, api, models

# A 1x1 PNG: the demo claims carry a "photo" like the ones taken at receiving.
DEMO_PHOTO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class BohDemoLoader(models.AbstractModel):
    _inherit = "boh.demo.loader"

    @api.model
    def load_chain(self, chain=None, passwords=False, **params):
        """Add receiving claims on the demo purchase orders: some open, some
        answered by the supplier, some closed with a credit note."""
        result = super().load_chain(chain=chain, passwords=passwords, **params)
        orders = result.get("supply_orders")
        if orders:
            result["supply_claims"] = self._load_supply_claims(result, orders)
        return result

    @api.model
    def load_supply_claim_demo(self):
        """Demo of boh_supply_claim: claims on the demo chain's purchase
        orders (see ``_load_demo_part``)."""

        def load(result):
            suppliers = [p.id for p in result["suppliers"].values()]
            orders = self.env["purchase.order"].search(
                [("partner_id", "in", suppliers)], order="id"
            )
            if orders:
                result["supply_claims"] = self._load_supply_claims(result, orders)

        return self._load_demo_part(load)

    def _load_supply_claims(self, result, orders):
        rng = random.Random(result["chain"].seed + 1)
        moves = orders.picking_ids.filtered(lambda p: p.state == "done").move_ids
        moves = moves.filtered(lambda m: m.state == "done" and m.purchase_line_id)
        chosen = [move for move in moves.sorted("id") if rng.random() < 0.05]
        if not chosen:
            return self.env["boh.claim"]
        stores = self.env["boh.store"].search(
            [
                (
                    "warehouse_id",
                    "in",
                    [m.picking_type_id.warehouse_id.id for m in chosen],
                )
            ]
        )
        store_by_warehouse = {s.warehouse_id.id: s for s in stores}
        vals_list = []
        for move in chosen:
            store = store_by_warehouse.get(move.picking_type_id.warehouse_id.id)
            pol = move.purchase_line_id
            if not store:
                continue
            vals_list.append(
                {
                    "store_id": store.id,
                    "picking_id": move.picking_id.id,
                    "move_id": move.id,
                    "product_id": move.product_id.id,
                    "qty_claimed": max(1.0, round(move.quantity * 0.1)),
                    "price_unit": pol.price_unit,
                    "reason": rng.choice(("damaged", "quality", "temperature")),
                    "partner_id": pol.partner_id.commercial_partner_id.id,
                    "purchase_id": pol.order_id.id,
                }
            )
        claims = (
            self.env["boh.claim"]
            .with_context(tracking_disable=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )
        # One photo per claim, attached to it as the claim form attaches them.
        photos = self.env["ir.attachment"].create(
            [
                {
                    "name": "claim-photo.png",
                    "raw": DEMO_PHOTO,
                    "mimetype": "image/png",
                    "res_model": "boh.claim",
                    "res_id": claim.id,
                }
                for claim in claims
            ]
        )
        for claim, photo in zip(claims, photos, strict=True):
            claim.photo_ids = [Command.set(photo.ids)]
        claims.action_open()
        # Credit notes need a purchase journal (a chart of accounts): without
        # one, suppliers accept with a replacement instead.
        credit = (
            "accept_credit"
            if self.env["account.journal"].search_count(
                [("type", "=", "purchase"), ("company_id", "=", self.env.company.id)],
                limit=1,
            )
            else "replace"
        )
        for claim in claims:
            draw = rng.random()
            if draw < 0.5:
                continue
            answer = credit if draw < 0.8 else "dispute"
            # sudo: the demo answers as the supplier would through the portal
            # (whose controller works in sudo); suppliers may have no email
            claim.sudo().with_context(
                boh_author_id=claim.partner_id.id
            )._boh_supplier_answer(answer, "Checked with our warehouse")
            if answer != "dispute" and rng.random() < 0.5:
                claim.action_close()
        return claims
