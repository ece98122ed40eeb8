import { registry } from "@web/core/registry";

/** A 1x1 red PNG, set on the camera input as the auditor's photo. */
const PNG_B64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

function pngFile() {
    const bytes = Uint8Array.from(atob(PNG_B64), (c) => c.charCodeAt(0));
    return new File([bytes], "finding.png", { type: "image/png" });
}

registry.category("web_tour.tours").add("boh_inspection_conduct_tour", {
    steps: () => [
        {
            content: "The visit opens on the phone; the device is near the store",
            trigger: ".o_boh_conduct .o_boh_start",
            run() {
                navigator.geolocation.getCurrentPosition = (success) =>
                    success({ coords: { latitude: 31.2305, longitude: 121.4738, accuracy: 9 } });
            },
        },
        {
            content: "Start the visit",
            trigger: ".o_boh_start",
            run: "click",
        },
        {
            content: "First item: hands were not washed",
            trigger: ".o_boh_item:contains('Hands washed') .o_boh_fail:enabled",
            run: "click",
        },
        {
            content: "The failure is saved",
            trigger: ".o_boh_item.border-danger:contains('Hands washed')",
        },
        {
            content: "Take a photo with the camera",
            trigger: ".o_boh_item:contains('Hands washed') .o_boh_photo_label",
            run() {
                const input = this.anchor.querySelector("input.o_boh_photo_input");
                const transfer = new DataTransfer();
                transfer.items.add(pngFile());
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The photo is attached to the answer",
            trigger: ".o_boh_item:contains('Hands washed') .o_boh_photo img",
        },
        {
            content: "Next item",
            trigger: ".o_boh_next:enabled",
            run: "click",
        },
        {
            content: "The menu is displayed",
            trigger: ".o_boh_item:contains('Menu displayed') .o_boh_yes",
            run: "click",
        },
        {
            content: "The answer is saved",
            trigger: ".o_boh_item.border-success:contains('Menu displayed')",
        },
        {
            content: "Switch to the whole list",
            trigger: ".o_boh_mode_list",
            run: "click",
        },
        {
            content: "Fridge at 3 °C",
            trigger: ".o_boh_item:contains('Fridge temperature') input.o_boh_number",
            run() {
                this.anchor.value = "3";
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Every item is answered",
            trigger: ".o_boh_progress:contains('3 / 3')",
        },
        {
            content: "Hand the phone to the store manager",
            trigger: ".o_boh_sign:enabled",
            run: "click",
        },
        {
            content: "The manager's name is drawn as the signature",
            trigger: ".modal .o_web_sign_name_and_signature canvas",
        },
        {
            content: "Adopt and sign",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The signed inspection is shown",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Signed')",
        },
    ],
});
