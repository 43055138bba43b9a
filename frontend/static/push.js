// Web Push for the tracking page and the staff screens, called from the app through
// wasm_bindgen: the browser's permission, its push subscription, the service worker and the
// calls that hand the subscription to the API stay here, so the app's bundles carry none of
// those browser interfaces or request bodies. Which cases this phone asked to hear of is kept
// in localStorage (codes only); the language the messages are worded in is kept where the
// service worker reads it (the cache `accord-push`). `owner` is a case code, or 'staff'.
const OWNERS = 'accord.push';

const supported = () =>
  'serviceWorker' in navigator && 'PushManager' in self && 'Notification' in self && self.isSecureContext;

const owners = () => {
  try { return JSON.parse(localStorage.getItem(OWNERS) || '[]'); } catch (e) { return []; }
};

const mark = (owner, on) => {
  const rest = owners().filter((o) => o !== owner);
  try { localStorage.setItem(OWNERS, JSON.stringify(on ? [...rest, owner] : rest)); } catch (e) { /* for now only */ }
};

const current = async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  return reg && reg.pushManager.getSubscription();
};

const post = async (path, body) => {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(String(res.status));
};

const keyBytes = (key) => Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

// 'unsupported', 'denied', 'on' (this phone hears of `owner`) or 'off'.
export async function pushState(owner) {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  if (Notification.permission !== 'granted' || !owners().includes(owner)) return 'off';
  return (await current()) ? 'on' : 'off';
}

// Asks for permission, subscribes with the server's key and hands the subscription to the
// API (with the case's code and secret, or the staff session). Answers 'on', 'refused' or
// 'failed'.
export async function pushOn(owner, code, secret, lang) {
  if (!supported()) return 'refused';
  if ((await Notification.requestPermission()) !== 'granted') return 'refused';
  try {
    const res = await fetch('/api/push/key');
    if (!res.ok) return 'failed';
    const wanted = keyBytes((await res.json()).key);
    await navigator.serviceWorker.register('/sw.js');
    const reg = await navigator.serviceWorker.ready;
    let sub = await reg.pushManager.getSubscription();
    const had = sub && sub.options && sub.options.applicationServerKey;
    if (had && new Uint8Array(had).join() !== wanted.join()) {
      await sub.unsubscribe();
      sub = null;
    }
    sub = sub || (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: wanted }));
    await (await caches.open('accord-push')).put('/push-lang', new Response(lang));
    const subscription = sub.toJSON();
    await (owner === 'staff'
      ? post('/api/staff/push', { subscription })
      : post('/api/track/push', { code, secret, subscription }));
    mark(owner, true);
    return 'on';
  } catch (e) {
    return 'failed';
  }
}

// The API forgets this browser for `owner`. Answers 'off' or 'failed'.
export async function pushOff(owner, code, secret) {
  try {
    const sub = supported() && (await current());
    if (sub) {
      await (owner === 'staff'
        ? post('/api/staff/push/remove', { endpoint: sub.endpoint })
        : post('/api/track/push/remove', { code, secret, endpoint: sub.endpoint }));
    }
    mark(owner, false);
    return 'off';
  } catch (e) {
    return 'failed';
  }
}
