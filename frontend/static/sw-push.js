// The push half of the service worker, loaded by sw.js with importScripts('/sw-push.js'). A
// message names a case code and an event kind only ({"case":"…","kind":"…"}); this words it
// in the language chosen when the browser subscribed, and a click opens the case's page:
// the tracking page for a resident's kinds, the case's staff screen for staff kinds.
(function () {
  var WORDS = {
    status_changed: ['您的事项有了新进展', 'Your case has moved on', '打开查看最新状态。', 'Open it to see where it stands.'],
    session_proposed: ['调解员提出了调解会时间', 'The mediator proposed times for a session', '请打开调解员发给您的链接回复。', 'Answer through the link the mediator sent you.'],
    session_confirmed: ['调解会时间已确定', 'The session time is fixed', '打开查看时间和地点。', 'Open it to see when and where.'],
    agreement_to_confirm: ['调解协议等待您确认', 'An agreement waits for your confirmation', '请打开调解员发给您的链接阅读并确认。', 'Open the link the mediator sent you to read and confirm it.'],
    feedback_asked: ['事项已调解完毕，请您评价', 'Your case is resolved: tell us how it went', '打开留下您的评价。', 'Open it to give your feedback.'],
    assigned: ['您被指派处理一个事项', 'You were assigned a case', '打开查看事项。', 'Open the case.'],
    escalated: ['一个事项已逾期并上报', 'A case is overdue and was escalated', '打开查看事项。', 'Open the case.'],
    session_changed: ['您的一个调解会有了变化', 'One of your sessions changed', '打开查看日程。', 'Open the agenda.']
  };
  var STAFF = { assigned: true, escalated: true, session_changed: true };

  function language() {
    return caches.open('accord-push')
      .then(function (cache) { return cache.match('/push-lang'); })
      .then(function (found) { return found ? found.text() : 'zh'; })
      .catch(function () { return 'zh'; });
  }

  self.addEventListener('push', function (event) {
    var message = {};
    try { message = event.data ? event.data.json() : {}; } catch (e) { message = {}; }
    var words = WORDS[message.kind];
    var code = typeof message.case === 'string' ? message.case : '';
    if (!words || !/^[A-Z0-9-]{1,40}$/.test(code)) return;
    event.waitUntil(language().then(function (lang) {
      var en = lang === 'en' ? 1 : 0;
      var url = STAFF[message.kind] ? '/staff/cases/' + encodeURIComponent(code) : '/track?code=' + encodeURIComponent(code);
      return self.registration.showNotification(words[en], {
        body: code + ' · ' + words[2 + en],
        tag: code + ':' + message.kind,
        lang: en ? 'en' : 'zh-CN',
        icon: '/icons/icon-192.png',
        data: { url: url }
      });
    }));
  });

  self.addEventListener('notificationclick', function (event) {
    event.notification.close();
    var url = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin).href;
    event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (windows[i].url === url && 'focus' in windows[i]) return windows[i].focus();
      }
      return self.clients.openWindow(url);
    }));
  });
})();
