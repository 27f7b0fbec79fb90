// The customer signs with a finger on a canvas; the drawing is sent as a small PNG (the server takes at most 32 KB).
import { h } from './ui.js';
import { t } from './texts.js';

export function signaturePad(label) {
  const canvas = h('canvas.signature', { width: 600, height: 240, 'aria-label': label, 'data-testid': 'signature' });
  const context = canvas.getContext('2d');
  context.lineWidth = 4;
  context.lineCap = 'round';
  context.strokeStyle = '#111';
  let drawing = false;
  let strokes = 0;
  const at = e => {
    const box = canvas.getBoundingClientRect();
    return [(e.clientX - box.left) * canvas.width / box.width, (e.clientY - box.top) * canvas.height / box.height];
  };
  canvas.addEventListener('pointerdown', e => { drawing = true; canvas.setPointerCapture?.(e.pointerId); context.beginPath(); context.moveTo(...at(e)); });
  canvas.addEventListener('pointermove', e => { if (!drawing) return; context.lineTo(...at(e)); context.stroke(); strokes++; });
  const stop = () => { drawing = false; };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  const clear = h('button.btn.secondary', { type: 'button' }, t('complete.clearSignature'));
  clear.addEventListener('click', () => { context.clearRect(0, 0, canvas.width, canvas.height); strokes = 0; });
  return {
    element: h('div', h('label', label), canvas, clear),
    isEmpty: () => strokes === 0,
    base64: () => canvas.toDataURL('image/png').split(',')[1],
  };
}
