"""Every BOH report, PDF and Excel, printed by a zh_CN user reads in Chinese:
no BOH source term is left in English in what the user gets."""

import io

import openpyxl
from lxml import html

from odoo.tests import TransactionCase, tagged

from .common import load_access_chain
from .test_zh_cn import BOH_ADDONS, LANG, boh_terms

# Records printed per report.
SAMPLE = 3


@tagged("post_install", "-at_install")
class TestZhReports(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["boh.demo.loader"]._install_language(LANG)
        load_access_chain(cls)
        # A Chinese chain: everyone works in Chinese (documents addressed to
        # someone, such as an inspection report, print in their language).
        users = cls.env["res.users"].search([("share", "=", False)])
        users.write({"lang": LANG})
        # So do the suppliers (a statement prints in its supplier's language).
        (cls.statements | cls.draft_statement).partner_id.write({"lang": LANG})
        cls.terms = boh_terms()
        # Names in the chain's data (a site called "Central Warehouse") are
        # what the chain typed, not BOH's terms.
        cls.names = set()
        for model in ("boh.store", "product.product", "res.partner", "boh.region"):
            cls.names.update(
                cls.env[model].with_context(active_test=False).search([]).mapped("name")
            )
        data = cls.env["ir.model.data"].search(
            [("module", "in", BOH_ADDONS), ("model", "=", "ir.actions.report")]
        )
        cls.reports = cls.env["ir.actions.report"].browse(data.mapped("res_id"))

    def _sample(self, report):
        """Records to print (none: an Excel report still prints its headers)."""
        records = self.env[report.model].search([], limit=SAMPLE, order="id desc")
        if report.report_type != "xlsx":
            self.assertTrue(records, f"no {report.model} to print")
        return records

    def _texts_of_pdf(self, report, records):
        content, _kind = (
            self.env["ir.actions.report"]
            .with_context(lang=LANG)
            ._render_qweb_html(report.report_name, records.ids)
        )
        tree = html.fromstring(content)
        for node in tree.iter():
            if node.tag in ("script", "style"):
                continue
            for text in (node.text, node.tail):
                if text and text.strip():
                    yield " ".join(text.split())

    def _texts_of_xlsx(self, report, records):
        content, _kind = (
            self.env["ir.actions.report"]
            .with_context(lang=LANG)
            ._render_xlsx(report.report_name, records.ids, None)
        )
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        yield from book.sheetnames
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, str) and value.strip():
                        yield " ".join(value.split())

    def test_every_report_in_chinese(self):
        kinds = set(self.reports.mapped("report_type"))
        self.assertTrue({"qweb-pdf", "xlsx"} <= kinds, kinds)
        for report in self.reports:
            with self.subTest(report=report.report_name):
                records = self._sample(report)
                if report.report_type == "xlsx":
                    texts = list(self._texts_of_xlsx(report, records))
                else:
                    texts = list(self._texts_of_pdf(report, records))
                self.assertTrue(texts, "the report printed nothing")
                english = sorted(
                    {t for t in texts if t in self.terms and t not in self.names}
                )
                self.assertFalse(
                    english,
                    f"{report.report_name} printed for a {LANG} user still has"
                    f" BOH terms in English: {english}",
                )
