import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("boh_receiving_tour", {
    steps: () => [
        {
            content: "The approved order is open",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
        {
            content: "Receive the goods",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name='action_open_receive_wizard']",
            run: "click",
        },
        {
            content: "The wizard lists the cups",
            trigger: ".modal .o_data_row:contains('Test Cups') td[name='qty_received']",
            run: "click",
        },
        {
            content: "Only three cups arrived",
            trigger:
                ".modal .o_data_row:contains('Test Cups') td[name='qty_received'] input",
            run: "edit 3",
        },
        {
            content: "They were damaged",
            trigger:
                ".modal .o_data_row:contains('Test Cups') td[name='reason'] select",
            run: 'select "damaged"',
        },
        {
            content: "The missing quantity is claimed",
            trigger:
                ".modal .o_data_row:contains('Test Cups') td[name='qty_claimed'] input:value('2.00')",
        },
        {
            content: "Validate the receipt",
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The order is received",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Received')",
        },
        {
            content: "A claim was created",
            trigger: ".o_form_view button[name='action_view_claims']:contains('1')",
            run: "click",
        },
        {
            content: "The claim is open, for the damaged cups",
            trigger:
                ".o_list_view .o_data_row:contains('Test Cups'):contains('Damaged')",
        },
    ],
});
