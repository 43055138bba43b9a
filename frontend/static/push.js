// Web Push for the tracking page and the staff screens, called from the app through
// wasm_bindgen: the browser's permission, its push subscription and the service worker stay
// here, so the app's bundle carries none of those browser interfaces. The app itself sends
// the subscription to the API. Which cases this phone asked to hear of is kept in
// localStorage (codes only); the language the messages are worded in is kept where the
// service worker reads it (the cache `accord-push`).
const CASES = 'accord.push';
const LANG_CACHE = 'accord-push';

const supported = () =>
  'serviceWorker' in navigator && 'PushManager' in self && 'Notification' in self && self.isSecureContext;

const owners = () => {
  try { return JSON.parse(localStorage.getItem(CASES) || '[]'); } catch (e) { return []; }
};

const registration = async () => {
  await navigator.serviceWorker.register('/sw.js');
  return navigator.serviceWorker.ready;
};

const keyBytes = (key) => {
  const text = atob(key.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
};

// 'unsupported', 'denied', 'on' (this phone hears of `owner`) or 'off'.
export async function pushState(owner) {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  if (Notification.permission !== 'granted' || !owners().includes(owner)) return 'off';
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = reg && (await reg.pushManager.getSubscription());
  return sub ? 'on' : 'off';
}

// Asks for permission and subscribes with the server's key; answers the subscription's JSON.
// Fails with 'unsupported', 'denied' or 'failed'.
export async function pushSubscribe(key, lang) {
  if (!supported()) throw 'unsupported';
  if ((await Notification.requestPermission()) !== 'granted') throw 'denied';
  try {
    const reg = await registration();
    let sub = await reg.pushManager.getSubscription();
    const wanted = keyBytes(key);
    const current = sub && sub.options && sub.options.applicationServerKey;
    if (sub && current && new Uint8Array(current).join() !== wanted.join()) {
      await sub.unsubscribe();
      sub = null;
    }
    sub = sub || (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: wanted }));
    const cache = await caches.open(LANG_CACHE);
    await cache.put('/push-lang', new Response(lang));
    return JSON.stringify(sub.toJSON());
  } catch (e) {
    throw 'failed';
  }
}

// Remembers whether this phone hears of `owner` (after the server said so).
export function pushMark(owner, on) {
  const rest = owners().filter((o) => o !== owner);
  try { localStorage.setItem(CASES, JSON.stringify(on ? [...rest, owner] : rest)); } catch (e) { /* kept for now only */ }
}

// The endpoint of this browser's subscription, '' if none.
export async function pushEndpoint() {
  if (!supported()) return '';
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = reg && (await reg.pushManager.getSubscription());
  return sub ? sub.endpoint : '';
}
