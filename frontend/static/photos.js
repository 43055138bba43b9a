// Photos and location, in plain browser JavaScript so that the web app's wasm does not grow:
// each chosen photo is decoded, scaled to at most 1600 px on its longest side and encoded
// again as JPEG (WebP where JPEG is unavailable), lowering the quality until it is at most
// about 300 KB. Encoding from a canvas writes no EXIF, so the phone's position and the camera's
// details never leave it. Prepared photos are kept here by id until sent; an upload goes by
// XMLHttpRequest so that its <progress> element shows how far it got. The wasm calls these
// through wasm_bindgen externs (frontend/src/common/photo_js.rs).

const MAX_SIDE = 1600;
const TARGET_BYTES = 300 * 1024;
const kept = new Map();

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function decode(file) {
  if (self.createImageBitmap) {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch (e) {
      // Older engines refuse the options: decode plainly below.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function encode(canvas, type, quality) {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

// Resolves to {id, url, width, height, bytes, type} for a File, or rejects with "not_image".
export async function preparePhoto(file) {
  let image;
  try {
    image = await decode(file);
  } catch (e) {
    throw 'not_image';
  }
  const w = image.width, h = image.height;
  if (!w || !h) throw 'not_image';
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').drawImage(image, 0, 0, width, height);
  if (image.close) image.close();
  let blob = null;
  for (const type of ['image/jpeg', 'image/webp']) {
    for (let quality = 0.85; quality > 0.2; quality -= 0.1) {
      blob = await encode(canvas, type, quality);
      if (!blob || blob.type !== type) break;
      if (blob.size <= TARGET_BYTES) break;
    }
    if (blob && blob.type === type) break;
  }
  if (!blob || blob.size > 400 * 1024) throw 'too_large';
  const id = newId();
  const url = URL.createObjectURL(blob);
  kept.set(id, { blob, url });
  return { id, url, width, height, bytes: blob.size, type: blob.type };
}

// Forgets a prepared photo (its preview address stops working).
export function discardPhoto(id) {
  const photo = kept.get(id);
  if (photo) URL.revokeObjectURL(photo.url);
  kept.delete(id);
}

// Sends a prepared photo to `url` with its id as Idempotency-Key (a retry names the same photo)
// and the case's secret when given; the element with id `progressId` shows the upload. Resolves
// to the HTTP status and the answer's error code, if any: {status, code}.
export function uploadPhoto(id, url, secret, progressId) {
  const photo = kept.get(id);
  if (!photo) return Promise.resolve({ status: 0, code: 'gone' });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', photo.blob.type);
    xhr.setRequestHeader('Idempotency-Key', id);
    if (secret) xhr.setRequestHeader('X-Case-Secret', secret);
    const bar = () => document.getElementById(progressId);
    xhr.upload.onprogress = (event) => {
      const el = bar();
      if (el && event.lengthComputable) {
        el.max = event.total;
        el.value = event.loaded;
      }
    };
    xhr.onload = () => {
      let code = '';
      try { code = JSON.parse(xhr.responseText).error.code; } catch (e) { /* a photo's answer */ }
      const el = bar();
      if (el && xhr.status < 300) el.value = el.max;
      resolve({ status: xhr.status, code });
    };
    xhr.onerror = () => resolve({ status: 0, code: 'network' });
    xhr.send(photo.blob);
  });
}

// The phone's position, only when the reporter asks: resolves to {lat, lon} in degrees, or
// rejects with "denied", "unavailable" or "unsupported".
export function locate() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject('unsupported');
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
      (e) => reject(e.code === 1 ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
}
