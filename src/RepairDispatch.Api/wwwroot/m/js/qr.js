// The old-part tag as a QR code, drawn on a canvas by qrcode-generator (MIT, vendored in /m/vendor with its licence):
// the same content as the printed label's QR (the tag), so the desk's scanner reads either.
import qrcode from '../vendor/qrcode-generator.js';
import { h } from './ui.js';

export function qrCanvas(text, label) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const modules = qr.getModuleCount();
  const quiet = 4;
  const scale = 8;
  const canvas = h('canvas.qr', { width: (modules + 2 * quiet) * scale, height: (modules + 2 * quiet) * scale, role: 'img', 'aria-label': label, 'data-testid': 'qr' });
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  for (let r = 0; r < modules; r++)
    for (let c = 0; c < modules; c++)
      if (qr.isDark(r, c)) context.fillRect((c + quiet) * scale, (r + quiet) * scale, scale, scale);
  return canvas;
}
