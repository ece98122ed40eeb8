"""Simplified Chinese everywhere: every term BOH shows, in the back office and
on the supplier portal, is translated for a user whose language is zh_CN.

The check is on BOH's own terms: the source strings of the addons' .pot/.po
files, and every word-like string written in a BOH view. Odoo's own terms are
Odoo's business.
"""

import re
from datetime import timedelta

from lxml import etree, html

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import PoFileReader

from odoo.addons.boh_supply.tests.common import SupplyCase

LANG = "zh_CN"
BOH_ADDONS = (
    "boh_base",
    "boh_ordering",
    "boh_receiving",
    "boh_ordering_mrp",
    "boh_store_ops",
    "boh_forecast",
    "boh_forecast_ordering",
    "boh_forecast_pos",
    "boh_inspection",
    "boh_supply",
    "boh_supply_claim",
    "boh_supply_forecast",
    "boh_supply_ordering",
    "boh_recipe",
    "boh_food_cost",
    "boh_store_account",
    "boh_supply_statement",
    "boh_recipe_forecast",
)
# Kept in Latin letters on purpose; the reason for each.
ALLOWED = {
    "BOH": "the product's name",
    "Odoo": "a brand",
    "kg": "a unit symbol",
    "ID": "an identifier: Chinese software shows it as is",
    "UTC": "the time standard's name, as Chinese software writes it",
    "ABC": "the ABC classification (by value): planners say it as is",
    "XYZ": "the XYZ classification (by variability): planners say it as is",
    "MASE": "a forecast error metric: planners use the acronym",
    "WAPE": "a forecast error metric: planners use the acronym",
}
WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3400-\u9fff]")
ALLOWED_RE = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, ALLOWED)))
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}")
# Arch attributes a user reads (others are code: domains, widgets, names).
TEXT_ATTRS = ("string", "help", "placeholder", "title", "confirm", "aria-label", "sum")
VIEW_TYPES = ("form", "list", "kanban", "search", "pivot", "graph", "calendar")


def is_english(text):
    """Whether a user-facing string is still untranslated English."""
    text = PLACEHOLDER.sub(" ", text or "")
    if CJK.search(text):
        return False
    return bool(WORD.search(ALLOWED_RE.sub(" ", text)))


def boh_terms():
    """The source terms of every BOH addon (its .pot, else its zh_CN.po)."""
    terms = set()
    for addon in BOH_ADDONS:
        for name in (f"{addon}.pot", "zh_CN.po"):
            try:
                path = file_path(f"{addon}/i18n/{name}")
            except FileNotFoundError:
                continue
            with open(path, "rb") as po:
                terms.update(
                    entry["src"].strip()
                    for entry in PoFileReader(po)
                    if is_english(entry["src"])
                )
    return terms


def arch_texts(arch, qweb=False):
    """The strings of an arch a user reads: text nodes and label attributes."""
    node = etree.fromstring(arch) if isinstance(arch, str | bytes) else arch
    for el in node.iter(etree.Element):
        if el.tag == "attribute":
            if el.get("name") in TEXT_ATTRS and el.text:
                yield el.text.strip()
            continue
        if el.tag in ("script", "style", "xpath"):
            continue
        for attr in TEXT_ATTRS if not qweb else ("placeholder", "title", "alt"):
            if el.get(attr):
                yield el.get(attr).strip()
        for text in (el.text, el.tail):
            if text and text.strip():
                yield " ".join(text.split())


@tagged("post_install", "-at_install")
class TestZhCn(HttpCase, SupplyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["boh.demo.loader"]._install_language(LANG)
        cls.terms = boh_terms()
        Data = cls.env["ir.model.data"]
        cls.data = Data.search([("module", "in", BOH_ADDONS)])
        boh_fields = cls.env["ir.model.fields"].browse(
            cls.data.filtered(lambda d: d.model == "ir.model.fields").mapped("res_id")
        )
        cls.boh_fields = {(f.model, f.name) for f in boh_fields}
        # Choices BOH defines; those of Odoo's mixins (activities, approvals)
        # are translated by Odoo's modules.
        selections = cls.env["ir.model.fields.selection"].browse(
            cls.data.filtered(lambda d: d.model == "ir.model.fields.selection").mapped(
                "res_id"
            )
        )
        cls.boh_choices = {
            (s.field_id.model, s.field_id.name, s.value) for s in selections
        }
        # The supplier works in Chinese.
        cls.contact_1.lang = LANG
        cls.asn = cls.env["boh.asn"].create(
            {
                "partner_id": cls.supplier_1.id,
                "purchase_ids": [(6, 0, cls.po_1.ids)],
                "expected_date": fields.Date.today() + timedelta(days=1),
                "line_ids": [(0, 0, {"purchase_line_id": cls.line_1.id, "qty": 10})],
            }
        )
        # A receipt, so that the scorecard shows its figures.
        cls.po_3 = cls._make_po(cls.supplier_1, [(cls.product, 4, 10.0)])
        cls.po_3.button_confirm()
        picking = cls.po_3.picking_ids
        picking.move_ids.write({"quantity": 4, "picked": True})
        picking._action_done()
        move = cls.line_1.move_ids[:1]
        cls.claim = cls.env["boh.claim"].create(
            {
                "store_id": cls.store_a.id,
                "product_id": cls.product.id,
                "qty_claimed": 2.0,
                "reason": "damaged",
                "partner_id": cls.supplier_1.id,
                "purchase_id": cls.po_1.id,
                "move_id": move.id,
                "picking_id": move.picking_id.id,
            }
        )
        cls.claim.with_context(mail_notify_force_send=False).action_open()
        # This month's statement of the supplier (the receipt above), sent.
        cls.statement = (
            cls.env["boh.supplier.statement"]
            ._boh_generate(fields.Date.today())
            .filtered(lambda s: s.partner_id == cls.supplier_1)
        )
        cls.statement.with_context(mail_notify_force_send=False).action_send()

    def _records(self, model):
        ids = self.data.filtered(lambda d: d.model == model).mapped("res_id")
        return self.env[model].browse(ids).exists()

    def _report(self, untranslated, what):
        lines = sorted(f"{where}: {text!r}" for where, text in untranslated)
        self.assertFalse(
            lines,
            "%d %s still in English for a %s user:\n%s"
            % (len(lines), what, LANG, "\n".join(lines)),
        )

    def _untranslated_names(self, records, field_name):
        """(xmlid, English) of the records whose name is the English source."""
        sources = records.with_context(lang="en_US").mapped(field_name)
        english = dict(zip(records.ids, sources, strict=True))
        result = []
        for record in records.with_context(lang=LANG):
            value = record[field_name]
            if value and value == english[record.id] and is_english(value):
                result.append((record.get_external_id()[record.id], value))
        return result

    def test_menus_actions_fields_selections(self):
        untranslated = self._untranslated_names(self._records("ir.ui.menu"), "name")
        for model in (
            "ir.actions.act_window",
            "ir.actions.server",
            "ir.actions.report",
            "ir.actions.client",
        ):
            untranslated += self._untranslated_names(self._records(model), "name")
        untranslated += self._untranslated_names(
            self._records("ir.model.fields"), "field_description"
        )
        untranslated += self._untranslated_names(
            self._records("ir.model.fields.selection"), "name"
        )
        self._report(untranslated, "menus, actions, field labels or choices")

    def test_choices_of_odoo_mixins(self):
        """Choices BOH models inherit from Odoo's mixins (an activity's state,
        an approval's status) read as they do on Odoo's own documents."""
        checks = [
            ("purchase.order", "boh.store.order", "activity_state"),
            ("purchase.order", "boh.claim", "activity_state"),
            ("purchase.order", "boh.inspection.action", "activity_state"),
            ("tier.validation", "boh.store.order", "validation_status"),
        ]
        for odoo_model, boh_model, field in checks:
            with self.subTest(model=boh_model, field=field):
                odoo_labels = dict(
                    self.env[odoo_model]
                    .with_context(lang=LANG)
                    .fields_get([field])[field]["selection"]
                )
                boh_labels = dict(
                    self.env[boh_model]
                    .with_context(lang=LANG)
                    .fields_get([field])[field]["selection"]
                )
                english = dict(
                    self.env[boh_model]
                    .with_context(lang="en_US")
                    .fields_get([field])[field]["selection"]
                )
                translated = [
                    value
                    for value, label in odoo_labels.items()
                    if label != english.get(value)
                ]
                self.assertTrue(translated, "Odoo translates some of its choices")
                for value in translated:
                    self.assertEqual(boh_labels[value], odoo_labels[value])

    def test_boh_views(self):
        """Every string of BOH's own views (back office and QWeb)."""
        untranslated = []
        for view in self._records("ir.ui.view").with_context(lang=LANG):
            xmlid = view.get_external_id()[view.id]
            untranslated += [
                (xmlid, text)
                for text in arch_texts(view.arch_db, qweb=view.type == "qweb")
                if is_english(text)
            ]
        self._report(untranslated, "strings of BOH views")

    def test_get_views(self):
        """Every BOH model's views as the web client loads them: BOH terms in
        the combined arch, and the labels and choices of their fields."""
        views = self._records("ir.ui.view").filtered(lambda v: v.type in VIEW_TYPES)
        by_model, own_texts = {}, {}
        for view in views.with_context(lang="en_US"):
            by_model.setdefault(view.model, set()).add(view.type)
            own_texts.setdefault(view.model, set()).update(arch_texts(view.arch_db))
        untranslated = set()
        for model, types in by_model.items():
            if model not in self.env:
                continue
            result = (
                self.env[model]
                .with_context(lang=LANG)
                .get_views([(False, t) for t in sorted(types)])
            )
            for view_type, view in result["views"].items():
                untranslated.update(
                    (f"{model} {view_type}", text)
                    for text in arch_texts(view["arch"])
                    if text in self.terms and text in own_texts[model]
                )
            for name, description in result["models"][model]["fields"].items():
                if (model, name) not in self.boh_fields:
                    continue
                where = f"{model}.{name}"
                texts = [description.get("string")]
                texts += [
                    label
                    for value, label in description.get("selection") or ()
                    if (model, name, value) in self.boh_choices
                ]
                untranslated.update(
                    (where, text) for text in texts if text in self.terms
                )
        self._report(untranslated, "BOH terms of the web client's views")

    def test_supplier_portal(self):
        """A Chinese supplier reads the portal in Chinese, even after an
        anonymous visit left the English cookie of the website."""
        self.authenticate("supplier_tour1", "supplier_tour1")
        # The cookie an anonymous visit leaves (a link from an email).
        self.opener.cookies.set("frontend_lang", "en_US")
        pages = (
            "/my",
            "/my/purchase",
            "/my/purchase?filterby=boh_to_confirm",
            f"/my/purchase/{self.po_1.id}",
            f"/my/boh/asn/new?order_ids={self.po_1.id}",
            "/my/boh/asn",
            f"/my/boh/asn/{self.asn.id}",
            "/my/boh/bills",
            f"/my/boh/bill/new?order_ids={self.po_1.id}",
            "/my/boh/scorecard",
            "/my/boh/scorecard/receipts",
            "/my/boh/forecast",
            "/my/boh/claims",
            f"/my/boh/claim/{self.claim.id}",
            "/my/statements",
            f"/my/statements/{self.statement.id}",
        )
        untranslated = set()
        for url in pages:
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotIn("/web/login", response.url, url)
            page = html.fromstring(response.text)
            main = page.find(".//main")
            self.assertRegex(main.text_content(), CJK, url)
            untranslated.update(
                (url, text)
                for text in arch_texts(main, qweb=True)
                if text in self.terms
            )
        # The scorecard's figures are labelled in Chinese.
        scorecard = html.fromstring(self.url_open("/my/boh/scorecard").text)
        labels = [
            label.text_content().strip()
            for label in scorecard.xpath(
                "//div[@id='boh_scorecard_figures']//div[hasclass('text-muted')]"
            )
        ]
        self.assertIn("准时足量率 %", labels)
        self.assertFalse([label for label in labels if is_english(label)], labels)
        self._report(untranslated, "BOH strings of the supplier portal")

    def test_is_english(self):
        """The check itself: what counts as untranslated."""
        self.assertTrue(is_english("Stores"))
        self.assertTrue(is_english("OTIF %(x)s late"))
        self.assertFalse(is_english("WAPE %"))
        self.assertFalse(is_english("门店"))
        self.assertFalse(is_english("42 %s"))
        self.assertIn("Stores", self.terms)
