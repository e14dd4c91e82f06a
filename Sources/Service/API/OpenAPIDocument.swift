import Foundation
import Hummingbird

/// `GET /api/v1/openapi.json`: the API described in OpenAPI 3.1, paths
/// relative to its server. Written by hand so that it says what each
/// route means; a test checks that it validates and lists every route the
/// router serves under `/api/v1`.
enum OpenAPIDocument {
    static func addRoute(to api: RouterGroup<ServiceRequestContext>) {
        api.get("openapi.json") { _, _ in JSONBody.bytes(.ok, Data(text.utf8)) }
    }

    static let text = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Spotcheck API",
        "version": "1.0.0",
        "description": "双随机、一公开: drawn tasks, findings and their evaluation, list confirmation, referral handling, deadlines, reports and the published results of one store. Errors are {\"error\", \"diagnostics\"?} in the language of ?lang= or Accept-Language (Chinese by default)."
      },
      "servers": [{"url": "/api/v1"}],
      "security": [{"bearer": []}, {"session": []}],
      "paths": {
        "/health": {"get": {"operationId": "health", "summary": "Liveness", "security": [],
          "responses": {"200": {"description": "The service is up", "content": {"application/json": {"schema": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}}}}}}}},
        "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document", "security": [],
          "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        "/session": {
          "post": {"operationId": "signIn", "summary": "Sign in: a bearer token, and a session cookie for browsers", "security": [],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Credentials"}}}},
            "responses": {"200": {"description": "Signed in", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SignedIn"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "429": {"$ref": "#/components/responses/TooManyRequests"}}},
          "delete": {"operationId": "signOut", "summary": "Sign out (ends the session)",
            "responses": {"204": {"description": "Signed out"}, "401": {"$ref": "#/components/responses/Unauthorized"}}}},
        "/tasks": {"get": {"operationId": "listTasks", "summary": "The drawn tasks the caller may see (inspector: on its team; department admin: its department's part; lead office: its jurisdiction)",
          "parameters": [{"name": "plan", "in": "query", "required": false, "schema": {"type": "string"}}],
          "responses": {"200": {"description": "Tasks", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Task"}}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
        "/submissions": {"post": {"operationId": "submitFindings", "summary": "Submit findings (SPEC §6, JSON) of the caller's department for a task whose team includes the caller; evaluated and stored once durable",
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Findings"}}}},
          "responses": {"201": {"description": "Stored as a new version; the evaluation (SPEC §7) with submission_id and version", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evaluation"}}}},
            "200": {"description": "The same submission id with the same content was stored before: nothing new", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evaluation"}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
            "409": {"$ref": "#/components/responses/Conflict"}, "413": {"$ref": "#/components/responses/TooLarge"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}},
        "/evidence": {"post": {"operationId": "uploadEvidence", "summary": "Upload a photo (JPEG, PNG, WebP, HEIC) or a PDF; findings name it sha256:<hex>",
          "requestBody": {"required": true, "content": {"image/jpeg": {"schema": {"type": "string", "contentMediaType": "image/jpeg"}}, "image/png": {"schema": {"type": "string", "contentMediaType": "image/png"}},
            "image/webp": {"schema": {"type": "string", "contentMediaType": "image/webp"}}, "image/heic": {"schema": {"type": "string", "contentMediaType": "image/heic"}},
            "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}}},
          "responses": {"201": {"description": "Kept", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Evidence"}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "413": {"$ref": "#/components/responses/TooLarge"},
            "415": {"description": "Not a photo or a PDF", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}},
        "/validate": {"post": {"operationId": "validateDraft", "summary": "Check a checklist or plan draft (YAML) against the rulebook, with its examples",
          "requestBody": {"required": true, "content": {"application/yaml": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}}}},
          "responses": {"200": {"description": "The draft's diagnostics", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Validation"}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "413": {"$ref": "#/components/responses/TooLarge"}}}},
        "/confirmations": {"post": {"operationId": "confirmTask", "summary": "A department administrator confirms or rejects (with a reason) its part of a drawn task (比对和确认)",
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Confirmation"}}}},
          "responses": {"201": {"description": "Recorded", "content": {"application/json": {"schema": {"type": "object", "properties": {"task": {"type": "string"}, "department": {"type": "string"}, "decision": {"type": "string"}}}}}},
            "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
            "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}},
        "/referrals": {"get": {"operationId": "listReferrals", "summary": "Referrals sent to the administrator's department, or all of the lead office's jurisdiction",
          "responses": {"200": {"description": "Referrals", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Referral"}}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
        "/referrals/{id}/events": {"post": {"operationId": "recordReferralEvent", "summary": "Record a referral's handling: received, handled (decision, number, date) or closed",
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReferralEvent"}}}},
          "responses": {"201": {"description": "Recorded", "content": {"application/json": {"schema": {"type": "object", "properties": {"referral": {"type": "string"}, "status": {"type": "string"}}}}}},
            "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
            "404": {"$ref": "#/components/responses/NotFound"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}},
        "/status": {"get": {"operationId": "status", "summary": "Deadlines due and overdue, with who must meet them (an administrator: its department's)",
          "parameters": [{"name": "on", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
            {"name": "all", "in": "query", "required": false, "schema": {"type": "boolean"}}],
          "responses": {"200": {"description": "Deadlines", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}},
            "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
        "/report": {"get": {"operationId": "report", "summary": "Statistics against Rules/targets.yaml for a year or a plan (an administrator: its department's part)",
          "parameters": [{"name": "year", "in": "query", "required": false, "schema": {"type": "integer"}},
            {"name": "plan", "in": "query", "required": false, "schema": {"type": "string"}},
            {"name": "on", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}}],
          "responses": {"200": {"description": "The report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
            "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
        "/publications": {"post": {"operationId": "publish", "summary": "The lead office publishes every result whose entry is complete, personal data removed",
          "parameters": [{"name": "plan", "in": "query", "required": false, "schema": {"type": "string"}}],
          "responses": {"200": {"description": "Published", "content": {"application/json": {"schema": {"type": "object", "required": ["published", "awaiting_results", "redacted", "audit_head"],
            "properties": {"published": {"type": "integer"}, "awaiting_results": {"type": "array", "items": {"type": "string"}}, "redacted": {"type": "integer"}, "audit_head": {"$ref": "#/components/schemas/AuditHead"}}}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
        "/disclosures": {"get": {"operationId": "searchDisclosures", "summary": "Published records, newest first, a page of 20; Link rel=next when more", "security": [],
          "parameters": [{"name": "q", "in": "query", "required": false, "description": "A name fragment (two characters or more) or a credit code (or its first eight characters or more)", "schema": {"type": "string", "maxLength": 128}},
            {"name": "plan", "in": "query", "required": false, "schema": {"type": "string"}},
            {"name": "result", "in": "query", "required": false, "schema": {"type": "string"}},
            {"name": "department", "in": "query", "required": false, "schema": {"type": "string"}},
            {"name": "jurisdiction", "in": "query", "required": false, "schema": {"type": "string"}},
            {"name": "from", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
            {"name": "to", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
            {"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 500}}],
          "responses": {"200": {"description": "A page of records", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Disclosure"}}}}},
            "400": {"$ref": "#/components/responses/BadRequest"}}}}
      },
      "components": {
        "securitySchemes": {
          "bearer": {"type": "http", "scheme": "bearer", "description": "The token from POST /session"},
          "session": {"type": "apiKey", "in": "cookie", "name": "spotcheck_session", "description": "Browsers; writes also need the X-CSRF-Token header (csrf_token from POST /session)"}
        },
        "responses": {
          "BadRequest": {"description": "The body or a parameter cannot be read", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unauthorized": {"description": "Sign in first (or wrong credentials)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Forbidden": {"description": "Not for this role, department or jurisdiction", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "NotFound": {"description": "No such record", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Conflict": {"description": "The same id exists with another content", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "TooLarge": {"description": "The body is over the limit", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unprocessable": {"description": "The document does not fit: diagnostics with line and column", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "TooManyRequests": {"description": "Too many failed sign-ins; Retry-After says when to try again", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}, "diagnostics": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}}}},
          "Diagnostic": {"type": "object", "required": ["line", "column", "message"], "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "column": {"type": "integer"}, "severity": {"enum": ["error", "warning"]}, "message": {"type": "string"}}},
          "Credentials": {"type": "object", "required": ["id", "password"], "properties": {"id": {"type": "string"}, "password": {"type": "string"}}},
          "SignedIn": {"type": "object", "required": ["token", "role", "csrf_token"], "properties": {"token": {"type": "string"}, "role": {"enum": ["inspector", "department_admin", "lead_office", "system_admin"]},
            "csrf_token": {"type": "string"}, "jurisdiction": {"type": "string"}, "department": {"type": "string"}}},
          "Task": {"type": "object", "required": ["id", "plan", "task", "entity", "teams", "checklists"], "properties": {
            "id": {"type": "string", "description": "<plan>/T-nnnn"}, "plan": {"type": "string"}, "task": {"type": "string", "pattern": "^T-[0-9]+$"}, "jurisdiction": {"type": "string"},
            "entity": {"type": "object", "required": ["id", "name"], "additionalProperties": true, "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
            "teams": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            "checklists": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            "confirm_due": {"type": "string", "format": "date"}}},
          "Findings": {"type": "object", "description": "SPEC §6 findings as JSON", "required": ["entity", "checklist", "department", "inspected_on", "inspectors", "answers"], "additionalProperties": true,
            "properties": {"submission_id": {"type": "string"}, "plan": {"type": "string"}, "task": {"type": "string"}, "entity": {"type": "string"}, "checklist": {"type": "string"}, "department": {"type": "string"},
              "inspected_on": {"type": "string", "format": "date"}, "inspectors": {"type": "array", "items": {"type": "string"}}, "answers": {"type": "object"},
              "notes": {"type": "object"}, "evidence": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"}}}}},
          "Evaluation": {"type": "object", "description": "SPEC §7 evaluation in the caller's language, with submission_id and version", "required": ["submission_id", "version", "entity", "checklist", "department", "items", "violations", "result", "referrals"],
            "additionalProperties": true, "properties": {"submission_id": {"type": "string"}, "version": {"type": "integer", "minimum": 1}, "duplicate": {"type": "boolean"},
              "plan": {"type": "string"}, "task": {"type": "string"}, "entity": {"type": "string"}, "entity_name": {"type": "string"}, "checklist": {"type": "string"}, "department": {"type": "string"},
              "items": {"type": "array", "items": {"type": "object", "required": ["id", "status"], "properties": {"id": {"type": "string"}, "status": {"type": "string"}}}},
              "violations": {"type": "array", "items": {"type": "string"}}, "key_item_violations": {"type": "array", "items": {"type": "string"}},
              "result": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["code", "label", "rank", "tone"], "properties": {"code": {"type": "string"}, "label": {"type": "string"}, "rank": {"type": "integer"}, "tone": {"enum": ["clear", "notice", "serious"]}}}]},
              "referrals": {"type": "array", "items": {"type": "object", "required": ["to", "kind", "items"], "properties": {"to": {"type": "string"}, "to_name": {"type": "string"}, "kind": {"type": "string"}, "items": {"type": "array", "items": {"type": "string"}}, "due": {"type": ["string", "null"]}, "route": {"type": "string"}}}},
              "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}}}},
          "Evidence": {"type": "object", "required": ["sha256", "reference"], "properties": {"sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "reference": {"type": "string"}, "content_type": {"type": "string"}, "size": {"type": "integer"}}},
          "Validation": {"type": "object", "required": ["valid", "diagnostics"], "properties": {"valid": {"type": "boolean"}, "file": {"type": "string", "description": "The rule file the draft stands for"},
            "diagnostics": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}},
            "examples": {"type": "array", "items": {"type": "object", "required": ["checklist", "name", "passed"], "properties": {"checklist": {"type": "string"}, "name": {"type": "string"}, "line": {"type": "integer"}, "passed": {"type": "boolean"}, "problems": {"type": "array", "items": {"type": "string"}}}}}}},
          "Confirmation": {"type": "object", "required": ["task", "decision"], "properties": {"task": {"type": "string"}, "decision": {"enum": ["confirmed", "rejected"]}, "reason": {"type": "string"}}},
          "Referral": {"type": "object", "required": ["id", "task", "recipient", "kind", "status"], "properties": {"id": {"type": "string"}, "task": {"type": "string"}, "recipient": {"type": "string"}, "recipient_name": {"type": "string"},
            "kind": {"type": "string"}, "items": {"type": "array", "items": {"type": "string"}}, "due": {"type": "string"}, "status": {"enum": ["open", "received", "handled", "closed", "superseded"]}, "status_on": {"type": "string"}}},
          "ReferralEvent": {"type": "object", "required": ["status"], "properties": {"status": {"enum": ["received", "handled", "closed"]}, "decision": {"type": "string"}, "decision_no": {"type": "string"},
            "decision_public": {"type": "boolean"}, "on": {"type": "string", "format": "date"}}},
          "Status": {"type": "object", "required": ["jurisdiction", "on", "deadlines", "overdue"], "properties": {"jurisdiction": {"type": "string"}, "on": {"type": "string", "format": "date"}, "overdue": {"type": "integer"},
            "deadlines": {"type": "array", "items": {"type": "object", "required": ["kind", "subject", "responsible", "due", "state"], "properties": {"kind": {"type": "string"}, "kind_label": {"type": "string"}, "subject": {"type": "string"}, "plan": {"type": "string"},
              "responsible": {"type": "string"}, "responsible_name": {"type": "string"}, "due": {"type": "string", "format": "date"}, "state": {"enum": ["due", "overdue", "done", "done_late"]}, "state_label": {"type": "string"}, "detail": {"type": "string"}}}}}},
          "Report": {"type": "object", "required": ["jurisdiction", "inspections", "targets", "audit_head"], "additionalProperties": true, "properties": {"jurisdiction": {"type": "string"}, "inspections": {"type": "integer"},
            "targets": {"type": "array", "items": {"type": "object", "required": ["id", "measure", "numerator", "denominator"], "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "measure": {"type": "string"},
              "numerator": {"type": "integer"}, "denominator": {"type": "integer"}, "share": {"type": ["number", "null"]}, "at_least": {"type": ["number", "null"]}, "met": {"type": ["boolean", "null"]}}}},
            "audit_head": {"$ref": "#/components/schemas/AuditHead"}}},
          "AuditHead": {"type": "object", "required": ["seq", "hash"], "properties": {"seq": {"type": "integer"}, "hash": {"type": "string"}}},
          "Disclosure": {"type": "object", "required": ["entity_name", "credit_code", "plan_id", "result_code", "published_on"], "additionalProperties": true, "properties": {
            "entity_name": {"type": "string"}, "credit_code": {"type": "string"}, "plan_id": {"type": "string"}, "plan_title": {"type": "string"}, "jurisdiction": {"type": "string"},
            "departments": {"type": "array", "items": {"type": "string"}}, "inspected_on": {"type": "string"}, "result_code": {"type": "string"}, "result_label": {"type": "string"}, "result_tone": {"type": "string"},
            "findings": {"type": "array", "items": {"type": "string"}}, "published_on": {"type": "string"}, "audit_seq": {"type": "integer"}, "audit_hash": {"type": "string"}}}
        }
      }
    }
    """#
}
