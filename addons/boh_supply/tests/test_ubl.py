from odoo.tests.common import BaseCase

from ..lib.ubl import UblError, parse_invoice

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
