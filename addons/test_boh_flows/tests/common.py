from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from odoo.addons.boh_base.tests.common import make_user
from odoo.addons.boh_supply.tests.common import ensure_chart_of_accounts

ROLE = "boh_base.group_boh_"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Documents whose creation notes Odoo's procurement posts as the superuser.
ODOO_CREATED = ("purchase.order", "stock.picking", "mrp.production")


class BohFlowCase(TransactionCase):
    """A tiny chain with every BOH addon installed.

    Store ``store`` (region ``region``) is resupplied by the central warehouse
    ``cw`` and the central kitchen ``ck``. Its order guide has one line per
    source type: milk from ``supplier``, flour from the central warehouse and
    soup, cooked at the kitchen from flour (a bill of materials), from the
    central kitchen. Every source delivers every day.

    The people are made as an administrator makes them, none with an email
    address: ``manager`` (store manager), ``area`` (area manager of the
    region), ``buyer`` and ``portal`` (a portal user of the supplier).

    Unlike BohCase, tracking stays on: the flows check the whole chatter.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_chart_of_accounts(cls.env)
        cls.manager = make_user(cls.env, "flow_manager", ROLE + "store_manager")
        cls.area = make_user(cls.env, "flow_area", ROLE + "area_manager")
        cls.buyer = make_user(cls.env, "flow_buyer", ROLE + "buyer")
        Partner = cls.env["res.partner"]
        cls.supplier = Partner.create(
            {"name": "Flow Dairy", "is_company": True, "ref": "FDAIRY"}
        )
        contact = Partner.create(
            {"name": "Flow Dairy Sales", "parent_id": cls.supplier.id}
        )
        cls.portal = new_test_user(
            cls.env,
            "flow_supplier",
            "base.group_portal",
            password="flow_supplier",
            partner_id=contact.id,
            email=False,
        )
        cls.region = cls.env["boh.region"].create(
            {
                "name": "Flow Region",
                "code": "FR",
                "user_ids": [Command.set(cls.area.ids)],
            }
        )
        Store = cls.env["boh.store"]
        cls.store = Store.create(
            {
                "name": "Flow Store",
                "code": "FST",
                "region_id": cls.region.id,
                "manager_id": cls.manager.id,
            }
        )
        cls.cw = Store.create(
            {"name": "Flow Central Warehouse", "code": "FCW", "store_type": "warehouse"}
        )
        cls.ck = Store.create(
            {"name": "Flow Central Kitchen", "code": "FCK", "store_type": "kitchen"}
        )
        cls.store.warehouse_id.resupply_wh_ids = [
            Command.set((cls.cw.warehouse_id | cls.ck.warehouse_id).ids)
        ]
        cls.store_loc = cls.store.lot_stock_id
        uom = cls.env.ref("uom.product_uom_unit")
        manufacture = cls.ck.warehouse_id.manufacture_pull_id.route_id
        Product = cls.env["product.product"]
        cls.milk, cls.flour, cls.soup = Product.create(
            [
                {
                    "name": "Flow Milk",
                    "default_code": "FMILK",
                    "is_storable": True,
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "standard_price": 2.0,
                    "seller_ids": [
                        Command.create(
                            {"partner_id": cls.supplier.id, "price": 2.5, "delay": 1}
                        )
                    ],
                },
                {
                    "name": "Flow Flour",
                    "default_code": "FFLOUR",
                    "is_storable": True,
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "standard_price": 3.0,
                },
                {
                    "name": "Flow Soup",
                    "default_code": "FSOUP",
                    "is_storable": True,
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "standard_price": 4.0,
                    "route_ids": [Command.set(manufacture.ids)],
                },
            ]
        )
        # Soup keeps two days: the kitchen's lots carry their expiry to the stores.
        cls.soup.product_tmpl_id._boh_set_perishable(2, alert_time=1)
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.soup.product_tmpl_id.id,
                "product_qty": 1.0,
                "bom_line_ids": [
                    Command.create({"product_id": cls.flour.id, "product_qty": 0.5})
                ],
            }
        )
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.flour, cls.cw.lot_stock_id, 100.0)
        Quant._update_available_quantity(cls.flour, cls.ck.lot_stock_id, 100.0)
        cls.guide = cls.env["boh.order.guide"].create(
            {
                "name": "Flow Guide",
                "store_ids": [Command.set(cls.store.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "product_id": cls.milk.id,
                            "source_type": "supplier",
                            "partner_id": cls.supplier.id,
                            "qty_par": 10,
                            "pack_qty": 1,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 2,
                            "product_id": cls.flour.id,
                            "source_type": "central_warehouse",
                            "source_store_id": cls.cw.id,
                            "qty_par": 20,
                            "pack_qty": 1,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 3,
                            "product_id": cls.soup.id,
                            "source_type": "central_kitchen",
                            "source_store_id": cls.ck.id,
                            "qty_par": 6,
                            "pack_qty": 1,
                        }
                    ),
                ],
            }
        )
        every_day = {f"order_{d}": True for d in DAYS} | {
            f"delivery_{d}": True for d in DAYS
        }
        cls.env["boh.order.schedule"].create(
            [
                {
                    "store_id": cls.store.id,
                    "source_type": "supplier",
                    "partner_id": cls.supplier.id,
                    "cutoff_time": 23.5,
                    "lead_time_days": 1,
                    **every_day,
                },
                *(
                    {
                        "store_id": cls.store.id,
                        "source_type": source_type,
                        "source_store_id": site.id,
                        "cutoff_time": 23.5,
                        "lead_time_days": 1,
                        **every_day,
                    }
                    for source_type, site in (
                        ("central_warehouse", cls.cw),
                        ("central_kitchen", cls.ck),
                    )
                ),
            ]
        )
        cls.delivery_date = fields.Date.today() + timedelta(days=2)

    def setUp(self):
        super().setUp()
        self.steps = []
        people = self.manager | self.area | self.buyer | self.portal
        self.assertFalse(people.filtered("email"), "nobody has an email address")

    # -- steps -----------------------------------------------------------------
    @contextmanager
    def step(self, user, label):
        """Run a step of the flow as ``user``; its chatter messages are kept
        to check their author at the end (``assert_step_authors``)."""
        Message = self.env["mail.message"].sudo()
        self.env.flush_all()
        last = Message.search([], order="id desc", limit=1).id
        yield user
        # What is left to write is written at the end of the user's request,
        # in the user's environment (stored fields recomputed then may post).
        self.env(user=user).flush_all()
        messages = Message.search(
            [("id", ">", last), ("message_type", "!=", "user_notification")],
            order="id",
        )
        self.steps.append((label, user, messages))

    # Odoo creates purchase orders, their receipts and manufacturing orders in
    # its procurement as the superuser, for every user (with or without an
    # email address): their "created" notes are OdooBot's in any database.
    def assert_step_authors(self):
        """Every chatter message posted during a step is authored by the user
        who took it (users without an email address included)."""
        wrong = []
        root = self.env.ref("base.partner_root")
        for label, user, messages in self.steps:
            for message in messages:
                if message.author_id == root and message.model in ODOO_CREATED:
                    continue
                if message.author_id != user.partner_id:
                    wrong.append(
                        f"{label} (as {user.login}): {message.model},"
                        f"{message.res_id} {message.message_type} by"
                        f" {message.author_id.display_name or 'nobody'}:"
                        f" {message.body or message.subject or '(tracking)'}"
                    )
        self.assertFalse(
            wrong, "messages not authored by the step's user:\n" + "\n".join(wrong)
        )
        self.assertTrue(any(messages for _l, _u, messages in self.steps))

    # -- what the buttons call ------------------------------------------------
    def generate(self, source_type, **vals):
        """The store manager makes an order of ``source_type`` from the guide."""
        with self.step(self.manager, "generate"):
            values = {
                "store_id": self.store.id,
                "source_type": source_type,
                "delivery_date": self.delivery_date,
                **vals,
            }
            order = self.env["boh.store.order"].with_user(self.manager).create(values)
            order.action_generate_from_guide()
        return order

    def submit_and_approve(self, order):
        with self.step(self.manager, "submit"):
            order.with_user(self.manager).action_submit()
        self.assertEqual(order.state, "submitted")
        with self.step(self.area, "approve"):
            order.with_user(self.area).action_approve()
        self.assertEqual(order.state, "fulfilling")
        self.assertEqual(order.approved_by_id, self.area)

    def ship(self, pickings):
        """The buyer validates the central site's transfers."""
        with self.step(self.buyer, "ship"):
            pickings = pickings.with_user(self.buyer).with_context(skip_sms=True)
            pickings.action_assign()
            for move in pickings.move_ids:
                move.quantity = move.product_uom_qty
            pickings.move_ids.picked = True
            result = pickings.button_validate()
        self.assertIs(result, True)
        self.assertEqual(set(pickings.mapped("state")), {"done"})

    def receive(self, order, received, label="receive"):
        """The store manager receives with the receiving wizard; ``received``:
        product -> quantity received."""
        with self.step(self.manager, label):
            action = order.with_user(self.manager).action_open_receive_wizard()
            wizard = (
                self.env["boh.receive.wizard"]
                .with_user(self.manager)
                .browse(action["res_id"])
            )
            for line in wizard.line_ids:
                if line.product_id in received:
                    line.qty_received = received[line.product_id]
            wizard.action_confirm()
        return wizard

    def claims_of(self, order):
        return self.env["boh.claim"].search([("order_id", "=", order.id)])

    def store_receipts(self, order):
        """The transfers that bring the order's goods into the store."""
        order.invalidate_recordset()
        receipts = order.receipt_ids
        self.assertEqual(receipts.location_dest_id, self.store_loc)
        return receipts

    def central_pickings(self, order, site):
        order.invalidate_recordset()
        return order.picking_ids.filtered(
            lambda p: p.picking_type_id.warehouse_id == site.warehouse_id
        )

    def as_supplier(self, record):
        """``record`` as the portal controllers hand it to the model: the
        portal user's environment in sudo, the portal user as author."""
        return (
            record.with_user(self.portal)
            .sudo()
            .with_context(boh_author_id=self.portal.partner_id.id)
        )
