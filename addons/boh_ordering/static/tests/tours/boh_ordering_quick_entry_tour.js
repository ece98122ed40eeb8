import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("boh_ordering_quick_entry_tour", {
    url: "/odoo/action-boh_ordering.boh_store_order_line_action_quick",
    steps: () => [
        {
            content: "Lines come in the guide's walk order: cups first",
            trigger:
                ".o_list_view .o_data_row:first-child .o_data_cell:contains('Test Cups')",
        },
        {
            content: "The suggestion is the ordered quantity",
            trigger:
                ".o_data_row:first-child .o_data_cell[name='qty_ordered']:contains('24.00')",
        },
        {
            content: "One more pack",
            trigger: ".o_data_row:first-child button.o_boh_qty_plus",
            run: "click",
        },
        {
            content: "Rounded to a pack of six",
            trigger:
                ".o_data_row:first-child .o_data_cell[name='qty_ordered']:contains('30.00')",
        },
        {
            content: "One pack less",
            trigger: ".o_data_row:first-child button.o_boh_qty_minus",
            run: "click",
        },
        {
            content: "Back to the suggestion",
            trigger:
                ".o_data_row:first-child .o_data_cell[name='qty_ordered']:contains('24.00')",
        },
    ],
});
