import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("boh_forecast_explanation_tour", {
    steps: () => [
        {
            content: "Open the explanation of the suggested quantity",
            trigger: ".o_boh_suggestion_explanation",
            run: "click",
        },
        {
            content:
                "The popover explains the forecast, the safety stock and the rounding",
            trigger:
                ".o_boh_suggestion_popover:contains(Safety stock):contains(Rounding to packs of 6)",
        },
        {
            content: "The suggested quantity is shown",
            trigger: ".o_boh_suggestion_popover .o_boh_suggested:contains(30)",
        },
    ],
});
