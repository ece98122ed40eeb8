import {registry} from "@web/core/registry";

/** A 1x1 red PNG, set on the camera input as the auditor's photo. */
const PNG_B64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

function pngFile(name) {
    const bytes = Uint8Array.from(atob(PNG_B64), (c) => c.charCodeAt(0));
    return new File([bytes], name, {type: "image/png"});
}

function takePhoto(label, name) {
    const input = label.querySelector("input.o_boh_photo_input");
    const transfer = new DataTransfer();
    transfer.items.add(pngFile(name));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

/** Draw a zigzag on a signature canvas with the pointer, as a finger would. */
function drawOn(canvas) {
    const rect = canvas.getBoundingClientRect();
    const point = (x, y) => ({
        clientX: rect.left + rect.width * x,
        clientY: rect.top + rect.height * y,
        bubbles: true,
        cancelable: true,
        pointerId: 1,
        pointerType: "touch",
        isPrimary: true,
        buttons: 1,
        pressure: 0.5,
    });
    canvas.dispatchEvent(new PointerEvent("pointerdown", point(0.1, 0.7)));
    const path = [
        [0.25, 0.2],
        [0.4, 0.8],
        [0.55, 0.2],
        [0.7, 0.8],
        [0.9, 0.3],
    ];
    for (const [x, y] of path) {
        canvas.dispatchEvent(new PointerEvent("pointermove", point(x, y)));
    }
    canvas.ownerDocument.dispatchEvent(new PointerEvent("pointerup", point(0.9, 0.3)));
}

/**
 * The network fails for the answers (as when the phone loses its connection):
 * every call to save an answer ends in a network error, the rest still works.
 */
function goOffline() {
    const proto = window.XMLHttpRequest.prototype;
    window.__bohXhr = {open: proto.open, send: proto.send};
    proto.open = function (method, url, ...rest) {
        this.__bohUrl = String(url);
        return window.__bohXhr.open.call(this, method, url, ...rest);
    };
    proto.send = function (body) {
        if (this.__bohUrl.includes("action_save_answer")) {
            setTimeout(() => this.dispatchEvent(new ProgressEvent("error")), 10);
            return;
        }
        return window.__bohXhr.send.call(this, body);
    };
}

function goOnline() {
    const proto = window.XMLHttpRequest.prototype;
    proto.open = window.__bohXhr.open;
    proto.send = window.__bohXhr.send;
    window.dispatchEvent(new Event("online"));
}

registry.category("web_tour.tours").add("boh_inspection_conduct_tour", {
    steps: () => [
        {
            content: "The visit opens on the phone; the device is near the store",
            trigger: ".o_boh_conduct .o_boh_start",
            run() {
                navigator.geolocation.getCurrentPosition = (success) =>
                    success({
                        coords: {latitude: 31.2305, longitude: 121.4738, accuracy: 9},
                    });
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
                takePhoto(this.anchor, "finding.png");
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
            content: "The phone loses its connection; the auditor answers No",
            trigger: ".o_boh_item:contains('Menu displayed') .o_boh_no",
            run() {
                goOffline();
                this.anchor.click();
            },
        },
        {
            content: "The answer waits on the phone",
            trigger: ".o_boh_pending:contains('1 answer waiting to be sent')",
        },
        {
            content: "The auditor corrects it to Yes, still offline",
            trigger: ".o_boh_item:contains('Menu displayed') .o_boh_yes",
            run: "click",
        },
        {
            content: "Both answers wait, the latest is shown",
            trigger: ".o_boh_pending:contains('2 answers waiting to be sent')",
        },
        {
            content: "The answer is shown as given, waiting to be sent",
            trigger: ".o_boh_item:contains('Menu displayed') .o_boh_yes.btn-primary",
        },
        {
            content: "Signing off waits for the connection",
            trigger: ".o_boh_sign:disabled",
        },
        {
            content: "The connection returns",
            trigger: ".o_boh_conduct",
            run() {
                goOnline();
            },
        },
        {
            content: "Every waiting answer was sent, in order",
            trigger:
                ".o_boh_conduct:not(:has(.o_boh_pending)) .o_boh_item.border-success:contains('Menu displayed'):not(:has(.o_boh_item_pending))",
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
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Photo item: photograph the display",
            trigger: ".o_boh_item:contains('Display photo') .o_boh_photo_label",
            run() {
                takePhoto(this.anchor, "display.png");
            },
        },
        {
            content: "The photo answers the item",
            trigger:
                ".o_boh_item.border-success:contains('Display photo') .o_boh_photo img",
        },
        {
            content: "Signature item: the shift leader signs",
            trigger: ".o_boh_item:contains('Shift leader') .o_boh_draw_signature",
            run: "click",
        },
        {
            content: "The shift leader draws the signature",
            trigger: ".modal .o_web_sign_signature_group canvas",
            run() {
                drawOn(this.anchor);
            },
        },
        {
            content: "Adopt the drawn signature",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The signature is saved on the item",
            trigger:
                ".o_boh_item.border-success:contains('Shift leader') img.o_boh_item_signature",
        },
        {
            content: "Every item is answered",
            trigger: ".o_boh_progress:contains('5 / 5')",
        },
        {
            content: "Hand the phone to the store manager",
            trigger: ".o_boh_sign:enabled",
            run: "click",
        },
        {
            content: "The store manager draws the signature",
            trigger: ".modal .o_web_sign_signature_group canvas",
            run() {
                drawOn(this.anchor);
            },
        },
        {
            content: "Adopt and sign",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The signed inspection is shown",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Signed')",
        },
    ],
});
