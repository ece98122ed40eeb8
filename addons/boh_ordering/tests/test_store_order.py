import datetime
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import BohOrderingCase, BohScheduleCase


class TestStoreOrder(BohOrderingCase):
    def test_generate_par_suggestion(self):
        self._set_stock(self.product_1, 12)
        order = self._create_order()
        self.assertNotEqual(order.name, "/")
        lines = order.line_ids
        self.assertEqual(lines.product_id, self.product_2 | self.product_1)
        self.assertEqual(lines[0].product_id, self.product_2, "walk order")
        flour = lines.filtered(lambda ln: ln.product_id == self.product_1)
        self.assertEqual(flour.qty_on_hand, 12)
        # par 50 - 12 on hand = 38, rounded up to packs of 5
        self.assertEqual(flour.qty_suggested, 40)
        self.assertEqual(flour.qty_ordered, 40)
        self.assertEqual(
            flour.suggestion_explanation,
            {
                "method": "par",
                "par": 50.0,
                "on_hand": 12.0,
                "on_order": 0.0,
                "rounding": 5.0,
            },
        )
        cups = lines - flour
        self.assertEqual(cups.qty_suggested, 24)  # 20 rounded to packs of 6
        self.assertEqual(order.amount_total, 40 * 3.0 + 24 * 1.5)
        self.assertEqual(flour.suggestion_status, "followed")

    def test_on_order_counts_incoming(self):
        self.env["stock.move"].create(
            {
                "name": "incoming",
                "product_id": self.product_1.id,
                "product_uom_qty": 30,
                "product_uom": self.uom_kg.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.stock_loc.id,
            }
        )._action_confirm()
        order = self._create_order()
        flour = order.line_ids.filtered(lambda ln: ln.product_id == self.product_1)
        self.assertEqual(flour.qty_on_order, 30)
        self.assertEqual(flour.qty_suggested, 20)

    def test_suggestion_hook_called_once(self):
        Line = type(self.env["boh.store.order.line"])
        calls = []
        original = Line._get_suggestions

        def spy(lines):
            calls.append(len(lines))
            return original(lines)

        with patch.object(Line, "_get_suggestions", spy):
            order = self._create_order()
            order.action_refresh_suggestions()
        self.assertEqual(calls, [2, 2])

    def test_refresh_keeps_user_quantity(self):
        order = self._create_order()
        flour = order.line_ids.filtered(lambda ln: ln.product_id == self.product_1)
        cups = order.line_ids - flour
        flour.qty_ordered = 100
        self._set_stock(self.product_2, 10)
        order.action_refresh_suggestions()
        self.assertEqual(flour.qty_ordered, 100, "user's quantity kept")
        self.assertEqual(cups.qty_suggested, 12)
        self.assertEqual(cups.qty_ordered, 12, "untouched line follows")

    def test_override_needs_reason(self):
        order = self._create_order()
        flour = order.line_ids.filtered(lambda ln: ln.product_id == self.product_1)
        flour.qty_ordered = 40  # 20 % under 50 > 10 %
        self.assertTrue(flour.needs_reason)
        self.assertEqual(flour.suggestion_status, "overridden")
        with self.assertRaisesRegex(ValidationError, "Test Flour.*reason"):
            order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.state, "draft")
        flour.override_reason = "Promotion next week"
        order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.state, "submitted")

    def test_suggestion_followed_vs_overridden_report(self):
        order = self._create_order()
        flour = order.line_ids.filtered(lambda ln: ln.product_id == self.product_1)
        flour.write({"qty_ordered": 100, "override_reason": "Festival"})
        Line = self.env["boh.store.order.line"].with_user(self.area_1)
        groups = Line._read_group(
            [("order_id", "=", order.id)], ["suggestion_status"], ["qty_ordered:sum"]
        )
        self.assertEqual(dict(groups), {"followed": 24.0, "overridden": 100.0})
        action = self.env.ref("boh_ordering.boh_store_order_line_action_analysis")
        self.assertIn("pivot", action.view_mode)
        self.assertIn("graph", action.view_mode)
        self.assertFalse(
            self.env["boh.store.order.line"]
            .with_user(self.area_2)
            .search_count([("order_id", "=", order.id)]),
            "another region sees none of it",
        )

    def test_within_tolerance_is_adjusted(self):
        order = self._create_order()
        cups = order.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        self.guide.tolerance_pct = 30
        cups.qty_ordered = 30  # 25 % above 24
        self.assertEqual(cups.suggestion_status, "adjusted")
        self.assertFalse(cups.needs_reason)

    def _assert_refused(self, exc, regex, func):
        with self.assertRaisesRegex(exc, regex), self.env.cr.savepoint():
            func()
        self.env.invalidate_all()

    def test_bad_input(self):
        order = self._create_order()
        flour = order.line_ids.filtered(lambda ln: ln.product_id == self.product_1)
        self._assert_refused(
            ValidationError,
            "Test Flour.*negative",
            lambda: flour.write({"qty_ordered": -5}),
        )
        self._assert_refused(
            ValidationError,
            "Ordered must be a number",
            lambda: flour.write({"qty_ordered": "abc"}),
        )
        self._assert_refused(
            ValidationError,
            "Test Flour.*Unit",
            lambda: flour.write({"product_uom_id": self.uom_unit.id}),
        )
        self._assert_refused(
            ValidationError,
            "not in order guide",
            lambda: self.env["boh.store.order.line"].create(
                {
                    "order_id": order.id,
                    "product_id": self.product_3.id,
                    "qty_ordered": 1,
                }
            ),
        )
        self.assertEqual(len(order.line_ids), 2, "nothing half-written")
        self.assertEqual(flour.qty_ordered, 50)
        flour.write({"qty_ordered": 42, "override_reason": "Half a pack"})
        self._assert_refused(
            ValidationError,
            "whole packs",
            lambda: order.with_user(self.manager_a).action_submit(),
        )
        self.assertEqual(order.state, "draft")

    def test_inactive_store(self):
        self.store_b.with_user(self.boh_admin).active = False
        with self.assertRaisesRegex(ValidationError, "archived"):
            self._create_order(store=self.store_b, generate=False)

    def test_one_order_per_store_source_date(self):
        self._create_order(generate=False)
        with self.assertRaisesRegex(ValidationError, "already has order"):
            self._create_order(generate=False)
        # another delivery date is fine
        self._create_order(generate=False, delivery_date="2030-01-08")

    def test_form_onchange_rounds_to_pack(self):
        order = self._create_order()
        with Form(order) as form:
            with form.line_ids.edit(1) as line:
                self.assertEqual(line.product_id, self.product_1)
                line.qty_ordered = 41
                self.assertEqual(line.qty_ordered, 45)
        with Form(self.env["boh.store.order"]) as form:
            form.store_id = self.store_a
            self.assertEqual(form.guide_id, self.guide)
            form.source_store_id = self.cw
            form.delivery_date = datetime.date(2030, 2, 1)

    def test_quick_entry_buttons(self):
        order = self._create_order()
        cups = order.line_ids.filtered(lambda ln: ln.product_id == self.product_2)
        cups.action_qty_plus()
        self.assertEqual(cups.qty_ordered, 30)
        for _i in range(10):
            cups.action_qty_minus()
        self.assertEqual(cups.qty_ordered, 0)
        action = order.action_open_quick_entry()
        self.assertEqual(action["domain"], [("order_id", "=", order.id)])

    def test_submit_roles(self):
        order = self._create_order(user=self.staff_a)
        self.assertEqual(order.store_id, self.store_a)
        with self.assertRaises(AccessError):
            order.with_user(self.staff_a).action_submit()
        order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.state, "submitted")
        with self.assertRaisesRegex(UserError, "not a draft"):
            order.line_ids[0].with_user(self.manager_a).qty_ordered = 60

    def test_xlsx_export(self):
        order = self._create_order()
        content, ext = (
            self.env["ir.actions.report"]
            .with_user(self.manager_a)
            ._render("boh_ordering.action_report_store_order_xlsx", order.ids)
        )
        self.assertEqual(ext, "xlsx")
        self.assertTrue(content.startswith(b"PK"))

    def test_generate_500_lines_query_count(self):
        products = self.env["product.product"].create(
            [
                {
                    "name": f"Bulk {i}",
                    "default_code": f"BULK{i:03d}",
                    "is_storable": True,
                }
                for i in range(500)
            ]
        )
        guide = self.env["boh.order.guide"].create(
            {
                "name": "Big Guide",
                "store_ids": [(6, 0, self.store_b.ids)],
                "line_ids": [
                    (0, 0, self._guide_line(p, 10, pack=4, seq=i))
                    for i, p in enumerate(products)
                ],
            }
        )
        self._set_stock(products[0], 3, self.store_b.lot_stock_id)
        order = self._create_order(store=self.store_b, generate=False)
        self.assertEqual(order.guide_id, guide)
        self.env.invalidate_all()
        started = datetime.datetime.now()
        with self.assertQueryCount(60):
            order.action_generate_from_guide()
            order.flush_recordset()
            self.env.flush_all()
        elapsed = (datetime.datetime.now() - started).total_seconds()
        self.assertEqual(len(order.line_ids), 500)
        self.assertEqual(order.line_ids[0].qty_suggested, 8)
        self.assertEqual(order.line_ids[1].qty_suggested, 12)
        self.assertLess(elapsed, 5.0)


class TestCutoff(BohScheduleCase):
    def test_schedule_dates(self):
        # Monday 2030-01-07 10:00 Shanghai = 02:00 UTC
        now = datetime.datetime(2030, 1, 7, 2, 0)
        tuesday = datetime.date(2030, 1, 8)
        self.assertEqual(self.schedule._get_next_orderable_delivery_date(now), tuesday)
        self.assertEqual(
            self.schedule._get_cutoff_datetime(tuesday),
            datetime.datetime(2030, 1, 7, 6, 0),
        )
        self.assertEqual(
            self.schedule._get_next_delivery_date(tuesday), datetime.date(2030, 1, 10)
        )
        self.assertEqual(self.schedule._get_review_days(tuesday), 2)
        self.assertEqual(self.schedule._get_review_days(datetime.date(2030, 1, 10)), 5)
        # after the cut-off (15:00 Shanghai) the next orderable delivery is Thursday
        late = datetime.datetime(2030, 1, 7, 7, 0)
        self.assertEqual(
            self.schedule._get_next_orderable_delivery_date(late),
            datetime.date(2030, 1, 10),
        )
        with patch.object(fields.Datetime, "now", return_value=now):
            self.schedule.invalidate_recordset()
            self.assertEqual(self.schedule.next_delivery_date, tuesday)
            self.assertEqual(self.schedule.next_order_date, datetime.date(2030, 1, 7))

    def test_schedule_needs_delivery_day(self):
        with self.assertRaisesRegex(ValidationError, "delivery weekday"):
            self.schedule.write({"delivery_tue": False, "delivery_thu": False})

    def test_late_submit_moves_date(self):
        order = self._create_order(delivery_date="2030-01-08")
        self.assertEqual(order.schedule_id, self.schedule)
        late = datetime.datetime(2030, 1, 7, 7, 0)
        with patch.object(fields.Datetime, "now", return_value=late):
            order.invalidate_recordset(["is_late"])
            self.assertTrue(order.is_late)
            order.with_user(self.manager_a).action_submit()
        self.assertEqual(order.delivery_date, datetime.date(2030, 1, 10))
        self.assertEqual(order.state, "submitted")

    def test_late_approved_by_manager_keeps_date(self):
        order = self._create_order(delivery_date="2030-01-08")
        late = datetime.datetime(2030, 1, 7, 7, 0)
        with patch.object(fields.Datetime, "now", return_value=late):
            with self.assertRaises(AccessError):
                order.with_user(self.manager_a).action_submit_late()
            order.with_user(self.area_1).action_submit_late()
        self.assertEqual(order.delivery_date, datetime.date(2030, 1, 8))
        self.assertTrue(order.late_approved)

    def test_reminder_cron(self):
        now = datetime.datetime(2030, 1, 7, 4, 0)  # 12:00 Shanghai, cut-off 14:00
        with patch.object(fields.Datetime, "now", return_value=now):
            self.env["boh.order.schedule"]._cron_remind_cutoff()
            self.env["boh.order.schedule"]._cron_remind_cutoff()
        activities = self.schedule.activity_ids
        self.assertEqual(len(activities), 1, "one reminder per delivery date")
        self.assertEqual(activities.user_id, self.manager_a)

    def test_no_reminder_when_submitted(self):
        order = self._create_order(delivery_date="2030-01-08")
        now = datetime.datetime(2030, 1, 7, 4, 0)
        with patch.object(fields.Datetime, "now", return_value=now):
            order.with_user(self.manager_a).action_submit()
            self.env["boh.order.schedule"]._cron_remind_cutoff()
        self.assertFalse(self.schedule.activity_ids)


class TestAccess(BohOrderingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls.env["boh.store.order"].create(
            {
                "store_id": cls.store_a.id,
                "source_type": "central_warehouse",
                "source_store_id": cls.cw.id,
                "delivery_date": "2030-01-07",
            }
        )
        cls.order_a.action_generate_from_guide()
        cls.order_c = cls.env["boh.store.order"].create(
            {
                "store_id": cls.store_c.id,
                "source_type": "central_warehouse",
                "source_store_id": cls.cw.id,
                "delivery_date": "2030-01-07",
            }
        )

    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_store_staff(self):
        orders = self.order_a | self.order_c
        self.assertEqual(
            self._visible(self.staff_a, "boh.store.order", orders), self.order_a
        )
        self.assertFalse(self._visible(self.manager_b, "boh.store.order", orders))
        self.assertFalse(
            self._visible(self.manager_b, "boh.store.order.line", self.order_a.line_ids)
        )
        self.assertFalse(self._visible(self.manager_b, "boh.order.guide", self.guide))
        self.assertFalse(
            self._visible(self.manager_b, "boh.order.guide.line", self.guide.line_ids)
        )
        self.assertEqual(
            self._visible(self.staff_a, "boh.order.guide", self.guide), self.guide
        )
        with self.assertRaises(AccessError):
            self.guide.with_user(self.staff_a).name = "Mine"
        with self.assertRaises(AccessError):
            self.order_c.with_user(self.staff_a).note = "x"

    def test_area_managers(self):
        orders = self.order_a | self.order_c
        self.assertEqual(
            self._visible(self.area_1, "boh.store.order", orders), self.order_a
        )
        self.assertEqual(
            self._visible(self.area_2, "boh.store.order", orders), self.order_c
        )
        self.assertFalse(
            self._visible(self.area_2, "boh.store.order.line", self.order_a.line_ids)
        )
        self.assertFalse(self._visible(self.area_2, "boh.order.guide", self.guide))

    def test_buyer_and_executive(self):
        orders = self.order_a | self.order_c
        self.assertEqual(self._visible(self.buyer, "boh.store.order", orders), orders)
        self.assertEqual(
            self._visible(self.executive, "boh.store.order", orders), orders
        )
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.executive).note = "x"
        with self.assertRaises(AccessError):
            self.env["boh.store.order"].with_user(self.executive).create(
                {
                    "store_id": self.store_b.id,
                    "source_store_id": self.cw.id,
                    "delivery_date": "2030-01-09",
                }
            )

    def test_budget_and_schedule_rules(self):
        budget = self.env["boh.store.budget"].create(
            {
                "store_id": self.store_c.id,
                "date_from": "2030-01-01",
                "date_to": "2030-01-31",
                "amount": 10,
            }
        )
        schedule = self.env["boh.order.schedule"].create(
            {
                "store_id": self.store_c.id,
                "source_store_id": self.cw.id,
                "delivery_mon": True,
            }
        )
        self.assertFalse(self._visible(self.staff_a, "boh.store.budget", budget))
        self.assertFalse(self._visible(self.area_1, "boh.order.schedule", schedule))
        self.assertEqual(self._visible(self.area_2, "boh.store.budget", budget), budget)
        with mute_logger("odoo.addons.base.models.ir_model"):
            with self.assertRaises(AccessError):
                self.env["boh.order.consolidation"].with_user(self.staff_a).search([])
