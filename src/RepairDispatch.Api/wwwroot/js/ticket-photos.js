// A ticket's evidence photos: thumbnails, the full picture on a click, and the desk's upload (an invoice photographed
// at the counter). Images need the bearer token, so they are fetched and shown from blob URLs.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, mount, field, onSubmit, formatTime, enumText } from './ui.js';

const kinds = ['Nameplate', 'Invoice', 'FailedPart', 'SiteBefore', 'SiteAfter', 'InstallationCard'];

export function photosCard(orderId) {
  const list = h('div.photos', { 'data-testid': 'photos' });
  const viewer = h('dialog.photo-viewer', { 'aria-label': t('photos.open') });
  const load = async () => {
    const photos = await api.get(`/api/v1/work-orders/${orderId}/photos`);
    mount(list, photos.items.length === 0 ? h('p.muted', {}, t('photos.none')) : photos.items.map(p => thumbnail(p, viewer)));
  };
  const form = h('form.row', {},
    field(t('photos.kind'), 'kind', { options: kinds.map(k => [k, enumText('photoKind', k)]) }),
    field(t('photos.file'), 'file', { type: 'file', accept: 'image/jpeg,image/png,image/webp', required: true }),
    h('button', { type: 'submit' }, t('photos.add')));
  onSubmit(form, async () => {
    await api.upload(`/api/v1/work-orders/${orderId}/photos`, new FormData(form));
    form.reset();
    await load();
  });
  load();
  return h('section.card', { 'aria-labelledby': 'photos-title' }, h('h2', { id: 'photos-title' }, t('photos.title')), list, form, viewer);
}

function thumbnail(photo, viewer) {
  const image = h('img', { alt: enumText('photoKind', photo.kind), width: 160, height: 160, loading: 'lazy' });
  show(image, `/api/v1/photos/${photo.id}/content?size=thumb`);
  const open = h('button.link', { type: 'button', title: t('photos.open') }, image);
  open.addEventListener('click', () => {
    const full = h('img', { alt: enumText('photoKind', photo.kind) });
    const close = h('button', { type: 'button' }, t('photos.close'));
    close.addEventListener('click', () => viewer.close());
    mount(viewer, full, h('p', {}, close));
    show(full, `/api/v1/photos/${photo.id}/content?size=full`);
    viewer.showModal();
  });
  return h('figure.photo', { 'data-kind': photo.kind }, open,
    h('figcaption', {}, enumText('photoKind', photo.kind), photo.takenAt ? ` · ${t('photos.taken', formatTime(photo.takenAt))}` : '',
      photo.duplicateOf.length ? h('p.badge.bad', {}, t('photos.duplicate'), ' ',
        photo.duplicateOf.map(d => h('a', { href: `#/tickets/${d.workOrderId}` }, '↗'))) : null));
}

async function show(image, path) {
  const response = await api.raw(path);
  image.src = URL.createObjectURL(await response.blob());
  image.addEventListener('load', () => URL.revokeObjectURL(image.src), { once: true });
}
