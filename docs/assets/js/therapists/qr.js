// Draws a QR code on a canvas, entirely in the browser (no network).
// The encoder is Project Nayuki's QR Code generator, vendored under
// vendor/qrcodegen.js with its MIT licence; only this module imports it, and
// only the homework builder imports this module, by dynamic import.
import qrcodegen from "./vendor/qrcodegen.js";

const QUIET_ZONE = 4; // modules of white border that scanners need

/**
 * Draws `text` as a QR code on `canvas`, each module `scale` pixels wide.
 * Returns the number of modules per side; throws RangeError when the text
 * is too long for any QR code.
 */
export function drawQr(canvas, text, scale = 4) {
  const code = qrcodegen.QrCode.encodeText(text, qrcodegen.QrCode.Ecc.MEDIUM);
  const side = (code.size + QUIET_ZONE * 2) * scale;
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, side, side);
  context.fillStyle = "#000000";
  for (let y = 0; y < code.size; y += 1) {
    for (let x = 0; x < code.size; x += 1) {
      if (code.getModule(x, y)) {
        context.fillRect((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale);
      }
    }
  }
  return code.size;
}
