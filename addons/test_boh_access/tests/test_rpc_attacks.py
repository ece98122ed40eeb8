import logging
from collections import Counter
from datetime import timedelta

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ROLES, SAMPLE, boh_models, load_access_chain
from .rpc import CLEAR_ERRORS, RpcMixin

_logger = logging.getLogger(__name__)
# What a supplier (portal) reads of BOH's own records: its statements once
# sent (boh_supply_statement), by model: the statements of the records read.
SUPPLIER_READ = {
    "boh.supplier.statement": lambda records: records,
    "boh.supplier.statement.line": lambda records: records.statement_id,
}
BAD_NUMBERS = ("nan", "inf", "-inf", "1e308", 1e308, float("nan"), float("inf"))
BAD_DATES = ("9999-12-31", "0001-01-01", "1900-01-01", "31/12/2024", "x")


@tagged("post_install", "-at_install")
class TestRpcAttacks(RpcMixin, HttpCase):
    """Attacks over JSON-RPC (``/web/dataset/call_kw``) as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_access_chain(cls)
        cls.models = boh_models(cls.env)
        cls.guarded = [
            name
            for name in cls.models
            if getattr(cls.env[name], "_boh_workflow_fields", None) is not None
        ]
        supplier = next(iter(cls.supplier_users), None) if cls.supplier_users else None
        cls.supplier = supplier
        if supplier:
            supplier.password = "supplier_access_pw"
        cls.counts = Counter()

    @classmethod
    def tearDownClass(cls):
        _logger.info("rpc attacks: %s", dict(sorted(cls.counts.items())))
        super().tearDownClass()

    def _other_value(self, record, fname):
        """A value for ``fname`` different from the record's."""
        field = record._fields[fname]
        current = record.sudo()[fname]
        if field.type == "selection":
            options = field._description_selection(record.env)
            keys = [key for key, _label in options if key != current]
            return keys[-1] if keys else None
        if field.type == "many2one":
            other = (
                record.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1)
            )
            return other.id or None
        if field.type == "boolean":
            return not current
        if field.type in ("float", "monetary", "integer"):
            return (current or 0) + 7
        if field.type == "date":
            return str((current or record.env.cr.now().date()) + timedelta(days=3))
        if field.type == "datetime":
            moved = (current or record.env.cr.now()) + timedelta(days=3)
            return moved.strftime("%Y-%m-%d %H:%M:%S")
        if field.type in ("char", "text", "html"):
            return "forged"
        if field.type in ("many2many", "one2many"):
            return None
        return None

    def _writer_for(self, record):
        """A role that may write the record at all (rights and rules)."""
        for role in ("store_manager", "area_manager", "buyer", "admin"):
            user = self.users[role]
            try:
                record.with_user(user).check_access("write")
            except Exception:  # noqa: BLE001 - any refusal: try the next role
                continue
            return role
        return None

    # ------------------------------------------------------------------
    def test_reads_over_rpc_follow_the_rules(self):
        for role in ROLES:
            self._login(role)
            for name in self.models:
                Model = self.env[name].with_user(self.users[role])
                ids = self.env[name].sudo().search([], limit=SAMPLE).ids
                if not ids:
                    continue
                result, error = self._call(
                    name, "search_read", [[["id", "in", ids]]], {"fields": ["id"]}
                )
                with self.subTest(role=role, model=name):
                    if error:
                        self.assertIn(error, CLEAR_ERRORS)
                        self.assertFalse(Model.has_access("read"))
                    else:
                        expected = set(Model.search([("id", "in", ids)]).ids)
                        self.assertEqual({r["id"] for r in result}, expected)
                self.counts["rpc read"] += 1

    def test_workflow_fields_cannot_be_written_over_rpc(self):
        tried = 0
        for name in self.guarded:
            Model = self.env[name]
            fnames = sorted(
                (Model._boh_workflow_fields | Model._boh_create_only_fields)
                & set(Model._fields)
            )
            records = Model.sudo().search([], limit=5)
            for fname in fnames:
                for record in records:
                    role = self._writer_for(record)
                    value = self._other_value(record, fname)
                    if role is None or value is None:
                        continue
                    self._login(role)
                    before = self._snapshot(record, [fname])
                    with self.subTest(model=name, field=fname, role=role):
                        self._refused(
                            name,
                            "write",
                            [record.ids, {fname: value}],
                            what=f"{role} writes {name}.{fname}",
                        )
                        self.assertEqual(self._snapshot(record, [fname]), before)
                    tried += 1
                    self.counts[f"workflow field: {name}"] += 1
                    break
        self.assertGreaterEqual(tried, 10, "too few guarded fields reached")

    def _attack_values(self, types, values, counter):
        """Write each bad value in each user-writable field of ``types`` of
        every guarded model, as a role that may write the record: each must
        be refused cleanly and leave the field as it was."""
        tried = 0
        for name in self.guarded:
            Model = self.env[name]
            guarded = Model._boh_workflow_fields | Model._boh_create_only_fields
            fnames = [
                fname
                for fname, field in Model._fields.items()
                if field.type in types
                and field.store
                and not field.readonly
                and fname not in guarded
            ]
            record = Model.sudo().search([], limit=1)
            role = record and self._writer_for(record)
            if not (fnames and role):
                continue
            self._login(role)
            for fname in fnames:
                before = self._snapshot(record, [fname])
                for value in values:
                    with self.subTest(model=name, field=fname, value=value):
                        self._refused(
                            name,
                            "write",
                            [record.ids, {fname: value}],
                            what=f"{role} writes {value!r} in {name}.{fname}",
                        )
                    tried += 1
                    self.counts[counter] += 1
                self.assertEqual(self._snapshot(record, [fname]), before)
        return tried

    def test_bad_numbers_over_rpc(self):
        tried = self._attack_values(("float", "monetary"), BAD_NUMBERS, "bad number")
        self.assertGreaterEqual(tried, 20, "too few number fields reached")

    def test_bad_dates_over_rpc(self):
        tried = self._attack_values(("date", "datetime"), BAD_DATES, "bad date")
        self.assertGreaterEqual(tried, 10, "too few date fields reached")

    # An empty create reaches the database's NOT NULL constraints (Odoo turns
    # them into a clear error; PostgreSQL's refusal is logged on the way).
    @mute_logger("odoo.sql_db")
    def test_executive_changes_nothing_over_rpc(self):
        self._login("executive")
        for name in self.models:
            record = self.env[name].sudo().search([], limit=1)
            if not record:
                continue
            field = next(
                (
                    f
                    for f, fld in record._fields.items()
                    if fld.store and fld.type == "char" and not fld.readonly
                ),
                None,
            )
            before = self._snapshot(record, [field]) if field else None
            with self.subTest(model=name):
                if field:
                    self._refused(name, "write", [record.ids, {field: "exec"}])
                    self.assertEqual(self._snapshot(record, [field]), before)
                self._refused(name, "unlink", [record.ids])
                self.assertTrue(record.sudo().exists())
                self._refused(name, "create", [{}])
            self.counts["executive"] += 3

    def test_supplier_reads_no_back_office_record(self):
        if not self.supplier:
            self.skipTest("the chain has no supplier user")  # fails the run
        self._login("supplier")
        partner = self.supplier.commercial_partner_id
        for name in self.models:
            result, error = self._call(name, "search_read", [[]], {"fields": ["id"]})
            with self.subTest(model=name):
                if error:
                    self.assertIn(error, CLEAR_ERRORS)
                elif name in SUPPLIER_READ:
                    # its own statements once sent, and their lines
                    records = self.env[name].sudo().browse([r["id"] for r in result])
                    statements = SUPPLIER_READ[name](records)
                    self.assertTrue(statements, f"{name}: the supplier reads none")
                    self.assertEqual(statements.partner_id, partner)
                    self.assertNotIn("draft", statements.mapped("state"))
                elif name.startswith("boh."):
                    self.assertFalse(result, f"{name} read from the back office")
                else:
                    # Odoo's portal: a supplier reads its own purchase orders
                    records = self.env[name].sudo().browse([r["id"] for r in result])
                    order = records.order_id if name.endswith(".line") else records
                    self.assertTrue(order, f"{name}: the supplier reads no own order")
                    self.assertEqual(
                        order.partner_id.commercial_partner_id,
                        partner or order.partner_id,
                    )
                    foreign = order.filtered(
                        lambda o: o.partner_id.commercial_partner_id != partner
                    )
                    self.assertFalse(
                        foreign, f"{name}: orders of others {foreign.mapped('name')}"
                    )
            self.counts["supplier read"] += 1

    # The refused rendering is logged by the HTTP layer; the test checks it.
    @mute_logger("odoo.http")
    def test_report_urls_of_other_stores(self):
        """Printing another store's purchase order or transfer by its URL."""
        others = self.stores - self.own_store
        reports = {
            "purchase.report_purchaseorder": self.env["purchase.order"].search(
                [("picking_type_id.warehouse_id", "in", others.warehouse_id.ids)],
                limit=2,
            ),
            "stock.report_picking": self.env["stock.picking"].search(
                [("location_dest_id", "child_of", others.view_location_id.ids)],
                limit=2,
            ),
        }
        for role in ("store_user", "store_manager"):
            self._login(role)
            for report, records in reports.items():
                self.assertTrue(records, f"no {report} of another store")
                for record in records:
                    with self.subTest(role=role, report=report, record=record.name):
                        response = self.url_open(f"/report/html/{report}/{record.id}")
                        self.assertNotIn(record.name, response.text)
                        self.assertNotEqual(response.status_code, 200)
                    self.counts["report url"] += 1
        # The control: the buyer prints them.
        self._login("buyer")
        record = reports["purchase.report_purchaseorder"][:1]
        response = self.url_open(
            f"/report/html/purchase.report_purchaseorder/{record.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(record.name, response.text)

    def test_each_role_lands_on_its_home(self):
        homes = {
            "store_user": "boh_ordering.boh_store_order_action",
            "store_manager": "boh_ordering.boh_store_order_action",
            "area_manager": "boh_inspection.boh_inspection_action",
            "buyer": "boh_supply.boh_supply_dashboard_action",
            "executive": "boh_base.boh_store_action",
        }
        for role, xmlid in homes.items():
            self._login(role)
            info = self.make_jsonrpc_request("/web/session/get_session_info")
            with self.subTest(role=role):
                self.assertEqual(info["home_action_id"], self.env.ref(xmlid).id)
        # Another role's home is corrected when the groups change; a home of
        # another kind, chosen by an administrator, is kept.
        user = self.users["store_manager"]
        export = self.env.ref("base.group_allow_export")
        user.action_id = self.env.ref("boh_base.boh_store_action").id
        user.write({"groups_id": [(3, export.id)]})
        self.assertEqual(user.action_id.id, self.env.ref(homes["store_manager"]).id)
        chosen = self.env.ref("stock.action_picking_tree_all")
        user.action_id = chosen.id
        user.write({"groups_id": [(4, export.id)]})
        self.assertEqual(user.action_id.id, chosen.id)
