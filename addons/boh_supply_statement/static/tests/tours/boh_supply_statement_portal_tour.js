import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("boh_supply_statement_portal_tour", {
    steps: () => [
        {
            content: "The statement waits for the supplier",
            trigger: ".o_portal_content .badge:contains('To Confirm')",
        },
        {
            content: "Confirm the sugar line",
            trigger: "#boh_statement_answer_form tr[data-product='SSUGAR'] select",
            run: "select confirmed",
        },
        {
            content: "Dispute the rice line",
            trigger: "#boh_statement_answer_form tr[data-product='SRICE'] select",
            run: "select disputed",
        },
        {
            content: "Say why",
            trigger: "#boh_statement_answer_form tr[data-product='SRICE'] textarea",
            run: "edit The agreed price is 5.50",
        },
        {
            content: "Send the answers",
            trigger: "#boh_statement_answer",
            run: "click",
        },
        {
            content: "The answers are sent",
            trigger: ".boh_success:contains('sent to the buyer')",
        },
        {
            content: "The statement is disputed",
            trigger: ".o_portal_content .badge:contains('Disputed')",
        },
    ],
});
