"""Attacks on the supplier side over RPC: public methods and the scorecard.
Each attack is refused with a clear message, never a server error, and
changes nothing (portal attacks: test_attacks_portal; rights of BOH roles on
notices, proposals and bills: test_attacks_documents)."""

import json
import xmlrpc.client
from datetime import date, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_attacks import (
    AttackCase,
)


@tagged("post_install", "-at_install")
class TestRpcAttacks(HttpCase, AttackCase):
    """A supplier's portal user calls the models' methods over XML-RPC and
    JSON-RPC: nothing of another supplier, no workflow step."""

    def _xmlrpc(self, model, method, *args):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.portal_1.id,
            "supplier_tour1",
            model,
            method,
            list(args),
        )

    def _jsonrpc(self, model, method, args):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _scorecard_calls(self, partner_ids):
        start, stop = str(self.today - timedelta(days=30)), str(self.today)
        return [
            ("get_scorecards", [start, stop, partner_ids]),
            ("get_trend", [start, stop, "month", partner_ids]),
            ("get_scorecards_and_trend", [start, stop, "month", partner_ids]),
            ("get_drill_line_ids", [(partner_ids or [False])[0], start, stop]),
            ("action_drill", [(partner_ids or [False])[0], start, stop, "on_time"]),
        ]

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_scorecard_of_another_supplier(self):
        # What the attack would get: supplier 2's receipt lines.
        Scorecard = self.env["boh.supply.scorecard"].sudo()
        leaked = Scorecard.get_drill_line_ids(
            self.supplier_2.id, self.today - timedelta(days=30), self.today
        )
        self.assertEqual(leaked, self.po_2.order_line.ids)
        before = self._state()
        refused = "cannot read the scorecards"
        for partner_ids, message in (
            ([self.supplier_2.id], refused),
            (False, refused),
            ([self.supplier_2.id, 0], "must be the id of a record"),
        ):
            for method, args in self._scorecard_calls(partner_ids):
                expected = message
                if method in ("get_drill_line_ids", "action_drill"):
                    # These take the first supplier only.
                    expected = refused if partner_ids else "choose a supplier"
                with (
                    self.subTest(method=method, partner_ids=partner_ids),
                    self.assertRaises(xmlrpc.client.Fault) as fault,
                ):
                    self._xmlrpc("boh.supply.scorecard", method, *args)
                self.assertIn(expected, fault.exception.faultString)
        self.authenticate("supplier_tour1", "supplier_tour1")
        for method, args in self._scorecard_calls([self.supplier_2.id]):
            with self.subTest(jsonrpc=method):
                answer = self._jsonrpc("boh.supply.scorecard", method, args)
                self.assertNotIn("result", answer)
                self.assertIn(
                    "cannot read the scorecards", answer["error"]["data"]["message"]
                )
        self.assertEqual(self._state(), before)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_private_and_workflow_methods(self):
        before = self._state()
        start, stop = str(self.today - timedelta(days=30)), str(self.today)
        tiles = self.env["boh.supply.dashboard"].search([]).ids
        for model, method, args in (
            ("boh.supply.scorecard", "_get_scorecards", [start, stop]),
            (
                "boh.supply.scorecard",
                "_get_drill_line_ids",
                [self.supplier_2.id, start, stop],
            ),
            ("boh.supply.scorecard", "_query_receipt_lines", [start, stop]),
            ("boh.supply.forecast", "_get_shared_forecast", [self.supplier_2.id]),
            ("boh.supply.dashboard", "action_open", [tiles]),
            ("boh.supply.dashboard", "action_open_alert", [tiles]),
            ("boh.supply.dashboard", "read", [tiles, ["summary"]]),
            ("boh.supply.proposal", "action_accept", [self.proposal.ids]),
            ("boh.supply.proposal", "action_refuse", [self.proposal.ids, "no"]),
            ("boh.asn", "action_send", [self.asn_1.ids]),
            ("boh.asn", "action_cancel", [self.asn_1.ids]),
            ("boh.asn", "action_prefill_receipts", [self.asn_1.ids]),
            ("boh.asn", "write", [self.asn_1.ids, {"state": "sent"}]),
            ("purchase.order", "action_boh_view_asns", [self.po_2.ids]),
            ("purchase.order", "action_boh_view_proposals", [self.po_2.ids]),
            ("account.move", "read", [self.bill_2.ids, ["ref"]]),
        ):
            with (
                self.subTest(model=model, method=method),
                self.assertRaises(xmlrpc.client.Fault),
            ):
                self._xmlrpc(model, method, *args)
        self.assertEqual(self._state(), before)


@tagged("post_install", "-at_install")
class TestScorecardAccess(AttackCase):
    """The scorecard's methods read receipts in SQL: only buyers, executives
    and a supplier's own portal user (for itself) may call them."""

    def test_roles(self):
        Scorecard = self.env["boh.supply.scorecard"]
        start, stop = self.today - timedelta(days=30), self.today
        for user in (self.staff_a, self.manager_a, self.area_1):
            for partner_ids in (None, [self.supplier_2.id]):
                with (
                    self.subTest(user=user.login, partner_ids=partner_ids),
                    self.assertRaisesRegex(AccessError, "cannot read the scorecards"),
                ):
                    Scorecard.with_user(user).get_scorecards(start, stop, partner_ids)
        with self.assertRaises(AccessError):
            Scorecard.with_user(self.manager_a).get_drill_line_ids(
                self.supplier_2.id, start, stop
            )
        with self.assertRaises(AccessError):
            Scorecard.with_user(self.portal_1).action_drill(
                self.supplier_2.id, start, stop
            )
        for user in (self.buyer, self.executive):
            cards = Scorecard.with_user(user).get_scorecards(start, stop)
            self.assertIn(self.supplier_2.id, cards)
        own = Scorecard.with_user(self.portal_1).get_scorecards(
            start, stop, [self.supplier_1.id]
        )
        self.assertNotIn(self.supplier_2.id, own)

    def test_years(self):
        Scorecard = self.env["boh.supply.scorecard"].with_user(self.buyer)
        for start, stop, field in (
            (date(1, 1, 1), self.today, "Start date"),
            (self.today, date(9999, 12, 31), "End date"),
            ("0001-01-01", "0001-12-31", "Start date"),
            ("nonsense", self.today, "Start date"),
        ):
            with (
                self.subTest(start=start, stop=stop),
                self.assertRaisesRegex(ValidationError, field),
            ):
                Scorecard.get_scorecards_and_trend(start, stop)
        wizard = (
            self.env["boh.supply.scorecard.wizard"]
            .with_user(self.executive)
            .create({"date_from": date(1, 1, 1), "date_to": date(9999, 12, 31)})
        )
        with self.assertRaisesRegex(ValidationError, "Start date"):
            wizard.action_compute()
        self.assertFalse(wizard.line_ids)
