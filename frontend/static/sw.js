// The service worker: for now only its push half (notifications of a case's events).
importScripts('/sw-push.js');
