import {registry} from "@web/core/registry";

/** A 1x1 red PNG, set on the camera input as the photo of the waste. */
const PNG_B64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

function takePhoto(label, name) {
    const bytes = Uint8Array.from(atob(PNG_B64), (c) => c.charCodeAt(0));
    const input = label.querySelector("input[type='file']");
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, {type: "image/png"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

function typeQuantity(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

registry.category("web_tour.tours").add("boh_store_ops_count_phone_tour", {
    steps: () => [
        {
            content: "The count sheet opens on the phone",
            trigger: ".o_boh_count_phone .o_boh_count_line:contains('Test Flour')",
        },
        {
            content: "No camera here: type the barcode of the flour",
            trigger: ".o_boh_count_phone .o_boh_barcode_input",
            run: "edit 2000000000011",
        },
        {
            content: "Find the product",
            trigger: ".o_boh_count_phone .o_boh_barcode_find",
            run: "click",
        },
        {
            content: "The flour is shown: 7.5 kg counted",
            trigger: ".o_boh_count_current:contains('Test Flour') input.o_boh_qty",
            run() {
                typeQuantity(this.anchor, "7.5");
            },
        },
        {
            content: "The quantity is saved",
            trigger: ".o_boh_count_line:contains('Test Flour') .o_boh_count_line_saved",
        },
        {
            content: "Search the cups by name",
            trigger: ".o_boh_count_phone .o_boh_count_search",
            run: "edit Cups",
        },
        {
            content: "Only the cups are listed",
            trigger:
                ".o_boh_count_phone:not(:has(.o_boh_count_line:contains('Test Flour'))) .o_boh_count_line:contains('Test Cups')",
        },
        {
            content: "One cup",
            trigger: ".o_boh_count_line:contains('Test Cups') .o_boh_plus",
            run: "click",
        },
        {
            content: "Two cups",
            trigger:
                ".o_boh_count_line:contains('Test Cups'):has(input.o_boh_qty:value(1)) .o_boh_plus",
            run: "click",
        },
        {
            content: "Both steps are saved",
            trigger: ".o_boh_count_line:contains('Test Cups') input.o_boh_qty:value(2)",
        },
        {
            content: "Done: back to the count sheet",
            trigger:
                ".o_boh_count_phone:has(.o_boh_phone_status:contains('Saved')) .o_boh_count_done:enabled",
            run: "click",
        },
        {
            content: "The count form shows the counted quantities",
            trigger:
                ".o_form_view .o_field_widget[name='line_ids'] .o_data_row:contains('Test Cups')",
        },
    ],
});

registry.category("web_tour.tours").add("boh_store_ops_waste_phone_tour", {
    steps: () => [
        {
            content: "Search the product thrown away",
            trigger: ".o_boh_waste_phone .o_boh_waste_search",
            run: "edit Flour",
        },
        {
            content: "Pick the flour",
            trigger: ".o_boh_waste_phone .o_boh_waste_result:contains('Test Flour')",
            run: "click",
        },
        {
            content: "Two kilograms",
            trigger: ".o_boh_waste_product:contains('Test Flour') .o_boh_plus",
            run: "click",
        },
        {
            content: "The quantity is two",
            trigger: ".o_boh_waste_product input.o_boh_qty:value(2)",
        },
        {
            content: "It was damaged",
            trigger: ".o_boh_waste_reason[data-reason='damaged']",
            run: "click",
        },
        {
            content: "Take a photo with the camera",
            trigger: ".o_boh_waste_photo_label",
            run() {
                takePhoto(this.anchor, "waste.png");
            },
        },
        {
            content: "The photo is shown",
            trigger: ".o_boh_waste_photo_preview",
        },
        {
            content: "Log the waste",
            trigger:
                ".o_boh_waste_phone:has(.o_boh_waste_reason.btn-primary[data-reason='damaged']) .o_boh_waste_log:enabled",
            run: "click",
        },
        {
            content: "The waste is listed as logged today",
            trigger:
                ".o_boh_waste_today .o_boh_waste_entry[data-state='done']:contains('Test Flour')",
        },
    ],
});
