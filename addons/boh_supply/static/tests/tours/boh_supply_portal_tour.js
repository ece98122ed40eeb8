import {registry} from "@web/core/registry";

function setValue(value) {
    return function () {
        this.anchor.value = value;
        this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
    };
}

function futureDate(days) {
    const day = new Date(Date.now() + days * 86400000);
    return day.toISOString().slice(0, 10);
}

registry.category("web_tour.tours").add("boh_supply_portal_confirm_tour", {
    steps: () => [
        {
            content: "The order waits for the supplier's confirmation",
            trigger: "#boh_supply_panel .badge:contains('To Confirm')",
        },
        {
            content: "Open the line by line form",
            trigger: "button[data-bs-target='#boh_lines_form']",
            run: "click",
        },
        {
            content: "Propose another quantity of flour",
            trigger: "#boh_lines_form tr[data-product='TFLOUR'] input[name^='qty_']",
            run: "edit 12",
        },
        {
            content: "Explain it",
            trigger: "#boh_lines_form textarea[name='note']",
            run: "edit Sold by cases of 12",
        },
        {
            content: "Send the proposal",
            trigger: "#boh_propose",
            run: "click",
        },
        {
            content: "The proposal is sent",
            trigger: ".boh_success:contains('sent to the buyer')",
        },
        {
            content: "The order shows the proposal",
            trigger: "#boh_supply_panel .badge:contains('Changes Proposed')",
        },
        {
            content: "Open the line by line form again",
            trigger: "button[data-bs-target='#boh_lines_form']",
            run: "click",
        },
        {
            content: "Select the milk line",
            trigger: "#boh_lines_form tr[data-product='TMILK'] input[name='line_ids']",
            run: "click",
        },
        {
            content: "Confirm it",
            trigger: "#boh_confirm_lines",
            run: "click",
        },
        {
            content: "The line is confirmed",
            trigger: ".boh_success:contains('Thank you')",
        },
    ],
});

registry.category("web_tour.tours").add("boh_supply_portal_asn_invoice_tour", {
    steps: () => [
        {
            content: "Announce a shipment",
            trigger: "#boh_new_asn",
            run: "click",
        },
        {
            content: "Expected arrival",
            trigger: "#boh_asn_form input[name='expected_date']",
            run: setValue(futureDate(2)),
        },
        {
            content: "Carrier",
            trigger: "#boh_asn_form input[name='carrier']",
            run: "edit SF Express",
        },
        {
            content: "Flour quantity",
            trigger: "#boh_asn_form tr[data-product='TFLOUR'] input[name^='qty_']",
            run: "edit 4",
        },
        {
            content: "Milk quantity",
            trigger: "#boh_asn_form tr[data-product='TMILK'] input[name^='qty_']",
            run: "edit 5",
        },
        {
            content: "Milk lot",
            trigger: "#boh_asn_form tr[data-product='TMILK'] input[name^='lot_']",
            run: "edit LOT-TOUR",
        },
        {
            content: "Milk expiry",
            trigger: "#boh_asn_form tr[data-product='TMILK'] input[name^='expiry_']",
            run: setValue(futureDate(20)),
        },
        {
            content: "Send the notice",
            trigger: "#boh_asn_submit",
            run: "click",
        },
        {
            content: "The notice is sent",
            trigger: ".boh_asn_title:contains('ASN/')",
        },
        {
            content: "It lists the lot",
            trigger: "td:contains('LOT-TOUR')",
        },
        {
            content: "Back to the order",
            trigger: "a.boh_asn_order",
            run: "click",
        },
        {
            content: "Upload an invoice",
            trigger: "#boh_new_bill",
            run: "click",
        },
        {
            content: "Invoice number",
            trigger: "#boh_bill_form input[name='ref']",
            run: "edit TOUR-INV-1",
        },
        {
            content: "Attach the PDF",
            trigger: "#boh_bill_form input[name='invoice_pdf']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 tour invoice"], "invoice.pdf", {
                        type: "application/pdf",
                    })
                );
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Bill the flour",
            trigger: "#boh_bill_form tr[data-product='TFLOUR'] input[name^='qty_']",
            run: "edit 4",
        },
        {
            content: "Upload",
            trigger: "#boh_bill_submit",
            run: "click",
        },
        {
            content: "The invoice is uploaded",
            trigger: ".boh_bill_title:contains('TOUR-INV-1')",
        },
    ],
});
