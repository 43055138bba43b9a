#!/usr/bin/env python3
"""An independent GeoReport v2 client over `requests` (or the standard library without it): it knows only the published protocol
(paths, form fields, JSON and XML documents), none of Accord's code.

    python3 tests/open311/client.py BASE API_KEY

BASE is the site (http://127.0.0.1:8787); API_KEY one an admin issued for Zhonghua Road.
Prints one line per check and `N passed, N failed`; exits non-zero on a failure.
"""
import sys
import uuid
import xml.etree.ElementTree as ET

try:
    import requests
except ImportError:  # The standard library does the same few calls where `requests` is absent.
    import json as _json
    import types
    import urllib.error
    import urllib.parse
    import urllib.request

    class _Answer:
        def __init__(self, status, headers, content):
            self.status_code, self.headers, self.content = status, headers, content
            self.text = content.decode("utf-8")

        def json(self):
            return _json.loads(self.text)

    def _send(req, timeout):
        try:
            with urllib.request.urlopen(req, timeout=timeout) as res:
                return _Answer(res.status, res.headers, res.read())
        except urllib.error.HTTPError as err:
            return _Answer(err.code, err.headers, err.read())

    def _get(url, params=None, timeout=30):
        return _send(urllib.request.Request(url + "?" + urllib.parse.urlencode(params or {})), timeout)

    def _post(url, data=None, timeout=30):
        body = urllib.parse.urlencode(data or {}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return _send(urllib.request.Request(url, data=body, headers=headers, method="POST"), timeout)

    requests = types.SimpleNamespace(get=_get, post=_post)

BASE, KEY = sys.argv[1].rstrip("/"), sys.argv[2]
V2 = BASE + "/open311/v2"
JURISDICTION = "zhonghua-road"
passed = failed = 0

# What a listing must never carry (the demo filings below use these).
NAME, PHONE, ADDRESS, WORDS = "测试居民", "13912345678", "中华路99号2单元", "楼道堆放杂物堵塞消防通道"

# GeoReport v2's fields of a request in a GET answer, in the specification's order.
REQUEST_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
    "long", "media_url",
]


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def get(path, fmt="json", **params):
    params.setdefault("jurisdiction_id", JURISDICTION)
    return requests.get(f"{V2}/{path}.{fmt}", params=params, timeout=30)


def post(fields, fmt="json"):
    return requests.post(f"{V2}/requests.{fmt}", data=fields, timeout=30)


def xml(res):
    return ET.fromstring(res.content)


def hazard(**extra):
    fields = {
        "jurisdiction_id": JURISDICTION,
        "api_key": KEY,
        "service_code": "fire_escape",
        "description": WORDS + "，已经两周了。",
        "address_string": ADDRESS,
        "lat": "38.92",
        "long": "121.60",
        "first_name": "居民",
        "last_name": "测试",
        "phone": PHONE,
        "email": "resident@example.org",
        "attribute[grid]": "zh01-g2",
        "attribute[in_danger]": "no",
        "attribute[blocked_by]": "goods",
    }
    fields.update(extra)
    return {k: v for k, v in fields.items() if v is not None}


# Discovery, in both formats.
d = get("discovery")
check("discovery answers JSON", d.status_code == 200 and d.headers["content-type"].startswith("application/json"), d.text)
ep = d.json()["endpoints"][0]
check("discovery names GeoReport v2 and both formats",
      ep["specification"] == "http://wiki.open311.org/GeoReport_v2" and ep["url"] == V2
      and set(ep["formats"]) == {"application/json", "text/xml"}, ep)
dx = xml(get("discovery", "xml"))
check("discovery answers XML", dx.tag == "discovery" and dx.find("endpoints/endpoint/specification").text.endswith("GeoReport_v2"))

# Services, in both formats, the same.
s = get("services").json()
sx = xml(get("services", "xml"))
codes = [x["service_code"] for x in s]
check("services list the street's categories", "fire_escape" in codes and "neighbours" in codes, codes)
check("every service has metadata", all(x["metadata"] is True and x["type"] == "realtime" for x in s))
check("services in XML are the same", sx.tag == "services" and [e.findtext("service_code") for e in sx.findall("service")] == codes)
en = get("services", locale="en").json()
check("locale=en names in English", any(x["service_name"] == "Neighbours" for x in en), en[:1])
check("an unknown jurisdiction is 404", get("services", jurisdiction_id="atlantis").status_code == 404)

# A service definition: the grid, then the category's questions.
df = get("services/fire_escape", locale="en").json()
attrs = {a["code"]: a for a in df["attributes"]}
check("the definition asks the grid first", df["attributes"][0]["code"] == "grid" and attrs["grid"]["required"] is True
      and any(v["key"] == "zh01-g2" for v in attrs["grid"]["values"]))
check("a yes/no question is a singlevaluelist of yes and no",
      attrs["in_danger"]["datatype"] == "singlevaluelist" and [v["key"] for v in attrs["in_danger"]["values"]] == ["yes", "no"]
      and attrs["in_danger"]["description"] == "Is anyone in danger now?" and attrs["in_danger"]["variable"] is True)
check("a choice question lists its choices", "goods" in [v["key"] for v in attrs["blocked_by"]["values"]])
check("orders follow the questions", [a["order"] for a in df["attributes"]] == list(range(1, len(df["attributes"]) + 1)))
dfx = xml(get("services/fire_escape", "xml"))
check("the definition in XML", dfx.tag == "service_definition" and len(dfx.findall("attributes/attribute")) == len(df["attributes"]))
check("an unknown service is 404 in GeoReport's error form",
      (r := get("services/nope")).status_code == 404 and r.json()[0]["code"] == 404 and r.json()[0]["description"])

# Posting: the key first.
r = post(hazard(api_key=None))
check("no api_key is 403", r.status_code == 403 and r.json()[0]["code"] == 403, r.text)
r = post(hazard(api_key="o311_" + "0" * 64))
check("a wrong api_key is 403", r.status_code == 403, r.text)
r = post(hazard(**{"attribute[grid]": None}))
check("a missing grid is 400 naming attribute[grid]", r.status_code == 400 and "attribute[grid]" in r.json()[0]["description"], r.text)
r = post(hazard(**{"attribute[in_danger]": "maybe"}))
check("a bad answer names its attribute", r.status_code == 400 and "attribute[in_danger]" in r.json()[0]["description"], r.text)
r = post(hazard(phone=None))
check("the web channel's rules: a phone is required", r.status_code == 400 and r.json()[0]["description"].startswith("phone"), r.text)
r = post(hazard(address_string=None))
check("a location without an address is 400", r.status_code == 400 and "address_string" in r.text, r.text)

own_id = str(uuid.uuid4())
r = post(hazard(client_request_id=own_id))
check("a good hazard is created", r.status_code == 201, r.text)
created = r.json()[0]
code = created["service_request_id"]
check("the answer is the id only", set(created) == {"service_request_id", "service_notice", "account_id"}
      and "secret" not in r.text.lower() and code.startswith("ZH01-"), created)
again = post(hazard(client_request_id=own_id))
check("the client's own id again answers the same case", again.status_code == 200 and again.json()[0]["service_request_id"] == code, again.text)
other = post(hazard(client_request_id=own_id, description="另一件事：楼道灯坏了很久了。"))
check("the same id with other fields is refused", other.status_code == 422, other.text)
rx = post(hazard(), "xml")
check("posting in XML", rx.status_code == 201 and xml(rx).find("request/service_request_id").text.startswith("ZH01-"), rx.text)

dispute = post({
    "jurisdiction_id": JURISDICTION, "api_key": KEY, "service_code": "neighbours",
    "description": "楼上噪音严重，多次沟通无果，希望调解。", "address_string": ADDRESS,
    "first_name": "居民", "last_name": "测试", "phone": PHONE, "attribute[grid]": "zh01-g1",
})
check("a dispute is created", dispute.status_code == 201, dispute.text)
dispute_code = dispute.json()[0]["service_request_id"]

# Reading one request, and the listing.
one = get(f"requests/{code}").json()
check("requests/{id} answers a list of one", len(one) == 1 and one[0]["service_request_id"] == code)
req = one[0]
check("it has GeoReport's fields", sorted(req) == sorted(REQUEST_FIELDS), list(req))
check("a new request is open", req["status"] == "open" and req["service_code"] == "fire_escape")
check("a hazard's address is its community and grid only", req["address"] and ADDRESS not in req["address"] and "·" in req["address"], req["address"])
check("dates carry the street's offset", req["requested_datetime"].endswith("+08:00"))
d1 = get(f"requests/{dispute_code}").json()[0]
check("a dispute has no address", d1["address"] is None and d1["description"] is None)
listing = get("requests")
text = listing.text + get("requests", "xml").text
check("the listing holds both", {code, dispute_code} <= {x["service_request_id"] for x in listing.json()})
check("no name, phone, address or words leave", not any(s in text for s in [NAME, PHONE, ADDRESS, WORDS, "测试", "resident@"]))
rxml = xml(get(f"requests/{code}", "xml"))
check("a request in XML has the fields in the specification's order", rxml.tag == "service_requests" and [c.tag for c in rxml.find("request")] == REQUEST_FIELDS)
only = get("requests", service_code="neighbours").json()
check("service_code filters", dispute_code in [x["service_request_id"] for x in only] and all(x["service_code"] == "neighbours" for x in only))
check("status=closed leaves the new ones out", code not in [x["service_request_id"] for x in get("requests", status="closed").json()])
check("status=open keeps them", code in [x["service_request_id"] for x in get("requests", status="open").json()])
check("extended statuses: a new request is open", get(f"requests/{code}", extensions="true").json()[0]["status"] == "open")
check("an old window has none of them",
      not get("requests", start_date="2025-01-01T00:00:00+08:00", end_date="2025-02-01T00:00:00+08:00").json())
check("a window over 90 days is 400", get("requests", start_date="2025-01-01T00:00:00Z", end_date="2025-12-01T00:00:00Z").status_code == 400)
ids = get("requests", service_request_id=f"{code},{dispute_code},ZH01-1999-0001").json()
check("service_request_id looks up several", sorted(x["service_request_id"] for x in ids) == sorted([code, dispute_code]))
check("an unknown id is 404", get("requests/ZH01-1999-0001").status_code == 404)
check("another street's jurisdiction does not show it", get(f"requests/{code}", jurisdiction_id="zhoushuizi").status_code in (404,))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
