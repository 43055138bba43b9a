// In Chromium at phone size: a resident files a blocked fire escape with a large photo that
// carries EXIF (made here) and "use my location" (the context grants geolocation at a demo
// grid's centre); the photo is resized and re-encoded on the phone and sent with a progress
// bar; staff then see its thumbnail and the shared location. The stored image is at most
// 1600 px on its longest side and carries no EXIF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, newPhone, screenshot, PHONE } from './browser.mjs';
import { startApp, DEMO_PASSWORD } from './harness.mjs';

let app;
let browser;
before(async () => {
  app = await startApp();
  browser = await launchChromium();
});
after(async () => {
  await app?.stop();
  await browser?.close();
});

/** The width and height in a JPEG's frame header. */
function jpegSize(bytes) {
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** A 4000×3000 photo-like JPEG made by the browser, with an EXIF segment (a GPS position)
 * put in after its start, as a phone's camera writes it. */
async function cameraPhoto() {
  const page = await newPhone(browser);
  await page.goto(`${app.base}/robots.txt`);
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 4000;
    canvas.height = 3000;
    const ctx = canvas.getContext('2d');
    const gradient = ctx.createLinearGradient(0, 0, 4000, 3000);
    gradient.addColorStop(0, '#8a5a2b');
    gradient.addColorStop(1, '#2b6a8a');
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, 4000, 3000);
    // Noise, so that it is as heavy as a real photo.
    const tile = ctx.createImageData(500, 500);
    for (let i = 0; i < tile.data.length; i++) tile.data[i] = (i % 4 === 3) ? 255 : (Math.random() * 255) | 0;
    for (let x = 0; x < 4000; x += 1000) for (let y = 0; y < 3000; y += 1000) ctx.putImageData(tile, x, y);
    const blob = await new Promise((r) => canvas.toBlob(r, 'image/jpeg', 0.95));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  await page.context().close();
  const jpeg = Buffer.from(base64, 'base64');
  const payload = Buffer.from('Exif\0\0MM\0*\0\0\0\x08GPSLatitude 38.9512N GPSLongitude 121.5678E Model PhoneCam', 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1]), length, payload, jpeg.subarray(2)]);
}

test('a resident files a hazard with a photo and their location; staff see the thumbnail', async () => {
  const photo = await cameraPhoto();
  assert.ok(photo.length > 1_000_000, `a heavy photo (${photo.length} bytes)`);
  assert.ok(photo.includes('GPSLatitude'));
  const directory = (await app.get('/api/directory')).json;
  const community = directory.communities.find((c) => c.id === 'zh07');
  const grid = community.grids[2];
  const { lat_e6: lat, lon_e6: lon } = grid.area.centre;

  const context = await browser.newContext({
    ...PHONE, locale: 'en-US', permissions: ['geolocation'],
    geolocation: { latitude: lat / 1e6, longitude: lon / 1e6, accuracy: 10 },
  });
  const r = await context.newPage();
  r.errors = [];
  r.on('pageerror', (e) => r.errors.push(String(e)));
  await r.goto(`${app.base}/report`);
  await r.getByRole('radio', { name: /A hazard or public matter/ }).check();
  await r.getByRole('radio', { name: 'Blocked fire escape', exact: true }).check();
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByLabel('What happened?').fill('The fire escape of building 3 is blocked by boxes and e-bikes.');
  await r.getByRole('group', { name: /Is anyone in danger now/ }).getByRole('radio', { name: 'No' }).check();
  await r.getByRole('radio', { name: 'Goods or boxes' }).check();
  await r.getByLabel('Choose from gallery').setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: photo });
  await r.getByLabel('Upload progress').waitFor();
  assert.equal(await r.locator('.photo-list img').count(), 1);
  await screenshot(r, 'photos-report-what-en');
  await r.getByRole('button', { name: /中文/ }).click();
  await r.getByRole('button', { name: '从相册选择' }).or(r.getByText('从相册选择')).first().waitFor();
  await screenshot(r, 'photos-report-what-zh');
  await r.getByRole('button', { name: /English/ }).click();
  await r.getByRole('button', { name: 'Next' }).click();

  await r.getByRole('button', { name: 'Use my location' }).click();
  await r.getByText(/This is in: .* · Grid 3/).waitFor();
  assert.equal(await r.getByLabel('Community').inputValue(), 'zh07', 'the community the point falls in');
  assert.equal(await r.getByLabel('Grid', { exact: true }).inputValue(), grid.id, 'and its grid');
  assert.equal(await r.getByLabel('Latitude').inputValue(), (lat / 1e6).toFixed(6));
  await r.getByLabel('Address').fill('Building 3, Zhonghua Road 7');
  await screenshot(r, 'photos-report-where-en');
  await r.getByRole('button', { name: /中文/ }).click();
  await r.getByRole('button', { name: '使用我的位置' }).waitFor();
  await screenshot(r, 'photos-report-where-zh');
  await r.getByRole('button', { name: /English/ }).click();
  // A coordinate that is not one is named beside its field.
  await r.getByLabel('Longitude').fill('1e2');
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByText('Enter a valid coordinate, e.g. 38.950000').waitFor();
  await r.getByLabel('Longitude').fill((lon / 1e6).toFixed(6));
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByLabel('Your name').fill('Zhao Lei');
  await r.getByLabel('Phone number').fill('139 1234 5678');
  await r.getByRole('button', { name: 'Next' }).click();
  await r.getByText('Zhao Lei').first().waitFor();
  await screenshot(r, 'photos-report-review-en');
  await r.getByRole('button', { name: 'Send' }).click();
  await r.getByRole('heading', { name: 'Your report has been sent' }).waitFor({ timeout: 30_000 });
  const code = (await r.getByLabel('Case code', { exact: true }).textContent()).trim();
  assert.deepEqual(r.errors, []);
  await context.close();

  // Staff: the thumbnail (the image itself, scaled) opening the full image, and the location.
  const s = await newPhone(browser);
  await s.goto(`${app.base}/staff`);
  await s.getByLabel('Username').fill('coordinator');
  await s.getByLabel('Password').fill(DEMO_PASSWORD);
  await s.getByRole('button', { name: 'Sign in' }).click();
  await s.getByRole('heading', { name: 'Open cases' }).waitFor();
  await s.goto(`${app.base}/staff/cases/${code}`);
  await s.getByRole('heading', { name: 'Photos' }).waitFor();
  const thumb = s.getByRole('img', { name: 'Photos 1' });
  await thumb.waitFor();
  await thumb.scrollIntoViewIfNeeded();
  await s.waitForFunction(() => [...document.querySelectorAll('.photo-grid img')].every((img) => img.complete && img.naturalWidth > 0));
  const natural = await thumb.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  assert.deepEqual(natural, [1600, 1200], 'resized on the phone to 1600 px on the long side');
  await s.getByText(`${(lat / 1e6).toFixed(6)}, ${(lon / 1e6).toFixed(6)}`).waitFor();
  await thumb.scrollIntoViewIfNeeded();
  await screenshot(s, 'photos-staff-case-en');
  await s.getByRole('button', { name: /中文/ }).click();
  await s.getByRole('heading', { name: '照片' }).waitFor();
  await screenshot(s, 'photos-staff-case-zh');
  const href = await s.getByRole('link', { name: /Photos 1|照片 1/ }).getAttribute('href');
  const cookie = (await s.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  assert.deepEqual(s.errors, []);
  await s.context().close();

  // The image as stored: small, at most 1600 px, no EXIF.
  const res = await fetch(app.base + href, { headers: { cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control'), /^private/);
  const stored = Buffer.from(await res.arrayBuffer());
  assert.ok(stored.length <= 400 * 1024, `${stored.length} bytes`);
  const size = jpegSize(stored);
  assert.ok(Math.max(size.width, size.height) <= 1600, JSON.stringify(size));
  assert.ok(!stored.includes('Exif') && !stored.includes('GPSLatitude'), 'no EXIF, no position');
  console.log(`photo: sent ${photo.length} bytes 4000x3000 with EXIF; stored ${stored.length} bytes ${size.width}x${size.height}`);
});
