// The app's service worker: the shell (these files) is cached at install and served from the cache, so the app opens
// without network; a new version of this file (a new cache name) replaces the old cache. API calls are not touched:
// the app keeps its data in IndexedDB and queues its writes itself.
const version = 'rd-m-5232c012b24a'; // the shell's hash (MobileApp/ShellVersionTests): a changed shell reaches the phones
const shell = [
  '/m/', '/m/app.css', '/m/manifest.webmanifest', '/m/icons/icon-192.png',
  '/m/js/main.js', '/m/js/texts.js', '/m/js/ui.js', '/m/js/db.js', '/m/js/net.js', '/m/js/outbox.js',
  '/m/js/jobs.js', '/m/js/steps.js', '/m/js/signature.js', '/m/js/more.js', '/m/js/qr.js', '/m/vendor/qrcode-generator.js',
];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(version).then(cache => cache.addAll(shell)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k.startsWith('rd-m-') && k !== version).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith('/m/')) return;
  // Every page of the app is the one shell; its hash routes do the rest.
  const key = event.request.mode === 'navigate' ? '/m/' : url.pathname;
  event.respondWith(caches.match(key, { ignoreSearch: true }).then(hit => hit || fetch(event.request)));
});
