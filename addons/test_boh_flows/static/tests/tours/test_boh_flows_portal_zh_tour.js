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

// A supplier reading the portal in Chinese confirms the order and announces
// the shipment; the buttons are found by id, the texts checked in Chinese.
registry.category("web_tour.tours").add("test_boh_flows_portal_zh_tour", {
    steps: () => [
        {
            content: "Confirm the whole order",
            trigger: "#boh_confirm_all:enabled:contains('确认整张订单')",
            run: "click",
        },
        {
            content: "Thanked in Chinese",
            trigger: ".boh_success:contains('谢谢：已确认。')",
        },
        {
            content: "Nothing left to confirm",
            trigger: "#boh_confirm_all:disabled",
        },
        {
            content: "Announce a shipment",
            trigger: "#boh_new_asn:contains('通知发货')",
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
            run: "edit 顺丰速运",
        },
        {
            content: "Milk quantity",
            trigger: "#boh_asn_form tr[data-product='FMILK'] input[name^='qty_']",
            run: "edit 10",
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
    ],
});
