"""Read a UBL 2.1 Invoice, safely, in plain Python (lxml only, no Odoo import).

The parser refuses what XML bombs and external entity attacks need (the
protections of defusedxml): no DTD, no entity expansion, no network access,
no huge trees; a document with a DOCTYPE is rejected outright.
"""

from lxml import etree

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
MAX_SIZE = 5 * 1024 * 1024


class UblError(ValueError):
    """The file is not a readable UBL 2.1 invoice."""


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def _text(node, path):
    found = node.find(path, NS)
    return found.text.strip() if found is not None and found.text else None


def _number(node, path, label):
    value = _text(node, path)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise UblError(f"{label} is not a number: {value!r}") from exc


def parse_invoice(data):
    """Parse UBL 2.1 Invoice bytes into a dict.

    Returns ``{"number", "issue_date", "currency", "order_refs", "lines"}``;
    each line is ``{"line_id", "order_line_ref", "seller_code", "buyer_code",
    "name", "quantity", "price_unit"}``.  Raises :class:`UblError`.
    """
    if not data:
        raise UblError("the file is empty")
    if len(data) > MAX_SIZE:
        raise UblError("the file is too large")
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise UblError("DOCTYPE and entity declarations are not accepted")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise UblError(f"malformed XML: {exc}") from exc
    if root.tag != "{%s}Invoice" % NS["inv"]:
        raise UblError("the document is not a UBL 2.1 Invoice")
    number = _text(root, "cbc:ID")
    if not number:
        raise UblError("the invoice has no number (cbc:ID)")
    order_refs = [
        ref.text.strip()
        for ref in root.findall("cac:OrderReference/cbc:ID", NS)
        if ref.text and ref.text.strip()
    ]
    lines = []
    for node in root.findall("cac:InvoiceLine", NS):
        quantity = _number(node, "cbc:InvoicedQuantity", "InvoicedQuantity")
        price = _number(node, "cac:Price/cbc:PriceAmount", "PriceAmount")
        if quantity is None or price is None:
            raise UblError("an invoice line has no quantity or no price")
        ref = _text(node, "cac:OrderLineReference/cbc:LineID")
        doc_ref = _text(node, "cac:OrderLineReference/cac:OrderReference/cbc:ID")
        if doc_ref and doc_ref not in order_refs:
            order_refs.append(doc_ref)
        lines.append(
            {
                "line_id": _text(node, "cbc:ID"),
                "order_line_ref": ref,
                "seller_code": _text(
                    node, "cac:Item/cac:SellersItemIdentification/cbc:ID"
                ),
                "buyer_code": _text(
                    node, "cac:Item/cac:BuyersItemIdentification/cbc:ID"
                ),
                "name": _text(node, "cac:Item/cbc:Name") or "",
                "quantity": quantity,
                "price_unit": price,
            }
        )
    if not lines:
        raise UblError("the invoice has no lines")
    return {
        "number": number,
        "issue_date": _text(root, "cbc:IssueDate"),
        "currency": _text(root, "cbc:DocumentCurrencyCode"),
        "order_refs": order_refs,
        "lines": lines,
    }


def unknown_order_refs(parsed, known_refs):
    """The order references of a parsed invoice that are none of
    ``known_refs`` (the names and supplier references of the orders chosen),
    sorted."""
    known = {ref for ref in known_refs if ref}
    return sorted(set(parsed["order_refs"]) - known)


def match_invoice_lines(parsed, candidates):
    """The order line each line of a parsed invoice bills.

    ``candidates``: the order lines the invoice may bill, as
    ``{"id": int, "codes": set of product codes}`` (the product's internal
    reference and the supplier's codes).  A line naming an order line id
    (``order_line_ref``) among the candidates bills that line; else the
    candidates whose codes include the line's seller or buyer code.

    Returns ``[(invoice line, [candidate ids])]`` in the invoice's order:
    one id when the line matches a single order line, none or several when
    it does not (the caller refuses those).
    """
    result = []
    for line in parsed["lines"]:
        ref = line["order_line_ref"]
        ids = []
        if ref and ref.isdigit():
            ids = [cand["id"] for cand in candidates if cand["id"] == int(ref)]
        if not ids:
            codes = {line["seller_code"], line["buyer_code"]} - {None}
            ids = [cand["id"] for cand in candidates if codes & set(cand["codes"])]
        result.append((line, ids))
    return result
