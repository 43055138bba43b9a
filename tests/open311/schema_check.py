#!/usr/bin/env python3
"""Holds every GeoReport v2 document of a running instance to the JSON Schemas in
tests/open311/schema/ (written from the specification), in JSON and in XML.

    .venv/bin/python tests/open311/schema_check.py BASE API_KEY

Needs `jsonschema_rs` (installed into .venv/ with schemathesis). Prints one line per document
checked and `N passed, N failed`; exits non-zero on a failure.
"""
import glob
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import jsonschema_rs

BASE, KEY = sys.argv[1].rstrip("/"), sys.argv[2]
V2 = BASE + "/open311/v2"
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema")
SCHEMAS = {os.path.basename(f)[:-5]: json.load(open(f, encoding="utf-8")) for f in glob.glob(HERE + "/*.json")}
REGISTRY = jsonschema_rs.Registry([(s["$id"], s) for s in SCHEMAS.values()])
VALIDATORS = {name: jsonschema_rs.validator_for(s, registry=REGISTRY) for name, s in SCHEMAS.items() if name != "common"}
passed = failed = 0

# The XML form of each document (GeoReport v2 gives each list's element and its items'),
# and the fields that are not text in JSON.
LISTS = {"services": "service", "service_requests": "request", "errors": "error",
         "attributes": "attribute", "values": "value", "endpoints": "endpoint", "formats": "format"}
BOOLEANS = {"metadata", "variable", "required"}
INTEGERS = {"order", "code"}
NUMBERS = {"lat", "long"}


def send(method, path, fields=None):
    body = urllib.parse.urlencode(fields).encode() if fields is not None else None
    url = f"{V2}/{path}"
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, body, headers, method=method), timeout=30) as res:
            return res.status, res.headers.get("content-type", ""), res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type", ""), err.read()


def from_xml(element, parent=None):
    """The JSON value an element stands for: a list, an object, or its text typed by field."""
    if element.tag in LISTS and element.tag != parent:
        # `code` is an error's number but an attribute's identifier: only errors' are numbers.
        return [from_xml(child, element.tag) for child in element if child.tag == LISTS[element.tag]]
    children = list(element)
    if children:
        return {child.tag: from_xml(child, element.tag) for child in children}
    text = element.text
    if text is None or text == "":
        return None
    if element.tag in BOOLEANS:
        return {"true": True, "false": False}.get(text, text)
    if element.tag in INTEGERS and (element.tag != "code" or parent == "error"):
        return int(text) if text.lstrip("-").isdigit() else text
    if element.tag in NUMBERS:
        try:
            return float(text)
        except ValueError:
            return text
    return text


def check(label, schema, path, method="GET", fields=None, status=200):
    global passed, failed
    problems = []
    for fmt, kind in (("json", "application/json"), ("xml", "text/xml")):
        got, ctype, body = send(method, f"{path}.{fmt}" if "?" not in path else path.replace("?", f".{fmt}?", 1), fields)
        if got != status:
            problems.append(f"{fmt}: status {got}, not {status}: {body[:200]!r}")
            continue
        if not ctype.startswith(kind):
            problems.append(f"{fmt}: content type {ctype}")
            continue
        try:
            doc = json.loads(body) if fmt == "json" else from_xml(ET.fromstring(body))
        except (ValueError, ET.ParseError) as err:
            problems.append(f"{fmt}: does not parse: {err}")
            continue
        problems += [f"{fmt} {list(e.instance_path)}: {e.message}" for e in VALIDATORS[schema].iter_errors(doc)]
        if fmt == "json" and method == "POST" and fields is not None and status in (200, 201):
            fields = dict(fields, client_request_id=str(uuid.uuid4()))  # the XML post files its own
    if problems:
        failed += 1
        print(f"FAIL {label} ({schema}):\n  " + "\n  ".join(problems[:8]))
    else:
        passed += 1
        print(f"ok   {label} ({schema})")


def hazard(**extra):
    fields = {
        "jurisdiction_id": "zhonghua-road", "api_key": KEY, "service_code": "fire_escape",
        "description": "三单元楼道堆放杂物，堵住了消防通道。", "address_string": "中华路99号",
        "first_name": "居民", "last_name": "检查", "phone": "13912345678",
        "attribute[grid]": "zh01-g2", "client_request_id": str(uuid.uuid4()),
    }
    fields.update(extra)
    return fields


check("discovery", "discovery", "discovery")
check("services", "services", "services")
check("services in English", "services", "services?locale=en")
_, _, body = send("GET", "services.json")
for service in json.loads(body):
    check(f"definition of {service['service_code']}", "service-definition", f"services/{service['service_code']}")
check("a new request", "requests-created", "requests", "POST", hazard(), 201)
_, _, body = send("POST", "requests.json", hazard())
code = json.loads(body)[0]["service_request_id"]
check("one request", "requests", f"requests/{code}")
check("one request, extended", "requests-extended", f"requests/{code}?extensions=true")
check("the listing", "requests", "requests")
check("the listing, extended", "requests-extended", "requests?extensions=true")
check("the listing, filtered", "requests", "requests?status=open&service_code=fire_escape")
check("a wrong key", "errors", "requests", "POST", hazard(api_key="o311_" + "0" * 64), 403)
check("a missing grid", "errors", "requests", "POST", hazard(**{"attribute[grid]": ""}), 400)
check("an unknown service", "errors", "services/nope", status=404)
check("an unknown request", "errors", "requests/ZH01-2026-999999", status=404)
check("a bad date", "errors", "requests?start_date=yesterday", status=400)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
