import {Component, useState} from "@odoo/owl";
import {scanBarcode} from "@web/core/barcode/barcode_dialog";
import {isBarcodeScannerSupported} from "@web/core/barcode/barcode_video_scanner";
import {_t} from "@web/core/l10n/translation";
import {useService} from "@web/core/utils/hooks";

/** The message of a refusal of the server (or of a lost connection). */
export function errorMessage(error) {
    return error?.data?.message || error?.message || String(error);
}

export function readAsBase64(file) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result.split(",")[1]);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
    });
}

/** A quantity typed on the phone: a finite number of 0 or more, or null. */
export function parseQuantity(raw) {
    if (raw === "" || raw === null || raw === undefined) {
        return null;
    }
    const value = Number(String(raw).replace(",", "."));
    return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Add ``delta`` to ``value`` without the float noise of repeated steps. */
export function stepQuantity(value, delta) {
    return Math.max(0, Math.round(((Number(value) || 0) + delta) * 1000) / 1000);
}

/**
 * Scanning a barcode: the phone's camera through Odoo's barcode dialog, or the
 * code typed by hand (a scanner that types, or when there is no camera).
 */
export class BohBarcodeInput extends Component {
    static template = "boh_store_ops.BarcodeInput";
    static props = {onBarcode: Function, disabled: {type: Boolean, optional: true}};

    setup() {
        this.notification = useService("notification");
        this.state = useState({value: ""});
        this.cameraSupported = isBarcodeScannerSupported();
    }

    async scan() {
        let code;
        try {
            code = await scanBarcode(this.env);
        } catch (error) {
            this.notification.add(
                errorMessage(error) || _t("The camera cannot be used."),
                {
                    type: "warning",
                }
            );
            return;
        }
        if (code) {
            await this.props.onBarcode(code);
        }
    }

    async submit(ev) {
        ev.preventDefault();
        const code = this.state.value.trim();
        if (!code) {
            return;
        }
        this.state.value = "";
        await this.props.onBarcode(code);
    }
}
