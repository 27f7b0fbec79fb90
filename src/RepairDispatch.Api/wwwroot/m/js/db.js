// The phone's own store (IndexedDB): the session, the jobs as the server last sent them, the queue of steps and photos
// not yet sent, and small lists (parts, old parts, earnings). It outlives closing the app; nothing here needs the network.
const name = 'rd-technician';
let opened = null;

function open() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('kv');
      db.createObjectStore('jobs', { keyPath: 'id' });
      db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(store, mode, work) {
  const db = await open();
  const tx = db.transaction(store, mode);
  const result = await done(work(tx.objectStore(store)));
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
  return result;
}

export const kv = {
  get: key => run('kv', 'readonly', s => s.get(key)),
  set: (key, value) => run('kv', 'readwrite', s => s.put(value, key)),
  remove: key => run('kv', 'readwrite', s => s.delete(key)),
};

export const jobs = {
  all: () => run('jobs', 'readonly', s => s.getAll()),
  get: id => run('jobs', 'readonly', s => s.get(id)),
  put: record => run('jobs', 'readwrite', s => s.put(record)),
  remove: id => run('jobs', 'readwrite', s => s.delete(id)),
  clear: () => run('jobs', 'readwrite', s => s.clear()),
};

export const queue = {
  /** Everything not yet sent, in the order the technician did it. */
  all: () => run('queue', 'readonly', s => s.getAll()),
  add: item => run('queue', 'readwrite', s => s.add(item)),
  put: item => run('queue', 'readwrite', s => s.put(item)),
  remove: seq => run('queue', 'readwrite', s => s.delete(seq)),
  clear: () => run('queue', 'readwrite', s => s.clear()),
};
