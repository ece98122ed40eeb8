from odoo.tests.common import BaseCase

from ..lib.ubl import UblError, match_invoice_lines, parse_invoice, unknown_order_refs

UBL = b"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>INV-001</cbc:ID>
  <cbc:IssueDate>2024-03-05</cbc:IssueDate>
  <cbc:DocumentCurrencyCode>CNY</cbc:DocumentCurrencyCode>
  <cac:OrderReference><cbc:ID>P00042</cbc:ID></cac:OrderReference>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="KGM">12.5</cbc:InvoicedQuantity>
    <cac:OrderLineReference><cbc:LineID>77</cbc:LineID></cac:OrderLineReference>
    <cac:Item><cbc:Name>Beef</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>S-BEEF</cbc:ID></cac:SellersItemIdentification>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="CNY">80.00</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</Invoice>
"""


class TestUbl(BaseCase):
    def test_parse(self):
        parsed = parse_invoice(UBL)
        self.assertEqual(parsed["number"], "INV-001")
        self.assertEqual(parsed["issue_date"], "2024-03-05")
        self.assertEqual(parsed["order_refs"], ["P00042"])
        self.assertEqual(len(parsed["lines"]), 1)
        first = parsed["lines"][0]
        self.assertEqual(first["order_line_ref"], "77")
        self.assertEqual(first["seller_code"], "S-BEEF")
        self.assertEqual(first["quantity"], 12.5)
        self.assertEqual(first["price_unit"], 80.0)

    def test_malformed(self):
        for data, message in (
            (b"", "empty"),
            (b"<Invoice><unclosed></Invoice>", "malformed"),
            (b"<?xml version='1.0'?><Order xmlns='x'/>", "not a UBL"),
            (UBL.replace(b"80.00", b"eighty"), "not a number"),
            (UBL.replace(b"<cbc:ID>INV-001</cbc:ID>", b""), "no number"),
        ):
            with self.assertRaisesRegex(UblError, message):
                parse_invoice(data)

    def test_entities_refused(self):
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;">]><Invoice>&lol2;</Invoice>'
        )
        with self.assertRaisesRegex(UblError, "DOCTYPE"):
            parse_invoice(bomb)
        xxe = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
            b'"file:///etc/passwd">]><Invoice>&e;</Invoice>'
        )
        with self.assertRaisesRegex(UblError, "DOCTYPE"):
            parse_invoice(xxe)


class TestUblMatch(BaseCase):
    """Matching a parsed invoice to order lines, without a database."""

    def _parsed(self, *lines, refs=("P00042",)):
        keys = ("line_id", "order_line_ref", "seller_code", "buyer_code")
        return {
            "order_refs": list(refs),
            "lines": [
                dict(dict.fromkeys(keys), name="x", quantity=1.0, price_unit=1.0) | line
                for line in lines
            ],
        }

    def test_unknown_order_refs(self):
        parsed = self._parsed(refs=("P00042", "SUP-7", "P00099"))
        self.assertEqual(
            unknown_order_refs(parsed, ["P00042", False, "SUP-7"]), ["P00099"]
        )
        self.assertEqual(unknown_order_refs(parsed, ["P00042", "SUP-7", "P00099"]), [])

    def test_match_by_line_ref_then_by_code(self):
        candidates = [
            {"id": 77, "codes": {"BEEF", False}},
            {"id": 78, "codes": {"PORK", "S-PORK"}},
        ]
        parsed = self._parsed(
            {"order_line_ref": "77", "seller_code": "S-PORK"},
            {"order_line_ref": "999", "seller_code": "S-PORK"},
            {"buyer_code": "BEEF"},
        )
        matched = [ids for _line, ids in match_invoice_lines(parsed, candidates)]
        self.assertEqual(matched, [[77], [78], [77]])

    def test_no_or_several_matches_are_returned_for_refusal(self):
        candidates = [
            {"id": 1, "codes": {"SAME"}},
            {"id": 2, "codes": {"SAME"}},
            {"id": 3, "codes": {False}},
        ]
        parsed = self._parsed(
            {"seller_code": "SAME"},
            {"seller_code": "NONE"},
            {},  # no code at all never matches a product without code
            {"order_line_ref": "not-an-id"},
        )
        matched = [ids for _line, ids in match_invoice_lines(parsed, candidates)]
        self.assertEqual(matched, [[1, 2], [], [], []])
