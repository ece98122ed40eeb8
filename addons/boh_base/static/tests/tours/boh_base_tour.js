import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("boh_base_store_manager_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the BOH app",
            trigger: '.o_app[data-menu-xmlid="boh_base.boh_menu_root"]',
            run: "click",
        },
        {
            content: "The store manager sees their store, and only it",
            trigger: ".o_kanban_view .o_kanban_record:contains('Tour Store A')",
        },
        {
            content: "No other store is listed",
            trigger:
                ".o_kanban_view:not(:has(.o_kanban_record:contains('Tour Store B')))",
        },
        {
            content: "Open the store",
            trigger: ".o_kanban_record:contains('Tour Store A')",
            run: "click",
        },
        {
            content: "The store form is open",
            trigger: ".o_breadcrumb:contains('[TSA] Tour Store A')",
        },
        {
            content: "It shows the store's manager",
            trigger:
                ".o_form_view .o_field_widget[name='manager_id'] input:value('Tour Manager A')",
        },
    ],
});
